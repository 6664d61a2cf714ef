import type { Rng } from '../soak/rng';
import type { Agenda } from './agenda';
import type { Api, ApiAnswer } from './riders';
import type { SimDriver, TravelTable } from './world';

/** A stretch the bus drove, as the driver knows it. */
export interface Leg {
  vehicleId: string;
  fromStopId: string;
  toStopId: string;
  departMs: number;
  arriveMs: number;
  distanceM: number;
  /** People on board (seats of the riders carried). */
  onBoard: number;
}

export interface DriverBehaviour {
  /** Actual ÷ estimated travel time, drawn uniformly from this range per leg. */
  travelNoise: [number, number];
  /** Chance that a departure is late, and by how many minutes (from–to). */
  lateDeparture: number;
  lateByMin: [number, number];
  /** Seconds a rider takes to board or leave; a wheelchair user this much more. */
  dwellPerRiderS: number;
  dwellPerWheelchairS: number;
  /** How long a driver waits past the planned pickup before reporting a no-show. */
  noShowWaitS: number;
}

export const DRIVER_BEHAVIOUR: DriverBehaviour = {
  travelNoise: [0.9, 1.2], lateDeparture: 0.05, lateByMin: [3, 10], dwellPerRiderS: 30, dwellPerWheelchairS: 90, noShowWaitS: 180,
};

/** A plan changed between reading the manifest and reporting (409), or a ride moved meanwhile (422): read it again. */
const STALE = new Set([409, 422]);

interface Call {
  stopId: string;
  plannedAt: string;
  boarding: Array<{ bookingId: string; seats: number; wheelchairs: number }>;
  alighting: Array<{ bookingId: string; seats: number; wheelchairs: number }>;
}

interface ManifestView {
  version: number;
  shift: { startAt: string; endAt: string };
  startDepot: { stopId: string };
  endDepot: { stopId: string };
  stops: Call[];
}

/**
 * A driver who follows the manifest: leaves each stop so as to reach the next at its planned time
 * (sometimes late), drives it in the estimated time with noise, lets riders off, waits for the ones
 * boarding (reporting those who do not come), and reports every step through the driver API.
 * Between calls the bus stands where it last stopped; at the end of the shift it returns to its depot.
 */
export function createDriver(driver: SimDriver, deps: { api: Api; agenda: Agenda; travel: TravelTable; rng: Rng; noShows: ReadonlySet<string>; behaviour: DriverBehaviour; legs: Leg[] }) {
  const { api, agenda, travel, rng, behaviour } = deps;
  let atStopId: string | undefined;
  let driving: { toStopId: string } | undefined;
  let busyUntilMs = 0;
  let generation = 0;
  let finished = false;
  let onDuty = false;
  let eventCount = 0;
  let lateDecidedFor: string | undefined;
  const onBoard = new Map<string, number>();
  const seatsOnBoard = () => [...onBoard.values()].reduce((a, b) => a + b, 0);

  const wakeAt = (ms: number) => {
    const mine = (generation += 1);
    agenda.at(ms, 'driver', async () => {
      if (mine === generation) await wake();
    });
  };

  /**
   * The run sheet, asked for as the tablet does: with the ETag of the one it holds, so an unchanged
   * plan is answered 304 without being read again; `fresh` asks without it (after a stale report).
   */
  let held: { etag: string; manifest: ManifestView } | undefined;
  async function manifest(fresh: boolean): Promise<ManifestView | undefined> {
    const answer = await api('GET', '/v1/driver/manifest', driver.token, undefined, held && !fresh ? { 'if-none-match': held.etag } : {});
    if (answer.status === 304 && held) return held.manifest;
    held = undefined;
    if (answer.status === 404) return undefined;
    if (answer.status !== 200) throw new Error(`${driver.label}: manifest ${answer.status} ${JSON.stringify(answer.body)}`);
    if (answer.etag) held = { etag: answer.etag, manifest: answer.body as ManifestView };
    return answer.body as ManifestView;
  }

  async function report(body: Record<string, unknown>, version: number): Promise<ApiAnswer> {
    eventCount += 1;
    const answer = await api('POST', '/v1/driver/events', driver.token, { ...body, clientEventId: `${driver.label.replace(/\s/g, '')}-${eventCount}`, planVersion: version, at: agenda.now().toISOString() });
    if (answer.status >= 400 && !STALE.has(answer.status)) throw new Error(`${driver.label}: ${String(body.type)} ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer;
  }

  /** Acts on the current plan; a plan changed under the driver's feet is read again. */
  async function wake(): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      if (await step(attempt > 0)) return;
    }
    throw new Error(`${driver.label}: the plan kept changing under the driver`);
  }

  /** One look at the manifest (`fresh`: not the one held) and what follows from it; false when an event met a newer plan. */
  async function step(fresh: boolean): Promise<boolean> {
    const now = agenda.nowMs();
    const m = await manifest(fresh);
    if (!m) return true;
    atStopId ??= m.startDepot.stopId;
    if (driving) {
      const arrived = await report({ type: 'arrived', stopId: driving.toStopId }, m.version);
      if (STALE.has(arrived.status)) return false;
      atStopId = driving.toStopId;
      driving = undefined;
    }
    const call = m.stops[0];
    if (!call) return idle(m, now);
    if (call.stopId === atStopId) return serve(m, call, now);
    const travelS = travel.durationS(atStopId, call.stopId);
    const leaveAtMs = Date.parse(call.plannedAt) - travelS * 1000;
    if (now < leaveAtMs) {
      wakeAt(leaveAtMs);
      return true;
    }
    const leg = `${m.version}:${call.stopId}:${call.plannedAt}`;
    if (lateDecidedFor !== leg) {
      lateDecidedFor = leg;
      if (rng.chance(behaviour.lateDeparture)) {
        busyUntilMs = now + rng.between(...behaviour.lateByMin) * 60_000;
        wakeAt(busyUntilMs);
        return true;
      }
    }
    return drive(m.version, call.stopId, now);
  }

  async function drive(version: number, toStopId: string, now: number): Promise<boolean> {
    const departed = await report({ type: 'departed', stopId: atStopId }, version);
    if (STALE.has(departed.status)) return false;
    const durationMs = Math.round(travel.durationS(atStopId!, toStopId) * 1000 * rng.between(...behaviour.travelNoise));
    deps.legs.push({ vehicleId: driver.vehicleId, fromStopId: atStopId!, toStopId, departMs: now, arriveMs: now + durationMs, distanceM: travel.distanceM(atStopId!, toStopId), onBoard: seatsOnBoard() });
    driving = { toStopId };
    busyUntilMs = now + durationMs;
    wakeAt(busyUntilMs);
    return true;
  }

  async function serve(m: ManifestView, call: Call, now: number): Promise<boolean> {
    let version = m.version;
    let dwellS = 0;
    for (const rider of call.alighting) {
      const answer = await report({ type: 'dropped_off', bookingId: rider.bookingId }, version);
      if (STALE.has(answer.status)) return false;
      version = answer.body.planVersion;
      onBoard.delete(rider.bookingId);
      dwellS += behaviour.dwellPerRiderS * rider.seats + behaviour.dwellPerWheelchairS * rider.wheelchairs;
    }
    if (call.alighting.length === 0) {
      const readyAtMs = Date.parse(call.plannedAt);
      const waitingFor = call.boarding.filter((r) => deps.noShows.has(r.bookingId));
      const dueMs = waitingFor.length === call.boarding.length ? readyAtMs + behaviour.noShowWaitS * 1000 : readyAtMs;
      if (now < dueMs) {
        wakeAt(dueMs);
        return true;
      }
      for (const rider of call.boarding) {
        const noShow = deps.noShows.has(rider.bookingId);
        const answer = await report({ type: noShow ? 'no_show' : 'picked_up', bookingId: rider.bookingId }, version);
        if (STALE.has(answer.status)) return false;
        version = answer.body.planVersion;
        if (!noShow) onBoard.set(rider.bookingId, rider.seats);
        if (!noShow) dwellS += behaviour.dwellPerRiderS * rider.seats + behaviour.dwellPerWheelchairS * rider.wheelchairs;
      }
    }
    busyUntilMs = now + dwellS * 1000;
    wakeAt(busyUntilMs);
    return true;
  }

  /** Nothing planned: wait where the bus stands; at the end of the shift, back to the depot. */
  async function idle(m: ManifestView, now: number): Promise<boolean> {
    if (finished) return true;
    const home = m.endDepot.stopId;
    const homeAtMs = Date.parse(m.shift.endAt) - (travel.durationS(atStopId!, home) + 600) * 1000;
    if (now < homeAtMs) {
      wakeAt(homeAtMs);
      return true;
    }
    if (atStopId === home) {
      finished = true;
      return true;
    }
    const done = await drive(m.version, home, now);
    return done;
  }

  return {
    start: (shiftStartMs: number) => agenda.at(shiftStartMs, 'driver', async () => {
      onDuty = true;
      await wake();
    }),
    /** The plan may have changed (a booking decided, a re-optimisation): a driver who is waiting looks again now. */
    nudge() {
      if (!onDuty || driving || finished || agenda.nowMs() < busyUntilMs) return;
      wakeAt(agenda.nowMs());
    },
    get finished() {
      return finished;
    },
  };
}
