import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { extendDemoShifts, seedDemo } from './seed/seed-demo';
import { createTravelTimes } from '../routing/travel-times';
import { smsDeliveryKind } from './api/account-wiring';
import { startWebServer } from './api/server';
import { EmbeddedDatabaseInUseError } from '../db/pglite-holder';
import { SchemaOutdatedError } from '../db/migrate';
import { demoCredentialsPath, firstStepsMessage, openConfiguredDatabase } from './bootstrap';
import { composeService, type Role } from './compose';
import { config as loadConfig, ConfigError } from './config/env';
import { createRepositories } from './domain/context';
import { extendTemplateShifts } from './domain/admin/manage-shifts';
import { ensureRedis, RedisUnavailableError } from './infra/redis-bootstrap';
import { createShutdown } from './infra/graceful-shutdown';
import { createLogger } from './infra/logger';

function roleFromArgs(argv: string[]): Role {
  let role: string;
  try {
    role = parseArgs({ args: argv, options: { role: { type: 'string', default: 'all' } }, strict: true, allowPositionals: false }).values.role;
  } catch (error) {
    throw new ConfigError(`${(error as Error).message} (usage: npm start -- [--role all|api|worker])`);
  }
  if (role !== 'all' && role !== 'api' && role !== 'worker') throw new ConfigError(`--role must be all, api or worker, not "${role}"`);
  return role;
}

async function main(): Promise<void> {
  const role = roleFromArgs(process.argv.slice(2));
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  if (smsDeliveryKind(config) === 'webhook' && !config.SMS_WEBHOOK_URL) throw new ConfigError('SMS_WEBHOOK_URL: needed with SMS_DELIVERY=webhook');
  if (role !== 'all' && !config.DATABASE_URL) {
    throw new ConfigError('DATABASE_URL: running the API and the workers as separate processes needs a shared PostgreSQL (the embedded database serves one process).');
  }
  // The database first: one held by another process, or a schema behind the code, stops start-up
  // before anything else is started.
  const database = await openConfiguredDatabase(config);
  const redisEndpoint = await ensureRedis(config.REDIS_URL, config.DATA_DIR);
  const repos = createRepositories(database.db);

  if (config.SEED_DEMO && (await repos.areas.list()).length === 0) {
    await seedDemo(repos, { now: new Date(), credentialsPath: demoCredentialsPath(config) });
    log.info({ credentials: resolve(demoCredentialsPath(config)) }, 'seeded the Eifel demo');
  } else if (config.SEED_DEMO) {
    const added = await extendDemoShifts(repos, new Date());
    if (added > 0) log.info({ added }, 'extended the demo shifts over the booking horizon');
  }
  // Every area's shift templates over its booking horizon (again daily, with the retention job).
  const templateShifts = await extendTemplateShifts(repos, new Date());
  if (templateShifts > 0) log.info({ added: templateShifts }, 'extended the shift templates over the booking horizon');
  const firstSteps = await firstStepsMessage(config, repos);

  const travelTimes = createTravelTimes({
    osrmUrl: config.OSRM_URL,
    profile: config.OSRM_PROFILE,
    maxTableSize: config.OSRM_MAX_TABLE_SIZE,
    timeoutMs: config.OSRM_TIMEOUT_MS,
    detourFactor: config.ESTIMATE_DETOUR_FACTOR,
    speedKmh: config.ESTIMATE_SPEED_KMH,
  });
  const service = await composeService(config, { database, redisUrl: redisEndpoint.url, travelTimes, now: () => new Date(), log }, role);
  const server = service.app ? await startWebServer(service.app, config.PORT, config.HOST) : undefined;
  if (server) {
    const where = config.DATABASE_URL ? 'PostgreSQL' : `PGlite in ${resolve(config.DATA_DIR, 'pglite')}`;
    console.log(`Eifel taxibus is listening on ${server.url} (database: ${where}; Redis: ${redisEndpoint.url}, ${redisEndpoint.source}, key prefix ${service.prefix}; travel times: ${travelTimes.kind}; role: ${role})`);
    console.log(firstSteps);
  } else {
    console.log(`Eifel taxibus dispatch workers are running (Redis: ${redisEndpoint.url}, key prefix ${service.prefix}; travel times: ${travelTimes.kind})`);
  }

  // Stop accepting, answer waiting long-polls (304), let requests and jobs finish within the grace
  // period, then close the queues, Redis and the database (releasing the embedded one).
  const stop = createShutdown({
    graceMs: config.SHUTDOWN_GRACE_MS,
    log,
    steps: [
      { name: 'long-polls', run: () => service.stopLongPolls() },
      { name: 'http', run: async (leftMs) => {
        const drained = await server?.shutdown(leftMs);
        if (drained?.cut) log.warn({ cut: drained.cut }, 'requests still running at the end of the grace period were cut off');
      } },
      { name: 'dispatch', run: (leftMs) => service.close(leftMs) },
      { name: 'database', run: () => database.close() },
      { name: 'redis', run: () => redisEndpoint.stop?.() },
    ],
  });
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

const ONE_LINE_ERRORS = [ConfigError, RedisUnavailableError, SchemaOutdatedError, EmbeddedDatabaseInUseError];

main().catch((error: unknown) => {
  if (ONE_LINE_ERRORS.some((kind) => error instanceof kind)) {
    console.error((error as Error).message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
