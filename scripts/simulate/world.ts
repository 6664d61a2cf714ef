import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { openDatabase, type Database } from '../../db/client';
import { openScratchDatabase } from '../../db/scratch-database';
import { serviceAreas } from '../../db/schema';
import { demoShift, demoVehicles } from '../../db/seed/eifel-demo-data';
import { StraightLineEstimate } from '../../routing/travel-times';
import { startWebServer, type WebServer } from '../../src/api/server';
import { composeService, type Service } from '../../src/compose';
import { parseConfig, type Config } from '../../src/config/env';
import { hashToken, newToken } from '../../src/domain/auth/tokens';
import { createRepositories, type Repositories } from '../../src/domain/context';
import { localDates, shiftSpans } from '../../src/domain/fleet/daily-shifts';
import { createLogger } from '../../src/infra/logger';
import { seedDemo } from '../../src/seed/seed-demo';

export type Policy = 'insertion' | 'reoptimise';

export interface WorldSettings {
  fleet: number;
  policy: Policy;
  /** Booking rules over the demo's (pickup window, α). */
  rules?: { pickupWindowMin?: number; maxRideAlpha?: number };
  /** When the database is seeded: before the first request of the demand. */
  seededAt: Date;
  databaseUrl?: string;
  redisUrl: string;
  /** REOPTIMISE_BUDGET_MS and REOPTIMISE_MAX_ITERATIONS of the run. */
  reoptimiseBudgetMs: number;
  reoptimiseIterations?: number;
  now: () => Date;
}

export interface SimDriver {
  token: string;
  vehicleId: string;
  label: string;
}

export interface World {
  database: Database;
  repos: Repositories;
  service: Service;
  config: Config;
  url: string;
  areaId: string;
  dispatcherToken: string;
  drivers: SimDriver[];
  stopIdByCode: Map<string, string>;
  travel: TravelTable;
  close(): Promise<void>;
}

/** Seconds and metres between stops, by stop id: the same straight-line estimate the service plans with. */
export interface TravelTable {
  durationS(from: string, to: string): number;
  distanceM(from: string, to: string): number;
}

/**
 * The service as `npm start` composes it, over a fresh database seeded with the demo area: the
 * settings are the production defaults except those that would tie the run to the wall clock
 * (batch window 20 ms, periodic re-optimisation driven by the simulation's clock, no minimum
 * interval between re-plans) and the rate limits (off: one dispatcher books for the whole county).
 */
export async function buildWorld(settings: WorldSettings): Promise<World> {
  const database = settings.databaseUrl ? await openScratchDatabase(settings.databaseUrl, 'taxibus_sim') : await openDatabase({ pgliteDir: 'memory://' });
  const repos = createRepositories(database.db);
  const demo = await seedDemo(repos, { now: settings.seededAt });
  if (settings.rules) await setRules(database, demo.areaId, settings.rules);
  const drivers = await fleetOf(repos, demo, settings.fleet, settings.seededAt);
  const config = parseConfig({
    RATE_LIMIT_UNAUTHENTICATED: '0', RATE_LIMIT_BOOKINGS: '0', RATE_LIMIT_ACCOUNT: '0',
    BATCH_WINDOW_MS: '20', REOPTIMISE_EVERY_S: '0', REPLAN_MIN_INTERVAL_S: '0',
    REOPTIMISE_BUDGET_MS: String(settings.reoptimiseBudgetMs), REOPTIMISE_MAX_ITERATIONS: String(settings.reoptimiseIterations ?? 0), DECISION_WAIT_MS: '30000',
    REDIS_PREFIX: `sim-${randomUUID()}`,
  });
  const travelTimes = new StraightLineEstimate();
  const service = await composeService(config, { database, redisUrl: settings.redisUrl, travelTimes, now: settings.now, log: createLogger('silent') });
  // Insertion only: every booking placed once and never moved. The queue of re-optimisations is
  // paused, as an operator would pause it on the queue dashboard; nothing else changes.
  if (settings.policy === 'insertion') await service.dispatch.queues.reoptimise.pause();
  const server: WebServer = await startWebServer(service.app!, 0);
  const stops = await repos.areas.allStops(demo.areaId);
  const matrix = await travelTimes.matrix(stops.map((s) => ({ lat: s.lat, lon: s.lon })));
  const index = new Map(stops.map((s, i) => [s.id, i]));
  const cell = (from: string, to: string) => index.get(from)! * stops.length + index.get(to)!;
  return {
    database, repos, service, config, url: server.url, areaId: demo.areaId, drivers,
    dispatcherToken: demo.users.find((u) => u.role === 'dispatcher')!.token,
    stopIdByCode: new Map(stops.map((s) => [s.code, s.id])),
    travel: { durationS: (a, b) => matrix.durationS[cell(a, b)], distanceM: (a, b) => matrix.distanceM[cell(a, b)] },
    async close() {
      await server.close();
      await service.close();
      await database.close();
      await forgetKeys(settings.redisUrl, config.REDIS_PREFIX!);
    },
  };
}

/** Everything the run kept in Redis (queues, the retention job's scheduler, windows): its own prefix, so repeated runs leave nothing behind. */
async function forgetKeys(redisUrl: string, prefix: string) {
  const redis = new Redis(redisUrl);
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.del(...keys);
    }
  } finally {
    redis.disconnect();
  }
}

async function setRules(database: Database, areaId: string, rules: NonNullable<WorldSettings['rules']>) {
  const [area] = await database.db.select().from(serviceAreas).where(eq(serviceAreas.id, areaId));
  await database.db.update(serviceAreas).set({ rules: { ...area.rules, ...rules } }).where(eq(serviceAreas.id, areaId));
}

/**
 * `fleet` buses on shift: the demo's six, fewer (the rest out of service) or more (further buses
 * at the demo depots in turn, each with a driver of its own and the demo's daily shift).
 */
async function fleetOf(repos: Repositories, demo: Awaited<ReturnType<typeof seedDemo>>, fleet: number, seededAt: Date): Promise<SimDriver[]> {
  const vehicles = await repos.areas.vehicles(demo.areaId);
  const byLabel = new Map(vehicles.map((v) => [v.label, v]));
  const drivers: SimDriver[] = demo.users.filter((u) => u.role === 'driver').map((u) => ({ token: u.token, vehicleId: byLabel.get(u.vehicleLabel!)!.id, label: u.vehicleLabel! }));
  for (const extra of drivers.slice(fleet)) await repos.fleet.updateVehicle(extra.vehicleId, { inService: false, outOfServiceReason: 'not in this simulation' });
  const area = (await repos.areas.findById(demo.areaId))!;
  const stops = await repos.areas.allStops(demo.areaId);
  for (let i = drivers.length; i < fleet; i += 1) {
    const depot = stops.find((s) => s.code === demoVehicles[i % demoVehicles.length].depotStopCode)!;
    const vehicle = await repos.fleet.createVehicle({ areaId: demo.areaId, label: `Taxibus ${i + 1}`, seats: 8, wheelchairPlaces: 1, depotStopId: depot.id });
    const token = newToken();
    const driver = await repos.users.create({ role: 'driver', name: `Fahrer ${i + 1}`, phone: `+4916090020${String(i).padStart(2, '0')}`, tokenHash: hashToken(token) });
    const spans = shiftSpans(localDates(seededAt, area.rules.maxHorizonDays + 1, area.timeZone), demoShift, area.timeZone);
    await repos.fleet.createShifts(spans.map((span) => ({ ...span, vehicleId: vehicle.id, driverId: driver.id, startDepotStopId: depot.id, endDepotStopId: depot.id })));
    drivers.push({ token, vehicleId: vehicle.id, label: vehicle.label });
  }
  return drivers.slice(0, fleet);
}
