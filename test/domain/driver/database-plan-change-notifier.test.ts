import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { seedDemo } from '../../../src/seed/seed-demo';
import { createRepositories, type Repositories } from '../../../src/domain/context';
import { createDatabasePlanChangeNotifier, type PlanChangeNotifier } from '../../../src/domain/dispatch/plan-change-notifier';
import { describeEachDriver, freshDatabase } from '../../support/databases';
import { TEST_NOW } from '../../support/test-app';

describeEachDriver('plan changes announced by the database', (driver) => {
  let writer: Database;
  let listener: Database;
  let repos: Repositories;
  let notifier: PlanChangeNotifier;
  let shift: { id: string; vehicleId: string };
  beforeAll(async () => {
    writer = await freshDatabase(driver);
    listener = writer;
    repos = createRepositories(writer.db);
    const demo = await seedDemo(repos, { now: TEST_NOW });
    const [first] = await repos.fleet.shiftsOverlapping(demo.areaId, TEST_NOW, new Date(TEST_NOW.getTime() + 3600_000));
    shift = { id: first.shift.id, vehicleId: first.vehicle.id };
    notifier = await createDatabasePlanChangeNotifier(listener);
  });
  afterAll(async () => {
    await notifier.close();
    await writer.close();
  });

  const heard = (shiftId: string) => new Promise<number>((resolve) => {
    const off = notifier.subscribe(shiftId, (version) => {
      off();
      resolve(version);
    });
  });

  it('hears every committed write of any writer, and none that rolled back', async () => {
    const first = heard(shift.id);
    expect(await repos.fleet.savePlan(shift.id, shift.vehicleId, [], 0)).toBe(1);
    expect(await first).toBe(1);
    expect(notifier.latest(shift.id)).toBe(1);

    await writer.db.transaction(async (tx) => {
      await createRepositories(tx as never).fleet.savePlan(shift.id, shift.vehicleId, [], 1, tx as never);
      tx.rollback();
    }).catch(() => undefined);
    const second = heard(shift.id);
    expect(await repos.fleet.updatePlan(shift.id, 1, { committedStops: 0 })).toBe(2);
    expect(await second).toBe(2);
  });
});
