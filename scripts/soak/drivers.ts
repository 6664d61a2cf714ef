import { haversineM } from '../../routing/travel-times/haversine';
import type { Http } from './http';
import type { Rng } from './rng';

interface Place { stopId: string; lat: number; lon: number }
interface Rider { bookingId: string; plannedAt: string }
interface Call extends Place { plannedAt: string; boarding: Rider[]; alighting: Rider[] }
interface ManifestBody { version: number; startDepot: Place; stops: Call[] }

/** The service's straight-line estimate (detour 1.35 at 50 km/h), so a bus leaves in time for its next stop. */
const travelMs = (a: Place, b: Place) => Math.round((haversineM(a, b) * 1.35) / (50 / 3.6)) * 1000;
const LEAVE_MARGIN_MS = 60_000;
const MAX_WAIT_S = 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createDriverStats() {
  return { events: new Map<string, number>(), refused: new Map<string, number>(), stuck: 0, polls: 0 };
}
export type DriverStats = ReturnType<typeof createDriverStats>;

/**
 * One driver's tablet: long-polls the manifest, leaves for the next stop in time, and at its planned
 * time reports arriving, each rider boarding (now and then a no-show) or leaving at their own planned
 * time (one call at a stop can hold a drop-off and, minutes later, a boarding), and departing.
 * The bus keeps to its plan, so the plans stay as feasible as the planner made them.
 */
export async function runTablet(http: Http, token: string, index: number, rng: Rng, stats: DriverStats, stopping: () => boolean): Promise<void> {
  let manifest: ManifestBody | undefined;
  let etag: string | undefined;
  let here: Place | undefined;
  let headingTo: string | undefined;
  let seq = 0;
  const failures = new Map<string, number>();

  const send = async (event: Record<string, unknown>): Promise<boolean> => {
    const res = await http('POST', '/v1/driver/events', token, { body: { ...event, clientEventId: `tablet${index}-${seq++}` } });
    if (res?.status === 201) {
      stats.events.set(event.type as string, (stats.events.get(event.type as string) ?? 0) + 1);
      if (manifest && typeof res.body.planVersion === 'number') manifest.version = res.body.planVersion;
      return true;
    }
    const why = `${event.type as string} ${res?.status ?? 'no answer'} ${String(res?.body.type ?? '').split('/').at(-1)}`;
    stats.refused.set(why, (stats.refused.get(why) ?? 0) + 1);
    return false;
  };

  const serve = async (call: Call): Promise<boolean> => {
    if (!(await send({ type: 'arrived', stopId: call.stopId, planVersion: manifest!.version }))) return false;
    await send({ type: 'position', lat: call.lat, lon: call.lon, time: new Date().toISOString() });
    const riders = [...call.alighting.map((r) => ({ ...r, boards: false })), ...call.boarding.map((r) => ({ ...r, boards: true }))]
      .sort((a, b) => Date.parse(a.plannedAt) - Date.parse(b.plannedAt));
    for (const rider of riders) {
      // In steps, so that the end of the soak does not wait for a rider planned minutes later.
      while (!stopping() && Date.parse(rider.plannedAt) > Date.now()) await sleep(Math.min(1000, Date.parse(rider.plannedAt) - Date.now()));
      if (stopping()) return true;
      const type = !rider.boards ? 'dropped_off' : rng.chance(0.03) ? 'no_show' : 'picked_up';
      if (!(await send({ type, bookingId: rider.bookingId, planVersion: manifest!.version }))) return false;
    }
    here = call;
    headingTo = undefined;
    return true;
  };

  // The tablet acts only on a manifest the server just confirmed (200, or 304 for the one it holds);
  // every action changes the plan, so the next one waits for a fresh manifest.
  let confirmed = false;
  const acted = () => {
    confirmed = false;
    etag = undefined;
  };
  while (!stopping()) {
    const next = manifest?.stops[0];
    const key = next && `${next.stopId}@${next.plannedAt}`;
    if (confirmed && next && here && (failures.get(key!) ?? 0) < 5) {
      const dueMs = Date.parse(next.plannedAt);
      const leaveMs = dueMs - travelMs(here, next) - LEAVE_MARGIN_MS;
      if (headingTo !== next.stopId && here.stopId !== next.stopId && Date.now() >= leaveMs) {
        if (await send({ type: 'departed', stopId: here.stopId, planVersion: manifest!.version })) headingTo = next.stopId;
        acted();
        continue;
      }
      if (Date.now() >= dueMs && (headingTo === next.stopId || here.stopId === next.stopId)) {
        if (!(await serve(next))) {
          failures.set(key!, (failures.get(key!) ?? 0) + 1);
          if (failures.get(key!) === 5) stats.stuck += 1;
        }
        acted();
        continue;
      }
    }
    const onTheWay = next && here && (headingTo === next.stopId || here.stopId === next.stopId);
    const stuck = (failures.get(key ?? '') ?? 0) >= 5;
    const untilNextMs = next && here && !stuck ? (onTheWay ? Date.parse(next.plannedAt) : Date.parse(next.plannedAt) - travelMs(here, next) - LEAVE_MARGIN_MS) - Date.now() : Infinity;
    const waitS = confirmed ? Math.max(0, Math.min(MAX_WAIT_S, Math.floor(untilNextMs / 1000))) : 0;
    stats.polls += 1;
    const res = await http('GET', `/v1/driver/manifest${waitS > 0 ? `?wait=${waitS}` : ''}`, token, { headers: etag ? { 'if-none-match': etag } : {}, timeoutMs: (MAX_WAIT_S + 20) * 1000 });
    confirmed = res?.status === 200 || res?.status === 304;
    if (res?.status === 200) {
      manifest = res.body as unknown as ManifestBody;
      etag = res.headers.get('etag') ?? undefined;
      here ??= manifest.startDepot;
    } else if (res?.status === 404) {
      // No shift of this driver today (late evening): nothing to drive.
      manifest = undefined;
      await sleep(5000);
    } else if (!res || res.status !== 304) {
      await sleep(1000);
    } else if (waitS === 0 && untilNextMs > 0) {
      await sleep(Math.min(1000, untilNextMs));
    }
  }
}
