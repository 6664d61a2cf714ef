import { and, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { events, stops as stopsTable, vehiclePlans } from '../../db/schema';
import { demoStops } from '../../db/seed/eifel-demo-data';
import { StraightLineEstimate } from '../../routing/travel-times';
import { demandFromCsv, demandToCsv, syntheticDemand, type DemandRequest } from '../../scripts/simulate/demand';
import { dayKpis, type DayKpis } from '../../scripts/simulate/kpis';
import { localTime } from '../../scripts/simulate/local-time';
import { simulateDay, type DayResult } from '../../scripts/simulate/run-day';

const TZ = 'Europe/Berlin';
const day = { day: '2026-12-01', outwardPer1000: 3, timeZone: TZ };

describe('the synthetic demand', () => {
  it('is the same for the same seed and another for another seed', () => {
    const once = syntheticDemand({ ...day, seed: 5 });
    expect(syntheticDemand({ ...day, seed: 5 })).toEqual(once);
    expect(demandToCsv(syntheticDemand({ ...day, seed: 6 }))).not.toBe(demandToCsv(once));
  });

  it('asks in time order, at least 30 minutes ahead, between demo stops, with returns after their outward ride', () => {
    const demand = syntheticDemand({ ...day, seed: 5 });
    const codes = new Set(demoStops.map((s) => s.code));
    const byId = new Map(demand.map((r) => [r.id, r]));
    expect(demand.length).toBeGreaterThan(100);
    for (const [i, r] of demand.entries()) {
      if (i > 0) expect(r.requestedAt.getTime()).toBeGreaterThanOrEqual(demand[i - 1].requestedAt.getTime());
      expect(r.time.getTime() - r.requestedAt.getTime()).toBeGreaterThanOrEqual(30 * 60_000);
      expect(codes.has(r.pickup) && codes.has(r.dropoff) && r.pickup !== r.dropoff).toBe(true);
      if (r.returnOf) expect(byId.get(r.returnOf)!.time.getTime()).toBeLessThan(r.time.getTime());
    }
    const morning = demand.filter((r) => !r.returnOf && r.time < localTime('2026-12-01', 10 * 60, TZ)).length;
    const evening = demand.filter((r) => !r.returnOf && r.time >= localTime('2026-12-01', 18 * 60, TZ)).length;
    expect(morning).toBeGreaterThan(evening * 2);
  });

  it('reads back from its CSV as it was written, and names the line of a mistake', () => {
    const demand = syntheticDemand({ ...day, seed: 5 });
    const codes = new Set(demoStops.map((s) => s.code));
    expect(demandFromCsv(demandToCsv(demand), codes)).toEqual(demand);
    const bad = 'requested_at,pickup,dropoff,time,mode,seats,wheelchairs\n2026-11-30T08:00:00+01:00,BIT-ZOB,XXX,2026-12-01T08:00:00+01:00,depart_after,1,0\n';
    expect(() => demandFromCsv(bad, codes)).toThrow('line 2, dropoff');
  });
});

/** The legs each bus drove, from the driver events in the database: from each departure to the next arrival. */
function legsFromEventLog(rows: Array<{ kind: string; at: Date; vehicleId: string | null; data: Record<string, unknown> | null }>) {
  const legs: Array<{ vehicleId: string; from: string; to: string; departMs: number; arriveMs: number }> = [];
  const open = new Map<string, { from: string; at: number }>();
  for (const row of rows) {
    const stopId = String(row.data?.stopId);
    if (row.kind === 'driver.departed') open.set(row.vehicleId!, { from: stopId, at: row.at.getTime() });
    if (row.kind === 'driver.arrived') {
      const leg = open.get(row.vehicleId!);
      if (leg) legs.push({ vehicleId: row.vehicleId!, from: leg.from, to: stopId, departMs: leg.at, arriveMs: row.at.getTime() });
      open.delete(row.vehicleId!);
    }
  }
  return legs;
}

describe('a simulated morning', { timeout: 120_000 }, () => {
  let result: DayResult;
  let kpis: DayKpis;

  beforeAll(async () => {
    const demand: DemandRequest[] = syntheticDemand({ ...day, seed: 3, outwardPer1000: 1 }).filter((r) => r.time < localTime('2026-12-01', 9 * 60, TZ));
    result = await simulateDay({
      day: '2026-12-01', seed: 3, demand, fleet: 3, policy: 'reoptimise', redisUrl: inject('redisUrl'), timeZone: TZ,
      reoptimiseEveryS: 600, reoptimiseBudgetMs: 200, reoptimiseIterations: 100, endMinute: 10 * 60 + 30, keepOpen: true,
    });
    kpis = dayKpis(result);
    // A whole simulated morning on a shared host: the hook waits for it, as the tests do.
  }, 600_000);
  afterAll(() => result?.world?.close());

  it('books, drives and serves rides', () => {
    expect(kpis.requests).toBeGreaterThan(5);
    expect(kpis.ridesServed).toBeGreaterThan(3);
    expect(kpis.vehicleKm).toBeGreaterThan(0);
  });

  it('has the KPIs an independent recount from the event log, the bookings and the plans gives', async () => {
    const { db } = result.world!.database;
    const vehicleIds = result.vehicles.map((v) => v.id);
    const rows = await db.select().from(events).where(and(like(events.kind, 'driver.%'), inArray(events.vehicleId, vehicleIds))).orderBy(events.id);
    const stops = await db.select().from(stopsTable);
    const estimate = await new StraightLineEstimate().matrix(stops.map((s) => ({ lat: s.lat, lon: s.lon })));
    const index = new Map(stops.map((s, i) => [s.id, i]));
    const metres = (a: string, b: string) => estimate.distanceM[index.get(a)! * stops.length + index.get(b)!];

    // Who was on board when, from the pickup and drop-off events, and how many seats each took.
    const seats = new Map(result.bookings.map((b) => [b.id, b.seats]));
    const boarded = new Map(rows.filter((r) => r.kind === 'driver.picked_up').map((r) => [r.bookingId!, { vehicleId: r.vehicleId!, at: r.at.getTime() }]));
    const left = new Map(rows.filter((r) => r.kind === 'driver.dropped_off').map((r) => [r.bookingId!, r.at.getTime()]));
    const onBoardAt = (vehicleId: string, ms: number) => [...boarded].filter(([id, b]) => b.vehicleId === vehicleId && b.at <= ms && (left.get(id) ?? Infinity) > ms).reduce((sum, [id]) => sum + seats.get(id)!, 0);

    const legs = legsFromEventLog(rows);
    const km = (list: typeof legs) => Math.round(list.reduce((sum, l) => sum + metres(l.from, l.to), 0) / 100) / 10;
    expect(kpis.vehicleKm).toBeCloseTo(km(legs), 1);
    expect(kpis.emptyKm).toBeCloseTo(km(legs.filter((l) => onBoardAt(l.vehicleId, l.departMs) === 0)), 1);
    const hours = vehicleIds.map((id) => legs.filter((l) => l.vehicleId === id)).filter((list) => list.length > 0)
      .reduce((sum, list) => sum + (Math.max(...list.map((l) => l.arriveMs)) - Math.min(...list.map((l) => l.departMs))) / 3_600_000, 0);
    expect(kpis.vehicleHours).toBeCloseTo(hours, 1);
    const passengerKm = legs.reduce((sum, l) => sum + onBoardAt(l.vehicleId, l.departMs) * metres(l.from, l.to), 0) / 1000;
    expect(kpis.passengerKm).toBeCloseTo(passengerKm, 0);

    // Served rides: a drop-off event each, on the bus the booking's plan put it on.
    expect(kpis.ridesServed).toBe(left.size);
    for (const b of result.bookings.filter((x) => x.status === 'completed')) expect(boarded.get(b.id)?.vehicleId).toBe(b.vehicleId);
    const intervals = [...left].map(([id, to]) => ({ id, vehicleId: boarded.get(id)!.vehicleId, from: boarded.get(id)!.at, to }));
    const pooled = intervals.filter((a) => intervals.some((b) => b.id !== a.id && b.vehicleId === a.vehicleId && a.from < b.to && b.from < a.to)).length;
    expect(kpis.pooledShare).toBeCloseTo(pooled / intervals.length, 3);
    expect(kpis.noShows).toBe(rows.filter((r) => r.kind === 'driver.no_show').length);

    // Accepted rides were on a bus's plan; the served ones are off every plan.
    const offeredIds = new Set(result.outcomes.filter((o) => o.decision === 'offered').map((o) => o.bookingId));
    expect(kpis.accepted).toBe(offeredIds.size);
    for (const b of result.bookings.filter((x) => offeredIds.has(x.id))) expect(b.shiftId).not.toBeNull();
    const plans = await db.select().from(vehiclePlans);
    const stillPlanned = new Set(plans.flatMap((p) => p.stops.map((s) => s.bookingId)));
    for (const id of left.keys()) expect(stillPlanned.has(id)).toBe(false);

    // On time: picked up within the promised window, by the pickup events' times.
    const onTime = result.bookings.filter((b) => left.has(b.id) && b.promisedPickupFrom && boarded.get(b.id)!.at >= b.promisedPickupFrom.getTime() && boarded.get(b.id)!.at <= b.promisedPickupTo!.getTime()).length;
    expect(kpis.pickup.onTime).toBe(onTime);
  });
});
