import { describe, expect, it } from 'vitest';
import { createPlanState, SolverInputError, type PlanInput } from '../../../routing/solver/index';
import { createGrowablePlanState } from '../../../routing/solver/plan-state-extend';
import { instance, lineMatrix, request, vehicle } from './fixtures';

const m = lineMatrix([0, 10, 20, 30, 40, 50]);
const window = (node: number, earliestS: number, latestS: number) => ({ node, serviceS: 5, earliestS, latestS });
const ride = (id: string, from: number, to: number, at: number) =>
  request(id, from, to, { mandatory: false, maxRideS: 120, pickup: window(from, at, at + 60), dropoff: window(to, at, at + 200) });

const vehicles = [vehicle('v', { capacity: [2] }), vehicle('w', { capacity: [2], start: { node: 5, earliestS: 0 }, end: { node: 5, latestS: 1000 } })];
const planned = [ride('a', 1, 3, 0), ride('b', 4, 2, 50)];
const plans: PlanInput[] = [
  { vehicleId: 'v', stops: [{ requestId: 'a', kind: 'pickup' }, { requestId: 'a', kind: 'dropoff' }] },
  { vehicleId: 'w', stops: [{ requestId: 'b', kind: 'pickup' }, { requestId: 'b', kind: 'dropoff' }] },
];
const later = [ride('c', 2, 5, 40), ride('d', 1, 4, 20), ride('e', 3, 1, 30), ride('f', 5, 0, 10), ride('g', 2, 3, 25)];

describe('a plan state that takes requests it was not built with', () => {
  it('answers as a plan state built over the whole instance, also once its spare slots ran out', () => {
    for (const spare of [256, 2, 0]) {
      const fresh = createPlanState(instance(m, [...planned, ...later], vehicles), plans);
      const grown = createGrowablePlanState(instance(m, planned, vehicles), plans, spare);
      grown.upsertRequests(later.slice(0, 3));
      grown.upsertRequests(later.slice(3));
      const answers = later.map((r) => grown.apply(r.id));
      expect(answers).toEqual(later.map((r) => fresh.apply(r.id)));
      expect(answers.filter((a) => a.feasible).length).toBeGreaterThanOrEqual(2);
      expect(answers.filter((a) => !a.feasible).length).toBeGreaterThanOrEqual(1);
    }
  });

  it('takes changed plans and changed requests as a rebuild would', () => {
    const grown = createGrowablePlanState(instance(m, planned, vehicles), plans);
    const tighter = { ...planned[0], dropoff: window(3, 0, 40) };
    const moved: PlanInput[] = [{ vehicleId: 'v', stops: [] }, { vehicleId: 'w', stops: [...plans[1].stops, ...plans[0].stops] }];
    grown.setVehicleStarts([{ vehicleId: 'w', earliestS: 30 }]);
    grown.upsertRequests([tighter, later[0]]);
    grown.setPlans(moved);
    const started = [vehicles[0], { ...vehicles[1], start: { node: 5, earliestS: 30 } }];
    const fresh = createPlanState(instance(m, [tighter, planned[1], later[0]], started), moved);
    expect(grown.insert('c')).toEqual(fresh.insert('c'));
    expect(grown.plans()).toEqual([moved[1]]);
    expect(grown.apply('a')).toMatchObject({ feasible: false, reason: 'already_planned', detail: 'already on vehicle w' });
  });

  it('checks an added request as compiling it would', () => {
    const grown = createGrowablePlanState(instance(m, planned, vehicles), plans);
    expect(() => grown.upsertRequests([ride('z', 9, 1, 0)])).toThrow(SolverInputError);
    expect(() => grown.upsertRequests([{ ...ride('z', 1, 2, 0), pinnedVehicleId: 'nope' }])).toThrow(SolverInputError);
    expect(() => grown.insert('\u0000spare0')).toThrow(SolverInputError);
  });
});
