import { describe, expect, it } from 'vitest';
import { checkRoute, createPlanState, solve, SolverInputError } from '../../../routing/solver/index';
import { checkBreaks } from '../../../routing/solver/check-breaks';
import { instance, matrix, request, timeline, vehicle } from './fixtures';

const OPTS = { seed: 1, maxIterations: 50 };
// Every leg takes 60 s; the bus's driver has a break from 300 to 400.
const m = matrix(3, { '0-1': 60, '0-2': 60, '1-2': 60 });
const bus = vehicle('v', { breaks: [{ startS: 300, endS: 400 }] });
const window = (node: number, earliestS: number, latestS: number, serviceS = 0) => ({ node, serviceS, earliestS, latestS });

describe('a driver\'s fixed break', () => {
  it('stands still through the break on a leg that meets it: the drop-off comes the break\'s length later', () => {
    // Picked up at 280, the ride would end at 340 — in the break. The bus stops at 300 and goes on at 400.
    const a = request('a', 1, 2, { pickup: window(1, 280, 290), dropoff: window(2, 0, 1000) });
    const route = solve(instance(m, [a], [bus]), OPTS).routes[0];
    expect(timeline(route)).toEqual([['a', 'pickup', 280, 280], ['a', 'dropoff', 440, 440]]);
  });

  it('serves no stop inside the break: a stop whose service would reach into it waits until the break ends', () => {
    const a = request('a', 1, 2, { pickup: window(1, 250, 600, 60), dropoff: window(2, 0, 1000) });
    const route = solve(instance(m, [a], [bus]), OPTS).routes[0];
    // Service 250–310 would meet the break: the pickup starts at 400.
    expect(timeline(route)[0]).toEqual(['a', 'pickup', 60, 400]);
  });

  it('refuses a ride whose window lies inside the break, with the time-window reason', () => {
    const a = request('a', 1, 2, { pickup: window(1, 310, 390), dropoff: window(2, 0, 1000) });
    expect(createPlanState(instance(m, [a], [bus]), []).insert('a')).toMatchObject({ feasible: false, reason: 'time_window' });
    expect(checkRoute(instance(m, [a], [bus]), 'v', [{ requestId: 'a', kind: 'pickup' }, { requestId: 'a', kind: 'dropoff' }]))
      .toMatchObject({ feasible: false, violations: [expect.objectContaining({ rule: 'time_window', requestId: 'a' })] });
    // The same ride on a bus without a break is fine.
    expect(createPlanState(instance(m, [a], [vehicle('v')]), []).insert('a')).toMatchObject({ feasible: true, pickupStartS: 310 });
  });

  it('lets the independent check name a schedule that serves a stop in the break or drives through it', () => {
    const a = request('a', 1, 2);
    const inst = instance(m, [a], [bus]);
    const stop = (kind: 'pickup' | 'dropoff', node: number, startS: number) => ({ requestId: 'a', kind, node, arrivalS: startS, startS, departureS: startS, load: [0] });
    const served = { vehicleId: 'v', departureS: 200, returnS: 500, durationS: 300, distanceM: 0, stops: [stop('pickup', 1, 260), stop('dropoff', 2, 350)] };
    expect(checkBreaks(inst, served, () => 0).map((v) => v.rule)).toEqual(['break', 'break']);
    const driven = { ...served, stops: [stop('pickup', 1, 260), stop('dropoff', 2, 410)] };
    expect(checkBreaks(inst, driven, () => 0)).toEqual([expect.objectContaining({ rule: 'break', detail: expect.stringMatching(/leg to stop 1 needs 160 s with the break, has 150 s/) })]);
    const fine = { ...served, stops: [stop('pickup', 1, 260), stop('dropoff', 2, 420)], returnS: 480 };
    expect(checkBreaks(inst, fine, () => 0)).toEqual([]);
  });

  it('keeps every stop of a solved day out of each bus\'s break, and the checker agrees with every route', () => {
    const nodes = 6;
    const day = matrix(nodes, {}, 120);
    const requests = Array.from({ length: 24 }, (_, i) => request(`r${i}`, 1 + (i % 5), 1 + ((i * 3 + 1) % 5) === 1 + (i % 5) ? 1 + ((i + 2) % 5) : 1 + ((i * 3 + 1) % 5), {
      pickup: window(1 + (i % 5), i * 150, i * 150 + 900, 30),
      dropoff: window(1 + ((i * 3 + 1) % 5) === 1 + (i % 5) ? 1 + ((i + 2) % 5) : 1 + ((i * 3 + 1) % 5), 0, 8000, 30),
      maxRideS: 900, mandatory: false,
    }));
    const buses = [
      vehicle('a', { end: { node: 0, latestS: 8000 }, maxDurationS: 8000, breaks: [{ startS: 1500, endS: 2400 }] }),
      vehicle('b', { end: { node: 0, latestS: 8000 }, maxDurationS: 8000, breaks: [{ startS: 1800, endS: 2700 }] }),
    ];
    const inst = { ...instance(day, requests, buses), nodeCount: nodes };
    const sol = solve(inst, { seed: 3, maxIterations: 200 });
    expect(sol.routes.flatMap((r) => r.stops).length).toBeGreaterThan(20);
    for (const route of sol.routes) {
      const pause = buses.find((b) => b.id === route.vehicleId)!.breaks![0];
      for (const s of route.stops) expect(s.startS + 30 <= pause.startS || s.startS >= pause.endS, `${route.vehicleId} ${s.requestId} ${s.kind} at ${s.startS}`).toBe(true);
      expect(checkRoute(inst, route.vehicleId, route.stops)).toMatchObject({ feasible: true });
    }
  });

  it('refuses breaks that end before they start or overlap', () => {
    const bad = vehicle('v', { breaks: [{ startS: 300, endS: 400 }, { startS: 350, endS: 500 }] });
    expect(() => createPlanState(instance(m, [], [bad]), [])).toThrow(SolverInputError);
    expect(() => createPlanState(instance(m, [], [vehicle('v', { breaks: [{ startS: 300, endS: 300 }] })]), [])).toThrow(/end after it starts/);
  });
});
