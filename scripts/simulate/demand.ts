import { demoStops } from '../../db/seed/eifel-demo-data';
import { createRng, type Rng } from '../soak/rng';
import { ACCESSIBLE_HOMES, ATTRACTORS, HOME_STOP, OUTWARD_BY_HOUR, PURPOSES, TOWN_WEIGHT, VILLAGE_POPULATION, type Purpose } from './places';
import { localTime } from './local-time';

/** One ride request of the simulated day: who asks, when, for what. Stops are demo stop codes. */
export interface DemandRequest {
  id: string;
  requestedAt: Date;
  pickup: string;
  dropoff: string;
  time: Date;
  mode: 'depart_after' | 'arrive_by';
  seats: number;
  wheelchairs: number;
  /** The same rider books an outward ride and its return. */
  rider: string;
  /** The rider cancels then (before the cancellation cut-off). */
  cancelAt?: Date;
  /** The rider is not at the stop when the bus comes. */
  noShow?: boolean;
  /** A return ride: the id of the outward one (not sent, or cancelled, when that one was refused). */
  returnOf?: string;
}

export interface DemandSettings {
  /** YYYY-MM-DD, local to the area. */
  day: string;
  seed: number;
  /** Outward trips per 1,000 residents (towns weighted, see places.ts) and day. */
  outwardPer1000: number;
  timeZone: string;
}

/** The documented rates of the synthetic day (README, "A simulated day"). */
export const RATES = {
  returnShare: 0.65, returnBookedWithOutward: 0.7, villageToVillage: 0.1, wheelchair: 0.03,
  groups: [[1, 0.82], [2, 0.12], [3, 0.04], [4, 0.02]] as Array<[number, number]>,
  leadSameDay: 0.4, leadDayBefore: 0.35, cancellation: 0.05, noShow: 0.03,
};

const stopsByCode = new Map(demoStops.map((s) => [s.code, s]));
const homeStop = (village: string) => HOME_STOP[village] ?? demoStops.find((s) => s.village === village)!.code;
const km = (a: string, b: string) => {
  const [p, q] = [stopsByCode.get(a)!, stopsByCode.get(b)!];
  const dLat = (p.lat - q.lat) * 111.2;
  const dLon = (p.lon - q.lon) * 111.2 * Math.cos((p.lat * Math.PI) / 180);
  return Math.hypot(dLat, dLon);
};
/** A rough door-to-door time for planning the stay, not the service's own estimate. */
const roughMinutes = (a: string, b: string) => (km(a, b) * 1.35 * 60) / 50;

function weighted<T>(rng: Rng, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let at = rng.next() * total;
  for (const [item, w] of items) if ((at -= w) < 0) return item;
  return items[items.length - 1][0];
}

/** Nearer places draw more trips (gravity 1/(d+2)²). */
const nearer = (rng: Rng, from: string, codes: readonly string[]) => weighted(rng, codes.filter((c) => c !== from).map((c) => [c, 1 / (km(from, c) + 2) ** 2] as const));

/**
 * The synthetic day: outward trips from the villages in proportion to their population, to the
 * places of their purpose (nearer ones likelier), at the hours of the profile, and their returns.
 * The same settings give the same requests.
 */
export function syntheticDemand(settings: DemandSettings): DemandRequest[] {
  const rng = createRng(settings.seed);
  const villages = Object.entries(VILLAGE_POPULATION).map(([v, pop]) => [v, pop * (TOWN_WEIGHT[v] ?? 1)] as const);
  const residents = villages.reduce((sum, [, w]) => sum + w, 0);
  const outward = Math.round((residents / 1000) * settings.outwardPer1000);
  const at = (minutes: number) => localTime(settings.day, minutes, settings.timeZone);
  const requests: DemandRequest[] = [];
  for (let i = 0; i < outward; i += 1) {
    const wheelchairs = rng.chance(RATES.wheelchair) ? 1 : 0;
    const village = weighted(rng, wheelchairs ? villages.filter(([v]) => ACCESSIBLE_HOMES.includes(v)) : villages);
    const home = homeStop(village);
    const purpose = weighted(rng, PURPOSES.map((p) => [p, p.share] as const));
    const destination = rng.chance(RATES.villageToVillage) && !wheelchairs
      ? nearer(rng, home, villages.map(([v]) => homeStop(v)))
      : nearer(rng, home, ATTRACTORS[purpose.purpose]);
    if (destination === home) continue;
    const minute = outwardMinute(rng, purpose.purpose);
    const mode = rng.chance(purpose.arriveByShare) ? 'arrive_by' : 'depart_after';
    const seats = wheelchairs ? 1 : weighted(rng, RATES.groups);
    const rider = `rider-${i}`;
    const out: DemandRequest = {
      id: `r${String(requests.length + 1).padStart(4, '0')}`, pickup: home, dropoff: destination, time: at(minute), mode, seats, wheelchairs, rider,
      requestedAt: requestedBefore(rng, at(minute), mode, settings),
    };
    requests.push(out);
    const returnShare = purpose.purpose === 'school' || purpose.purpose === 'station' ? 0.9 : RATES.returnShare;
    if (!rng.chance(returnShare)) continue;
    const arrival = minute + (mode === 'arrive_by' ? 0 : roughMinutes(home, destination) + 10);
    const back = Math.round(arrival + rng.between(...purpose.stayMin));
    if (back > 22 * 60) continue;
    const together = rng.chance(RATES.returnBookedWithOutward);
    const requestedAt = together ? new Date(out.requestedAt.getTime() + 60_000) : requestedBefore(rng, at(back), 'depart_after', settings);
    requests.push({
      id: `r${String(requests.length + 1).padStart(4, '0')}`, pickup: destination, dropoff: home, time: at(back), mode: 'depart_after', seats, wheelchairs, rider,
      requestedAt: requestedAt < out.requestedAt ? new Date(out.requestedAt.getTime() + 60_000) : requestedAt, returnOf: out.id,
    });
  }
  for (const request of requests) addCancellationOrNoShow(rng, request);
  return numberedInOrder(requests);
}

/** Sorted by the time they are asked, numbered in that order (r0001 = line 1 of the CSV). */
function numberedInOrder(requests: DemandRequest[]): DemandRequest[] {
  const sorted = [...requests].sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime() || a.id.localeCompare(b.id));
  const renamed = new Map(sorted.map((r, i) => [r.id, `r${String(i + 1).padStart(4, '0')}`]));
  return sorted.map((r) => ({ ...r, id: renamed.get(r.id)!, ...(r.returnOf ? { returnOf: renamed.get(r.returnOf)! } : {}) }));
}

function outwardMinute(rng: Rng, purpose: Purpose): number {
  if (purpose === 'school') return 7 * 60 + rng.int(60);
  const hour = weighted(rng, Object.entries(OUTWARD_BY_HOUR).map(([h, w]) => [Number(h), w] as const));
  // The service day begins at 05:30.
  return Math.max(5 * 60 + 45, hour * 60 + rng.int(60));
}

/** Lead time: same day (≥ 30 min, 45 for arrive-by), the day before, or two to three days ahead. */
function requestedBefore(rng: Rng, time: Date, mode: DemandRequest['mode'], settings: DemandSettings): Date {
  const draw = rng.next();
  if (draw < RATES.leadSameDay) return new Date(time.getTime() - rng.between(mode === 'arrive_by' ? 45 : 32, 240) * 60_000);
  const daysAhead = draw < RATES.leadSameDay + RATES.leadDayBefore ? 1 : 2 + rng.int(2);
  const dayStart = localTime(settings.day, 0, settings.timeZone).getTime();
  return new Date(dayStart - daysAhead * 86_400_000 + rng.between(8 * 60, 20 * 60) * 60_000);
}

function addCancellationOrNoShow(rng: Rng, request: DemandRequest) {
  if (rng.chance(RATES.cancellation)) {
    // Before the cut-off (60 min in the demo rules), with five minutes to spare.
    const latest = request.time.getTime() - 65 * 60_000;
    if (latest > request.requestedAt.getTime()) request.cancelAt = new Date(rng.between(request.requestedAt.getTime() + 60_000, latest));
    return;
  }
  if (rng.chance(RATES.noShow)) request.noShow = true;
}

const CSV_HEADER = 'requested_at,pickup,dropoff,time,mode,seats,wheelchairs,rider,cancel_at,no_show,return_of';

/** The demand as CSV (the replay format; the last four columns may be left empty or out). */
export function demandToCsv(requests: DemandRequest[]): string {
  const lines = requests.map((r) => [
    r.requestedAt.toISOString(), r.pickup, r.dropoff, r.time.toISOString(), r.mode, r.seats, r.wheelchairs, r.rider, r.cancelAt?.toISOString() ?? '', r.noShow ? 'yes' : '', r.returnOf ? Number(r.returnOf.slice(1)) : '',
  ].join(','));
  return `${CSV_HEADER}\n${lines.join('\n')}\n`;
}

/**
 * Reads the replay format: a header line, then one request a line. Required columns: requested_at,
 * pickup, dropoff, time (ISO 8601 with offset; stops by demo stop code), mode (depart_after or
 * arrive_by), seats, wheelchairs. Optional: rider (same rider, same person), cancel_at, no_show
 * (yes), return_of (the number of the outward request: 1 = the first line after the header).
 * Throws naming the line and column of the first mistake.
 */
export function demandFromCsv(text: string, knownStops: ReadonlySet<string>): DemandRequest[] {
  const [header, ...rows] = text.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const columns = (header ?? '').split(',').map((c) => c.trim());
  for (const required of ['requested_at', 'pickup', 'dropoff', 'time', 'mode', 'seats', 'wheelchairs']) {
    if (!columns.includes(required)) throw new Error(`demand file: header lacks the column ${required}`);
  }
  return rows.map((row, index) => {
    const cells = row.split(',').map((c) => c.trim());
    const get = (name: string) => cells[columns.indexOf(name)] ?? '';
    const line = index + 2;
    const fail = (column: string, what: string): never => {
      throw new Error(`demand file line ${line}, ${column}: ${what} (got "${get(column)}")`);
    };
    const date = (column: string) => (/^\d{4}-\d\d-\d\dT/.test(get(column)) && !Number.isNaN(Date.parse(get(column))) ? new Date(get(column)) : fail(column, 'expected an ISO 8601 time'));
    const stop = (column: string) => (knownStops.has(get(column)) ? get(column) : fail(column, 'expected a stop code of the demo area'));
    const count = (column: string, min: number) => (/^\d+$/.test(get(column)) && Number(get(column)) >= min ? Number(get(column)) : fail(column, `expected a whole number ≥ ${min}`));
    const mode = get('mode') === 'depart_after' || get('mode') === 'arrive_by' ? get('mode') as DemandRequest['mode'] : fail('mode', 'expected depart_after or arrive_by');
    return {
      id: `r${String(index + 1).padStart(4, '0')}`, requestedAt: date('requested_at'), pickup: stop('pickup'), dropoff: stop('dropoff'), time: date('time'), mode,
      seats: count('seats', 1), wheelchairs: count('wheelchairs', 0), rider: get('rider') || `line-${line}`,
      ...(get('cancel_at') ? { cancelAt: date('cancel_at') } : {}),
      ...(get('no_show') === 'yes' ? { noShow: true } : {}),
      ...(get('return_of') ? { returnOf: `r${String(count('return_of', 1)).padStart(4, '0')}` } : {}),
    };
  });
}
