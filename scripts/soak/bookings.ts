import { localParts, localTimeToInstant } from '../../src/domain/bookings/local-time';
import type { Http } from './http';
import type { Rng } from './rng';
import type { SoakStop, SoakWorld } from './setup';

/** One booking as its client saw it. */
export interface BookingRecord {
  key: string;
  token: string;
  byDispatcher: boolean;
  sentAt: number;
  /** First answer to the POST (after retries); undefined when none came. */
  answer?: number;
  refusal?: string;
  id?: string;
  /** The decision the client was told, and how long after sending. */
  decision?: 'offered' | 'rejected';
  decidedAfterMs?: number;
  cancelled?: boolean;
}

const DECISION_POLL_FOR_MS = 180_000;
/** Rides wanted sooner than this come due while the soak runs. */
const SOON_MS = 6 * 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The booking traffic: villagers by app, dispatchers for phone callers, and what they do next. */
export function bookingClients(http: Http, world: SoakWorld, rng: Rng, now: () => Date) {
  const records: BookingRecord[] = [];
  // Phone callers, fewer than their bookings: a caller rings again and is found by the number.
  let callers = 20;
  const accessible = world.stops.filter((s) => s.wheelchairAccessible);
  const depots = new Map(world.stops.filter((s) => world.depotStopIds.includes(s.id)).map((s) => [s.id, s]));

  function body(byDispatcher: boolean): Record<string, unknown> {
    const wheelchair = rng.chance(0.03) && accessible.length >= 2;
    let [from, to] = rng.distinctPair(wheelchair ? accessible : world.stops);
    const when = requestedTime(rng, now(), world);
    const soon = when.getTime() - now().getTime() < SOON_MS;
    // Rides wanted within minutes start where a bus starts its day: an idle bus takes them there and
    // then, so drivers pick up, drive and drop off while the soak runs.
    if (soon && !wheelchair) from = depots.get(rng.pick(world.depotStopIds))!;
    if (from.id === to.id) to = world.stops[(world.stops.indexOf(to) + 1) % world.stops.length];
    const caller = rng.int(callers);
    return {
      pickup: place(rng, from),
      dropoff: place(rng, to),
      ...(soon || rng.chance(0.7) ? { departAfter: when.toISOString() } : { arriveBy: when.toISOString() }),
      seats: rng.pick([1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 3]),
      ...(wheelchair ? { wheelchairs: 1 } : {}),
      ...(rng.chance(0.1) ? { note: rng.pick(['Rollator', 'Bitte klingeln', 'Kommt mit Hund', 'Arzttermin 10 Uhr']) } : {}),
      ...(byDispatcher ? { rider: { name: `Anrufer ${caller + 1}`, phone: `+49 6551 6${String(caller).padStart(5, '0')}` } } : {}),
    };
  }

  /** Books, waits for the decision (polling after a 202), then maybe confirms and maybe cancels. */
  async function session(token: string, byDispatcher: boolean, prefer: number): Promise<void> {
    const record: BookingRecord = { key: `soak-${records.length}-${rng.int(1e9)}`, token, byDispatcher, sentAt: Date.now() };
    records.push(record);
    const res = await http('POST', '/v1/bookings', token, { body: body(byDispatcher), headers: { 'idempotency-key': record.key }, prefer });
    if (!res) return;
    record.answer = res.status;
    if (res.status >= 400) {
      record.refusal = String(res.body.reason ?? res.body.type ?? res.status).split('/').at(-1);
      return;
    }
    record.id = res.body.id as string;
    let status = res.body.status as string;
    while (status === 'pending' && Date.now() - record.sentAt < DECISION_POLL_FOR_MS) {
      await sleep(500);
      const poll = await http('GET', `/v1/bookings/${record.id}`, token);
      if (poll?.status === 200) status = poll.body.status as string;
    }
    if (status === 'pending') return;
    record.decision = status === 'rejected' ? 'rejected' : 'offered';
    record.decidedAfterMs = Date.now() - record.sentAt;
    if (record.decision !== 'offered') return;
    if (rng.chance(0.6)) {
      await sleep(rng.between(500, 4000));
      await http('POST', `/v1/bookings/${record.id}/confirm`, token, { body: {} });
    }
    if (rng.chance(0.12)) {
      await sleep(rng.between(1000, 20_000));
      const reason = byDispatcher ? { reason: 'Anrufer hat abgesagt' } : {};
      const cancelled = await http('POST', `/v1/bookings/${record.id}/cancel`, token, { body: reason });
      record.cancelled = cancelled?.status === 200;
    }
  }

  return {
    records,
    /** Posts `count` bookings at `rate` per second (open loop, at most `maxInFlight` sessions at once). */
    async run(count: number, rate: number, stopping: () => boolean, maxInFlight = 400): Promise<void> {
      const sessions = new Set<Promise<void>>();
      callers = Math.max(20, Math.round(count / 15));
      const t0 = Date.now();
      for (let i = 0; i < count && !stopping(); ) {
        const due = t0 + (i / rate) * 1000;
        if (due > Date.now()) await sleep(due - Date.now());
        while (sessions.size >= maxInFlight) await Promise.race(sessions);
        const byDispatcher = rng.chance(0.2);
        const token = byDispatcher ? rng.pick(world.dispatcherTokens) : rng.pick(world.riders).token;
        // Now and then a rider's app sends a burst of bookings at once (double taps, an eager user):
        // more than the per-rider limit, all at the same moment.
        const burst = !byDispatcher && rng.chance(0.005) ? Math.min(count - i, world.maxActiveBookingsPerRider + 5) : 1;
        for (let k = 0; k < burst; k += 1, i += 1) {
          const s = session(token, byDispatcher, i).catch((error: unknown) => console.error('booking session failed:', error));
          sessions.add(s);
          void s.finally(() => sessions.delete(s));
        }
      }
      await Promise.all(sessions);
    },
  };
}

/** A stop by id, or now and then by a coordinate next to it (the app's map pin), to be snapped. */
function place(rng: Rng, stop: SoakStop) {
  return rng.chance(0.1) ? { lat: stop.lat + rng.between(-0.001, 0.001), lon: stop.lon + rng.between(-0.001, 0.001) } : { stopId: stop.id };
}

/**
 * When the ride is wanted: 15 % within minutes (they come due while the soak runs), 25 % later today,
 * the rest on the following days, within the hours the service runs every day of the week.
 */
function requestedTime(rng: Rng, now: Date, world: SoakWorld): Date {
  const tz = world.timeZone;
  const today = localParts(now, tz);
  const lastToday = world.lastRideTodayMs;
  const soonest = now.getTime() + world.minLeadMin * 60_000 + 30_000;
  const roll = rng.next();
  if (roll < 0.15 && soonest + SOON_MS < lastToday) return new Date(soonest + rng.int(SOON_MS - 60_000));
  if (roll < 0.4 && soonest + 25 * 60_000 < lastToday) return new Date(rng.between(soonest + 25 * 60_000, lastToday));
  const day = new Date(Date.parse(`${today.date}T12:00:00Z`) + (1 + rng.int(13)) * 86_400_000).toISOString().slice(0, 10);
  const minute = 8 * 60 + rng.int(12 * 60 + 30);
  return localTimeToInstant(day, `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`, tz);
}
