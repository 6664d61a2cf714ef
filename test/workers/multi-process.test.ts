import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoServiceArea, demoStops } from '../../db/seed/eifel-demo-data';
import { freshDatabase, postgresUrl } from '../support/databases';
import { TEST_NOW } from '../support/test-app';
import { until } from '../support/until';
import { checkAllPlans, decisionEventCounts } from './support/check-plans';
import { startWorkerProcess, stopWorkerProcess, urlOf } from './support/processes';
import { demoRides, startWorkerApp, type WorkerApp } from './support/worker-app';

interface Held { areaId: string; pid: number; fromMs: number; toMs: number }


async function drained(app: WorkerApp): Promise<boolean> {
  const counts = await Promise.all(app.dispatch.queues.list().map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
  const open = counts.reduce((sum, c) => sum + Object.values(c).reduce((a, b) => a + b, 0), 0);
  return open === 0 && ((await app.repos.bookings.countByStatus()).pending ?? 0) === 0;
}

describe.skipIf(!postgresUrl)('worker processes on one Redis', () => {
  const redisUrl = inject('redisUrl');
  let app: WorkerApp;
  let children: ChildProcess[] = [];
  let redis: Redis;
  beforeAll(async () => {
    redis = new Redis(redisUrl);
  });
  afterEach(async () => {
    await Promise.all(children.map(stopWorkerProcess));
    await app?.close();
    await app?.database.close();
  });
  afterAll(() => redis.disconnect());

  async function startAll(workerEnv: Record<string, string>, count: number): Promise<string> {
    const database = await freshDatabase('postgres');
    app = await startWorkerApp({ driver: 'postgres', redisUrl, workers: false, database });
    const prefix = app.settings.queuePrefix;
    const env = { DATABASE_URL: await urlOf(database), REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, NOW: TEST_NOW.toISOString(), ...workerEnv };
    children = await Promise.all(Array.from({ length: count }, () => startWorkerProcess(env)));
    return prefix;
  }

  it('never lets two processes plan the same area at once, and plans different areas in parallel', async () => {
    // Re-optimisations solve for their whole budget (300 ms) with the lock held: long enough that broken locking would overlap.
    const prefix = await startAll({}, 3);
    const second = await app.repos.areas.create({ ...demoServiceArea, name: 'Zweites Gebiet' });
    await app.repos.areas.upsertStops(second.id, demoStops.slice(0, 3).map((s) => ({ ...s, active: true })));
    const rides = demoRides(await app.stopIds(), 60, 11);
    const posting = Promise.all(rides.map((ride) => app.post('/v1/bookings', app.token('dispatcher'), ride)));
    for (let i = 0; i < 12; i += 1) {
      for (const areaId of [app.demo.areaId, second.id]) await app.dispatch.queues.reoptimise.add('reoptimise', { areaId, reason: 'test' });
    }
    await posting;
    await until('queues to drain', () => drained(app), 30_000, 100);

    const held = (await redis.lrange(`${prefix}:lock-log`, 0, -1)).map((line) => JSON.parse(line) as Held);
    expect(new Set(held.map((h) => h.pid)).size).toBe(3);
    for (const areaId of [app.demo.areaId, second.id]) {
      const mine = held.filter((h) => h.areaId === areaId).sort((a, b) => a.fromMs - b.fromMs);
      expect(mine.length).toBeGreaterThanOrEqual(12);
      for (let i = 1; i < mine.length; i += 1) expect(mine[i].fromMs, `overlap in ${areaId}`).toBeGreaterThanOrEqual(mine[i - 1].toMs);
    }
    const parallel = held.some((a) => held.some((b) => a.areaId !== b.areaId && a.fromMs < b.toMs && b.fromMs < a.toMs));
    expect(parallel).toBe(true);
    expect(await checkAllPlans(app.database.db, app.demo.areaId)).toEqual([]);
  });

  it('loses nothing and doubles nothing when a worker is killed mid-batch', async () => {
    const prefix = await startAll({ PAUSE_FIRST_COMMIT: '1' }, 2);
    const rides = demoRides(await app.stopIds(), 80, 23);
    const posting = Promise.all(rides.map((ride) => app.post('/v1/bookings', app.token('dispatcher'), ride)));

    // The first process to reach its write stops there, holding the area lock: kill it then, and let the other go on.
    await until('a worker to reach its first write', async () => (await redis.llen(`${prefix}:committing`)) > 0, 20_000, 100);
    const victimPid = Number(await redis.lindex(`${prefix}:committing`, 0));
    const victimJob = (await app.dispatch.queues.bookings.getActive()).find((job) => job.processedBy?.endsWith(`:${victimPid}`));
    const victim = children.find((c) => c.pid === victimPid)!;
    victim.kill('SIGKILL');
    for (const child of children.filter((c) => c !== victim)) await redis.rpush(`${prefix}:resume:${child.pid}`, 'go');
    const answers = await posting;
    await until('every booking to be decided', () => drained(app), 30_000, 100);

    expect(answers.every((a) => a.status === 201 || a.status === 202)).toBe(true);
    const ids = answers.map((a) => a.body.id as string);
    const rows = await app.repos.bookings.findByIds(ids);
    expect(rows.filter((b) => b.status !== 'offered' && b.status !== 'rejected')).toEqual([]);
    const eventCounts = await decisionEventCounts(app.database.db);
    expect(ids.filter((id) => eventCounts.get(id) !== 1)).toEqual([]);
    expect(await checkAllPlans(app.database.db, app.demo.areaId)).toEqual([]);
    // The killed process's job was picked up again (stalled-job recovery) and finished.
    const rerun = await app.dispatch.queues.bookings.getJob(victimJob!.id!);
    expect(await rerun!.getState()).toBe('completed');
    expect(rerun!.stalledCounter).toBe(1);
    expect(rerun!.processedBy).not.toMatch(new RegExp(`:${victimPid}$`));
  }, 60_000);
});
