import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { openScratchDatabase } from '../../db/scratch-database';
import { demoServiceArea, demoShift } from '../../db/seed/eifel-demo-data';
import { StraightLineEstimate } from '../../routing/travel-times';
import { startWebServer } from '../../src/api/server';
import { composeService, dispatchSettingsFrom } from '../../src/compose';
import { parseConfig } from '../../src/config/env';
import { hashToken, newToken } from '../../src/domain/auth/tokens';
import { createRepositories } from '../../src/domain/context';
import { localDates, shiftSpans } from '../../src/domain/fleet/daily-shifts';
import { createLogger } from '../../src/infra/logger';
import type { DemandRequest } from './demand';
import type { LandArea } from './land-areas';
import type { BenchWorkerMessage, BenchWorkerSettings } from '../bench-dispatch-worker';
import { apiAt } from './riders';

export interface LandRunSettings {
  areas: LandArea[];
  demand: DemandRequest[];
  day: string;
  workers: number;
  /** Clients posting bookings at once (a closed loop: each posts its next when its last was answered). */
  clients: number;
  batchWindowMs: number;
  databaseUrl: string;
  redisUrl: string;
  progress?: (line: string) => void;
}

export interface LandRunResult {
  workers: number;
  decided: number;
  undecided: number;
  seconds: number;
  decisionsPerS: number;
  p50Ms: number;
  p95Ms: number;
  /** Share of the area-lock time (asked to let go) spent waiting for the lock: the lock is per area, so only for the same area. */
  areaLockWaitShare: number;
  /** Share of the samples of busy database sessions that waited for a lock another session held. */
  databaseLockWaitShare: number;
}

/**
 * The bookings of every area's day through the booking API (one API process, this one) decided by
 * `workers` worker processes, on a fresh PostgreSQL database seeded with the areas; measures decisions
 * per second, the latency of each booking's answer and how long areas waited for locks.
 */
export async function landRun(run: LandRunSettings): Promise<LandRunResult> {
  const database = await openScratchDatabase(run.databaseUrl, 'taxibus_land');
  const children: ChildProcess[] = [];
  try {
    const repos = createRepositories(database.db);
    const stopIds = new Map<string, string>();
    const seededAt = new Date(Math.min(...run.demand.map((r) => r.requestedAt.getTime())));
    for (const area of run.areas) {
      const row = await repos.areas.create({ ...demoServiceArea, name: area.name, polygon: area.polygon });
      await repos.areas.upsertStops(row.id, area.stops.map((s) => ({ ...s, active: true })));
      for (const stop of await repos.areas.allStops(row.id)) stopIds.set(stop.code, stop.id);
      for (const bus of area.buses) {
        const depotStopId = stopIds.get(bus.depotStopCode)!;
        const vehicle = await repos.fleet.createVehicle({ areaId: row.id, label: bus.label, seats: 8, wheelchairPlaces: 1, depotStopId });
        const spans = shiftSpans(localDates(new Date(`${run.day}T12:00:00Z`), 1, demoServiceArea.timeZone), demoShift, demoServiceArea.timeZone);
        await repos.fleet.createShifts(spans.map((span) => ({ ...span, vehicleId: vehicle.id, startDepotStopId: depotStopId, endDepotStopId: depotStopId })));
      }
    }
    const token = newToken();
    await repos.users.create({ role: 'dispatcher', name: 'Land-Zentrale', tokenHash: hashToken(token) });
    const config = parseConfig({
      RATE_LIMIT_UNAUTHENTICATED: '0', RATE_LIMIT_BOOKINGS: '0', RATE_LIMIT_ACCOUNT: '0', BATCH_WINDOW_MS: String(run.batchWindowMs),
      REOPTIMISE_EVERY_S: '0', DECISION_WAIT_MS: '30000', REDIS_PREFIX: `land-${randomUUID()}`,
    });
    const holds: LockHold[] = [];
    for (let i = 0; i < run.workers; i += 1) children.push(await startWorkerProcess({ databaseUrl: database.url, redisUrl: run.redisUrl, nowIso: seededAt.toISOString(), settings: dispatchSettingsFrom(config) }, holds));
    const service = await composeService(config, { database, redisUrl: run.redisUrl, travelTimes: new StraightLineEstimate(), now: () => seededAt, log: createLogger('silent') }, 'api');
    const server = await startWebServer(service.app!, 0);
    const sampler = lockWaitSampler(database.db);
    try {
      const api = apiAt(server.url);
      const latencies: number[] = [];
      let undecided = 0;
      let next = 0;
      const ordered = [...run.demand].sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime());
      const started = performance.now();
      const client = async () => {
        while (next < ordered.length) {
          const request = ordered[next++];
          const askedMs = performance.now();
          const answer = await api('POST', '/v1/bookings', token, {
            pickup: { stopId: stopIds.get(request.pickup) }, dropoff: { stopId: stopIds.get(request.dropoff) },
            ...(request.mode === 'arrive_by' ? { arriveBy: request.time.toISOString() } : { departAfter: request.time.toISOString() }),
            seats: request.seats, wheelchairs: request.wheelchairs, rider: { name: `Fahrgast ${request.rider}`, phone: `+49651${String(next).padStart(7, '0')}` },
          });
          if (answer.status === 202 || answer.status >= 400) undecided += 1;
          else latencies.push(performance.now() - askedMs);
          if (next % 100 === 0) run.progress?.(`${run.workers} worker process(es): ${next}/${ordered.length} bookings`);
        }
      };
      await Promise.all(Array.from({ length: run.clients }, client));
      const seconds = (performance.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
      const held = holds.reduce((sum, h) => sum + (h.toMs - h.askedMs), 0);
      const waited = holds.reduce((sum, h) => sum + (h.fromMs - h.askedMs), 0);
      return {
        workers: run.workers, decided: latencies.length, undecided, seconds, decisionsPerS: latencies.length / seconds,
        p50Ms: at(0.5), p95Ms: at(0.95), areaLockWaitShare: held > 0 ? waited / held : 0, databaseLockWaitShare: await sampler.stop(),
      };
    } finally {
      await server.close();
      await service.close();
    }
  } finally {
    await Promise.all(children.map(closeWorkerProcess));
    await database.close();
  }
}

type LockHold = Extract<BenchWorkerMessage, { kind: 'lock' }>;

/** A worker process as `npm run worker` runs one (bench:dispatch's), its area-lock holds collected. */
async function startWorkerProcess(input: BenchWorkerSettings, holds: LockHold[]): Promise<ChildProcess> {
  const child = fork(fileURLToPath(new URL('../bench-dispatch-worker.ts', import.meta.url)), [JSON.stringify(input)], { execArgv: ['--import', 'tsx'] });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`land worker exited with ${code}`)));
  });
  child.on('message', (message: BenchWorkerMessage) => {
    if (message.kind === 'lock') holds.push(message);
  });
  return child;
}

async function closeWorkerProcess(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send('close');
  await exited;
}

/** Every 100 ms: how many of the database's busy sessions wait for a lock (wait_event_type Lock). */
function lockWaitSampler(db: Db) {
  let busy = 0;
  let waiting = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const rows = await db.execute(sql`select count(*)::int as busy, (count(*) filter (where wait_event_type = 'Lock'))::int as waiting
        from pg_stat_activity where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`);
      const row = (Array.isArray(rows) ? rows[0] : (rows as unknown as { rows: Array<Record<string, number>> }).rows[0]) as { busy: number; waiting: number };
      busy += row.busy;
      waiting += row.waiting;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return busy > 0 ? waiting / busy : 0;
    },
  };
}
