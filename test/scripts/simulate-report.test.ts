import { describe, expect, it } from 'vitest';
import { comparisonRuns, interpolate } from '../../scripts/simulate/comparisons';
import { dayKpis } from '../../scripts/simulate/kpis';
import { reportHtml } from '../../scripts/simulate/report';
import type { DayResult } from '../../scripts/simulate/run-day';

const at = (hhmm: string) => Date.parse(`2026-12-01T${hhmm}:00+01:00`);

/** Two buses, one ride on each, as a run would hand them over. */
function fakeDay(): DayResult {
  const booking = (id: string, vehicleId: string, from: string, to: string) => ({
    id, vehicleId, status: 'completed', seats: 1, pickedUpAt: new Date(at(from)), droppedOffAt: new Date(at(to)), directDurationS: 600,
    promisedPickupFrom: new Date(at(from) - 300_000), promisedPickupTo: new Date(at(from) + 300_000), promisedLatestArrival: new Date(at(to) + 60_000),
  });
  return {
    run: { day: '2026-12-01', seed: 1, fleet: 2, policy: 'insertion', redisUrl: '', reoptimiseEveryS: 300, reoptimiseBudgetMs: 500, timeZone: 'Europe/Berlin' },
    outcomes: [], reoptimisations: 0, wallS: 1, stops: [], solveIterations: [], cpuS: 1, hostLoad: 1,
    wallByKind: { setup: { seconds: 1, instants: 0 }, request: { seconds: 0, instants: 0 }, cancel: { seconds: 0, instants: 0 }, driver: { seconds: 0, instants: 0 }, reoptimise: { seconds: 0, instants: 0 } },
    vehicles: [{ id: 'v1', label: 'Taxibus 1' }, { id: 'v2', label: 'Taxibus 2' }],
    legs: [
      { vehicleId: 'v1', fromStopId: 'a', toStopId: 'b', departMs: at('07:00'), arriveMs: at('07:20'), distanceM: 15_000, onBoard: 0 },
      { vehicleId: 'v1', fromStopId: 'b', toStopId: 'c', departMs: at('07:25'), arriveMs: at('07:40'), distanceM: 12_000, onBoard: 1 },
      { vehicleId: 'v2', fromStopId: 'c', toStopId: 'd', departMs: at('09:00'), arriveMs: at('09:30'), distanceM: 20_000, onBoard: 1 },
    ],
    bookings: [booking('b1', 'v1', '07:25', '07:40'), booking('b2', 'v2', '09:00', '09:30')] as unknown as DayResult['bookings'],
  };
}

describe('the simulation report', () => {
  it('adds the buses\' hours and weighs occupancy by driving time', () => {
    const k = dayKpis(fakeDay());
    expect(k.vehicleKm).toBe(47);
    expect(k.emptyKm).toBe(15);
    expect(k.passengerKm).toBe(32);
    expect(k.vehicleHours).toBeCloseTo(40 / 60 + 30 / 60, 2);
    expect(k.occupancyWhileMoving).toBeCloseTo(45 / 65, 2);
    expect(k.pooledShare).toBe(0);
    expect(k.detourFactor.p50).toBe(3);
  });

  it('is one file with its charting library inlined and nothing to fetch', () => {
    const result = fakeDay();
    const html = reportHtml({ day: '2026-12-01', seed: 1, demandSource: 'synthetic', requests: 2 }, [{ variant: comparisonRuns('reoptimise')[3], result, kpis: dayKpis(result) }]);
    expect(html).toContain('new Chart(');
    expect(html.length).toBeGreaterThan(100_000);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|<img[^>]+src=|url\(\s*['"]?https?:/i);
  });

  it('interpolates insertion\'s km at another acceptance, and not beyond its sweep', () => {
    const curve = [{ x: 0.5, y: 1000 }, { x: 0.7, y: 2000 }];
    expect(interpolate(curve, 0.6)).toBeCloseTo(1500);
    expect(interpolate(curve, 0.8)).toBeUndefined();
  });
});
