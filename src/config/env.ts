import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Every setting of the service, read from the environment once. Each key carries its default and a
 * description; `describeConfig()` renders them for the README and `--help`.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const trustProxy = z.string().transform((value, ctx): false | number | string[] => {
  if (value === 'false' || value === '0') return false;
  if (/^[1-9][0-9]?$/.test(value)) return Number(value);
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  const isProxy = (item: string) => /^(loopback|linklocal|uniquelocal)$/.test(item) || (isIP(item.split('/')[0]) !== 0 && /^[^/]+(\/\d{1,3})?$/.test(item));
  if (value !== 'true' && list.length > 0 && list.every(isProxy)) return list;
  ctx.addIssue({ code: 'custom', message: 'expected false, the number of proxies in front of the API, or their addresses/subnets (e.g. loopback,10.0.0.0/8); true would believe any client\'s X-Forwarded-For' });
  return z.NEVER;
});

const originList = z.string().transform((value, ctx) => {
  const origins = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const origin of origins) {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
      ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin such as https://taxibus.example (scheme, host, optional port; no path)` });
    }
  }
  return origins;
});

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000)
    .describe('HTTP port of the API (0 picks a free one).'),
  HOST: z.string().min(1).default('127.0.0.1')
    .describe('Interface the API binds to; 0.0.0.0 to serve the network.'),
  DATABASE_URL: z.string().url().optional()
    .describe('PostgreSQL URL (postgres.js). Unset: embedded PGlite in DATA_DIR/pglite.'),
  DATA_DIR: z.string().min(1).default('./data')
    .describe('Folder for the embedded database, a Redis started by the service, and demo credentials.'),
  REDIS_URL: z.string().url().optional()
    .describe('Redis URL. Unset: 127.0.0.1:6379, else a redis-server started with its files under DATA_DIR.'),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/).optional()
    .describe('Prefix of every Redis key and queue of this deployment. Unset: `taxibus:` and a hash of the database it serves (DATABASE_URL\'s host, port and database name, or the embedded database\'s folder), so installs sharing a Redis stay apart.'),
  OSRM_URL: z.string().url().optional()
    .describe('OSRM v5 base URL (e.g. http://osrm:5000). Unset: straight-line estimates, flagged as estimated.'),
  OSRM_PROFILE: z.string().regex(/^[a-z0-9_-]+$/).default('driving')
    .describe('OSRM profile segment in request paths.'),
  OSRM_MAX_TABLE_SIZE: z.coerce.number().int().min(2).default(100)
    .describe('Largest number of coordinates in one /table request (the server\'s --max-table-size).'),
  OSRM_TIMEOUT_MS: z.coerce.number().int().positive().default(5000)
    .describe('Timeout of one OSRM request.'),
  OSRM_MAX_SNAP_M: z.coerce.number().int().positive().default(250)
    .describe('Road data is refused (the stored matrix stays in use) when OSRM moves a stop farther than this to reach a road, or gives 0 s between stops farther apart; /health reports such a server as degraded.'),
  OSRM_HEALTH_CACHE_MS: z.coerce.number().int().positive().default(5000)
    .describe('/health probes OSRM at most this often and answers from memory in between, so load balancers polling every second cost OSRM nothing.'),
  ROAD_DATA_RETRY_MAX_S: z.coerce.number().int().positive().default(5)
    .describe('Bookings waiting for road data (OSRM away, stops added since the last matrix) are tried again with backoff up to this interval, until their lead time runs out.'),
  ESTIMATE_DETOUR_FACTOR: z.coerce.number().min(1).max(3).default(1.35)
    .describe('Road distance ÷ straight-line distance for estimates (rural Eifel roads wind).'),
  ESTIMATE_SPEED_KMH: z.coerce.number().positive().max(130).default(50)
    .describe('Average speed for estimated travel times.'),
  SNAP_MAX_WALK_M: z.coerce.number().int().positive().default(800)
    .describe('Largest walk from a booked coordinate to the nearest active stop.'),
  DECISION_WAIT_MS: z.coerce.number().int().min(0).default(5000)
    .describe('How long POST /v1/bookings waits for the dispatch decision before answering 202.'),
  BATCH_WINDOW_MS: z.coerce.number().int().min(0).default(1000)
    .describe('Bookings for one area arriving within this window are decided together.'),
  REOPTIMISE_EVERY_S: z.coerce.number().int().min(0).default(300)
    .describe('Every area is re-optimised this often, areas added later included (0 turns the periodic run off).'),
  REOPTIMISE_BUDGET_MS: z.coerce.number().int().positive().default(2000)
    .describe('Time budget of one re-optimisation solve.'),
  REOPTIMISE_MAX_ITERATIONS: z.coerce.number().int().min(0).default(0)
    .describe('Above 0: a re-optimisation solve ends after this many iterations instead of at REOPTIMISE_BUDGET_MS, the same search whatever the load of the machine (the simulated day uses it; 0 = the time budget).'),
  REPLAN_MIN_INTERVAL_S: z.coerce.number().int().min(0).default(60)
    .describe('Least time between two re-optimisations of an area (bookings of the area wait while one runs); triggers meanwhile, such as a late bus reporting its position, wait and collapse into one.'),
  WORKER_CONCURRENCY: z.coerce.number().int().positive().default(4)
    .describe('Jobs one worker process runs at once per queue (areas in parallel; one area at a time is held by its lock).'),
  SOLVER_THREADS: z.coerce.number().int().positive().default(2)
    .describe('Worker threads one worker process solves in (decisions and re-optimisations run off the event loop).'),
  AREA_LOCK_TTL_MS: z.coerce.number().int().positive().default(15_000)
    .describe('The lock of an area being planned outlives a killed holder by at most this long.'),
  AREA_LOCK_WAIT_MS: z.coerce.number().int().positive().default(60_000)
    .describe('How long a job waits for the lock of its area before it fails and is retried.'),
  JOB_LOCK_MS: z.coerce.number().int().positive().default(30_000)
    .describe('BullMQ job lock: the job of a killed worker runs again this long after it stopped renewing it, at the next stalled-job check.'),
  STALLED_INTERVAL_MS: z.coerce.number().int().positive().default(30_000)
    .describe('How often workers look for stalled jobs (of killed workers) to run again.'),
  JOB_ATTEMPTS: z.coerce.number().int().positive().default(5)
    .describe('Attempts of a job failing with a transient error (database, OSRM), with exponential backoff.'),
  JOB_BACKOFF_MS: z.coerce.number().int().positive().default(500)
    .describe('First backoff of a failed job; it doubles with each attempt.'),
  LATE_THRESHOLD_S: z.coerce.number().int().positive().default(180)
    .describe('A bus reporting its position this many seconds or more behind its plan has its area re-planned.'),
  MANIFEST_POLL_MS: z.coerce.number().int().positive().default(1000)
    .describe('While a driver\'s manifest long-poll waits, the plan version is also read this often (for writers that notify nothing).'),
  PLAN_VERSION_TTL_MS: z.coerce.number().int().min(0).default(1000)
    .describe('How long a plan version read from the database answers a driver\'s conditional manifest request (0: read it for every request).'),
  AREA_CACHE_TTL_MS: z.coerce.number().int().positive().default(5000)
    .describe('How long booking requests use a read service area, its stops and buses before reading them again.'),
  TOKEN_CACHE_TTL_MS: z.coerce.number().int().positive().default(10_000)
    .describe('How long a bearer token lookup is remembered (a revoked token works at most this long).'),
  TRUST_PROXY: trustProxy.default(false)
    .describe('Which proxies to believe about the client address (X-Forwarded-For), which rate limits count by: false (none; the default), their number (1 behind one load balancer), or their addresses/subnets (e.g. loopback,10.0.0.0/8).'),
  CORS_ORIGINS: originList.optional()
    .describe('Comma-separated origins (e.g. https://app.taxibus.example) whose web pages may call the API from a browser. Unset: same origin only.'),
  METRICS_TOKEN: z.string().min(16).optional()
    .describe('Bearer token for GET /metrics (at least 16 characters). Unset: /metrics answers 404.'),
  RATE_LIMIT_WINDOW_S: z.coerce.number().int().positive().default(60)
    .describe('Window of the rate limits, in seconds; counters are kept in Redis, so they hold across API processes.'),
  RATE_LIMIT_UNAUTHENTICATED: z.coerce.number().int().min(0).default(30)
    .describe('Requests without a valid token (none, unknown or wrong) per client address and window; more get 429 without a token lookup (0: no limit).'),
  RATE_LIMIT_BOOKINGS: z.coerce.number().int().min(0).default(20)
    .describe('Booking requests (POST /v1/bookings) per user and window; more get 429 (0: no limit).'),
  // --- villager accounts, sessions, SMS, data retention, web client ---
  RATE_LIMIT_ACCOUNT: z.coerce.number().int().min(0).default(10)
    .describe('Log-in, sign-up and code requests (POST /v1/session, /v1/signup…, /v1/access…) per client address and window; more get 429 (0: no limit). Each phone number is also locked for 15 min after 5 failed log-ins.'),
  SESSION_IDLE_DAYS: z.coerce.number().int().min(1).default(30)
    .describe('A browser session unused this long ends (each use extends it).'),
  SESSION_MAX_DAYS: z.coerce.number().int().min(1).default(90)
    .describe('A browser session ends this long after the log-in, however much it is used.'),
  SMS_DELIVERY: z.enum(['demo', 'log', 'webhook']).optional()
    .describe('How codes reach phones: `webhook` (POST to SMS_WEBHOOK_URL), `log` (kept in the table outbound_messages for an operator), `demo` (also shown in the API answer, for trying the service without a phone). Unset: demo on the embedded database, log with DATABASE_URL.'),
  SMS_WEBHOOK_URL: z.string().url().optional()
    .describe('With SMS_DELIVERY=webhook: receives POST {to, text} as JSON per message; a 2xx answer means sent.'),
  SMS_WEBHOOK_TOKEN: z.string().min(1).optional()
    .describe('Bearer token sent to SMS_WEBHOOK_URL, if the gateway wants one.'),
  SMS_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(5000)
    .describe('Timeout of one SMS_WEBHOOK_URL request.'),
  RETENTION_DAYS: z.coerce.number().int().min(1).default(90)
    .describe('Rides completed, cancelled, rejected or no-show longer ago than this lose their personal data (rider, note, the rider\'s cancellation reasons) in a daily job; statistics keep the rest.'),
  MAP_TILE_URL: z.string().regex(/^(https?:\/\/|\/)\S+$/, 'expected an http(s) URL or a path on this service, with {z}/{x}/{y}').optional()
    .describe('Map tile URL template for the web app (e.g. /tiles/{z}/{x}/{y}.png from your own tile server). Unset: maps without tiles.'),
  MAP_ATTRIBUTION: z.string().min(1).max(300).optional()
    .describe('Attribution shown under maps, as the tile source requires (e.g. © OpenStreetMap contributors).'),
  // --- end of accounts settings ---
  // --- GTFS-Flex feed (GET /v1/admin/areas/:id/gtfs-flex.zip, npm run cli -- gtfs-flex:export) ---
  GTFS_AGENCY_NAME: z.string().trim().min(1).max(200).default('Eifel-Taxibus')
    .describe('agency_name in the GTFS-Flex feed: who runs the on-demand service, as riders know it. agency_timezone is each area\'s own time zone.'),
  GTFS_AGENCY_URL: z.string().url().regex(/^https?:\/\//, 'expected an http(s) URL').default('https://www.bitburg-pruem.de')
    .describe('agency_url in the GTFS-Flex feed: the operator\'s web site.'),
  GTFS_FEED_PUBLISHER_NAME: z.string().trim().min(1).max(200).optional()
    .describe('feed_publisher_name in feed_info.txt. Unset: GTFS_AGENCY_NAME.'),
  GTFS_FEED_PUBLISHER_URL: z.string().url().regex(/^https?:\/\//, 'expected an http(s) URL').optional()
    .describe('feed_publisher_url in feed_info.txt. Unset: GTFS_AGENCY_URL.'),
  GTFS_BOOKING_URL: z.string().url().regex(/^https?:\/\//, 'expected an http(s) URL').optional()
    .describe('booking_url in booking_rules.txt: the web page where riders book (e.g. https://rufbus.example/buchen). Unset: the feed names the hotline and info page only.'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')
    .describe('pino log level.'),
  SEED_DEMO: bool.default(true)
    .describe('Seed the Eifel demo when the database is empty.'),
  MIGRATE_ON_START: bool.default(true)
    .describe('Apply pending migrations at start-up (under a lock, so processes starting together migrate once). false: start-up only checks the schema is current and refuses otherwise; run `npm run db:migrate`.'),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000)
    .describe('On SIGTERM/SIGINT: how long requests in flight and running jobs get to finish before connections are closed and jobs left to other workers.'),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

export function parseConfig(source: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration — ${lines.join('; ')}`);
  }
  return Object.freeze(result.data);
}

let loaded: Config | undefined;

/** The process configuration, parsed from `process.env` on first use. */
export function config(): Config {
  loaded ??= parseConfig(process.env);
  return loaded;
}

export function describeConfig(): { key: string; default: string; description: string }[] {
  return Object.entries(configSchema.shape).map(([key, schema]) => {
    const parsed = (schema as z.ZodType).safeParse(undefined);
    const value = parsed.success && parsed.data !== undefined ? String(parsed.data) : '(unset)';
    return { key, default: value, description: schema.description ?? '' };
  });
}
