import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PERIODIC_SCHEDULER, QUEUE_NAMES } from '../../workers/queues';
import { capturedLog } from './support/captured-log';
import { eventually } from '../support/until';
import { startWorkerApp, type WorkerApp } from './support/worker-app';


describe('periodic re-optimisation', () => {
  let app: WorkerApp;
  const prefix = `test-${randomUUID()}`;
  const { log, lines } = capturedLog('info');

  beforeAll(async () => {
    // A per-area scheduler as earlier versions registered them, left behind in Redis.
    const old = new Queue(QUEUE_NAMES.reoptimise, { connection: { url: inject('redisUrl') }, prefix });
    await old.upsertJobScheduler('every_00000000-0000-4000-8000-000000000000', { every: 60_000 }, { name: 'reoptimise', data: { areaId: '00000000-0000-4000-8000-000000000000' } });
    await old.close();
    app = await startWorkerApp({ driver: 'pglite', redisUrl: inject('redisUrl'), workers: true, env: { REOPTIMISE_EVERY_S: '1', BATCH_WINDOW_MS: '50', REDIS_PREFIX: prefix }, log });
  });
  afterAll(() => app?.close());

  it('replaces the per-area schedulers of earlier versions with one', async () => {
    expect((await app.dispatch.queues.reoptimise.getJobSchedulers()).map((s) => s.key)).toEqual([]);
    expect((await app.dispatch.queues.events.getJobSchedulers()).map((s) => [s.key, s.every])).toEqual([[PERIODIC_SCHEDULER, 1000]]);
  });

  it('re-optimises an area added after the workers started', async () => {
    const demoArea = (await app.repos.areas.findById(app.demo.areaId))!;
    const added = await app.repos.areas.create({
      name: 'Islek', timeZone: demoArea.timeZone, polygon: demoArea.polygon, operatingHours: demoArea.operatingHours, rules: demoArea.rules,
    });
    const job = await eventually('a periodic run of the new area', async () => {
      const done = await app.dispatch.queues.reoptimise.getCompleted();
      return done.find((j) => j.data.areaId === added.id && j.data.reason === 'periodic');
    });
    expect(job.returnvalue).toMatchObject({ written: false, why: 'nothing planned' });
    // The demo area is reached by the same tick.
    expect((await app.dispatch.queues.reoptimise.getCompleted()).some((j) => j.data.areaId === app.demo.areaId)).toBe(true);
    // Every solve logs its seed with the area, so it can be replayed.
    const solve = lines.find((line) => line.msg === 're-optimisation solve' && line.areaId === app.demo.areaId);
    expect(solve).toMatchObject({ seed: expect.any(Number), jobId: expect.any(String) });
  });

  it('stops when the period is set to 0', async () => {
    await app.dispatch.queues.schedulePeriodic(0);
    expect(await app.dispatch.queues.events.getJobSchedulers()).toEqual([]);
  });
});

describe('re-optimisation triggered by events', () => {
  let app: WorkerApp;
  beforeAll(async () => {
    app = await startWorkerApp({ driver: 'pglite', redisUrl: inject('redisUrl'), workers: true, env: { BATCH_WINDOW_MS: '300', REPLAN_MIN_INTERVAL_S: '2' } });
  });
  afterAll(() => app?.close());

  const runs = async () => (await app.dispatch.queues.reoptimise.getJobs(['completed', 'active', 'waiting', 'delayed']))
    .filter((j) => j.data.areaId === app.demo.areaId);

  it('runs at once, then at most once per interval however many triggers arrive', async () => {
    // A late bus reporting its position again and again (within one batch window of 300 ms).
    await Promise.all(Array.from({ length: 5 }, (_, i) => app.dispatch.enqueueReplan(app.demo.areaId, `bus late, report ${i}`)));
    const [first] = await eventually('the first run', async () => {
      const done = (await runs()).filter((j) => j.finishedOn);
      return done.length > 0 ? done : undefined;
    });
    const triggersHandled = async () => {
      const counts = await app.dispatch.queues.events.getJobCounts('waiting', 'active', 'delayed');
      return counts.waiting + counts.active + counts.delayed === 0 ? counts : undefined;
    };
    // Each trigger arrives after the one before has been handled, spread over the interval.
    for (let i = 0; i < 5; i += 1) {
      await app.dispatch.enqueueReplan(app.demo.areaId, `bus late, report ${5 + i}`);
      await eventually('the trigger to be handled', triggersHandled);
    }
    const second = await eventually('the run after the interval', async () => (await runs()).find((j) => j.id !== first.id && j.finishedOn));
    expect(second.processedOn! - first.processedOn!).toBeGreaterThanOrEqual(2000 - 50);
    // Every trigger has been handled (the events queue is empty), and none made a third run.
    await eventually('the triggers to be handled', triggersHandled);
    expect((await runs()).length).toBe(2);
  });
});
