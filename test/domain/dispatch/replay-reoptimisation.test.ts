import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { StraightLineEstimate } from '../../../routing/travel-times';
import { replanReplay } from '../../../src/cli/replan-replay';
import { parseConfig } from '../../../src/config/env';
import { decideAreaBatch } from '../../../src/domain/dispatch/decide-area-batch';
import { reoptimiseArea, replayCommand, replayReoptimisation } from '../../../src/domain/dispatch/reoptimise-area';
import { describeEachDriver, freshDatabase } from '../../support/databases';
import { TEST_NOW } from '../../support/test-app';
import { pendingDemo } from './batch-fixture';

describeEachDriver('replaying a logged re-optimisation solve', (driver) => {
  let database: Database;
  let fixture: Awaited<ReturnType<typeof decidedDemo>>;
  // One decided demo for all: replays write nothing, and the one test that writes comes last.
  beforeAll(async () => {
    fixture = await decidedDemo();
  });
  afterAll(() => database.close());

  async function decidedDemo() {
    database = await freshDatabase(driver);
    const pending = await pendingDemo(database, 40, 3);
    await decideAreaBatch(pending.deps, pending.demo.areaId);
    return { ...pending, reoptDeps: { ...pending.deps, budgetMs: 60_000, horizonMs: 48 * 3600_000, seed: 7, maxIterations: 300 } };
  }

  it('is what the logged command line prints, the same each time, writing nothing', async () => {
    const { repos, demo } = fixture;
    const command = replayCommand(demo.areaId, 7, 300, TEST_NOW);
    expect(command).toBe(`npm run cli -- replan:replay --area ${demo.areaId} --seed 7 --iterations 300 --at ${TEST_NOW.toISOString()}`);
    const options = { area: demo.areaId, seed: '7', iterations: '300', at: TEST_NOW.toISOString() };
    const printed: string[][] = [];
    const plansBefore = await repos.fleet.plansForShifts((await repos.fleet.shiftsOverlapping(demo.areaId, TEST_NOW, new Date(TEST_NOW.getTime() + 48 * 3600_000))).map((s) => s.shift.id));
    for (let run = 0; run < 2; run += 1) {
      const lines: string[] = [];
      await replanReplay(database.db, new StraightLineEstimate(), parseConfig({}), options, { info: (l) => lines.push(l), error: (l) => lines.push(l) });
      printed.push(lines);
    }
    expect(printed[1]).toEqual(printed[0]);
    expect(printed[0][0]).toBe(`Re-optimisation of area ${demo.areaId} at ${TEST_NOW.toISOString()}, seed 7, 300 iterations (nothing written):`);
    expect(printed[0].some((l) => /^ {2}Taxibus \d \(shift from [^)]+\): pickup /.test(l))).toBe(true);
    const plansAfter = await repos.fleet.plansForShifts(plansBefore.map((p) => p.shiftId));
    expect(plansAfter).toEqual(plansBefore);
  });

  it('names a wrong option', async () => {
    const { demo } = fixture;
    const run = (options: Record<string, string>) => replanReplay(database.db, new StraightLineEstimate(), parseConfig({}), options, { info: () => undefined, error: () => undefined });
    await expect(run({ area: demo.areaId, seed: 'x', iterations: '5' })).rejects.toThrow(/--seed: /);
    await expect(run({ area: demo.areaId, seed: '7', iterations: '-1' })).rejects.toThrow(/--iterations: /);
    await expect(run({ area: '6f1c2c5e-0000-4000-8000-000000000000', seed: '7', iterations: '5' })).rejects.toThrow(/--area: no service area/);
  });

  it('gives the answer the worker then writes, from the same database state, seed and iterations', async () => {
    const { repos, demo, reoptDeps } = fixture;
    const first = await replayReoptimisation(reoptDeps, demo.areaId);
    const second = await replayReoptimisation(reoptDeps, demo.areaId);
    expect(second).toEqual(first);
    expect(first.iterations).toBe(300);
    expect(first.changed.length).toBeGreaterThan(0);

    // The worker's own run on that state, with that seed and iteration count, writes exactly those routes.
    const outcome = await reoptimiseArea(reoptDeps, demo.areaId);
    expect(outcome).toMatchObject({ written: true, iterations: 300, after: first.cost });
    const plans = await repos.fleet.plansForShifts((await repos.fleet.shiftsOverlapping(demo.areaId, TEST_NOW, new Date(TEST_NOW.getTime() + 48 * 3600_000))).map((s) => s.shift.id));
    for (const { vehicleId } of first.changed) {
      const route = first.routes.find((r) => r.vehicleId === vehicleId)!;
      const plan = plans.find((p) => p.shiftId === vehicleId)!;
      expect(plan.stops.filter((s) => s.bookingId).map((s) => `${s.kind} ${s.bookingId}`)).toEqual(route.stops.map((s) => `${s.kind} ${s.requestId}`));
    }
  });
});
