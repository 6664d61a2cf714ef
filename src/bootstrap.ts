import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatabase, type Database } from '../db/client';
import type { Config } from './config/env';
import type { Repositories } from './domain/context';

/** The database the configuration points at: PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR. */
export function openConfiguredDatabase(config: Config, options: { migrate?: boolean } = {}): Promise<Database> {
  return openDatabase({ url: config.DATABASE_URL, pgliteDir: join(config.DATA_DIR, 'pglite'), migrate: options.migrate ?? config.MIGRATE_ON_START });
}

export function demoCredentialsPath(config: Pick<Config, 'DATA_DIR'>): string {
  return join(config.DATA_DIR, 'demo-credentials.json');
}

/**
 * The prefix of every Redis key this deployment writes (queues, batch windows, area locks, rate
 * limits): REDIS_PREFIX, else derived from the database it serves, so that two installs on one
 * Redis never run each other's jobs while every process of one install (same database) agrees.
 */
export function redisPrefix(config: Pick<Config, 'REDIS_PREFIX' | 'DATABASE_URL' | 'DATA_DIR'>): string {
  if (config.REDIS_PREFIX) return config.REDIS_PREFIX;
  const identity = config.DATABASE_URL ? postgresIdentity(config.DATABASE_URL) : `pglite:${resolve(config.DATA_DIR, 'pglite')}`;
  return `taxibus:${createHash('sha256').update(identity).digest('hex').slice(0, 12)}`;
}

/** Host, port and database name; user, password and query options do not make another database. */
function postgresIdentity(url: string): string {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || decodeURIComponent(parsed.username) || 'postgres';
  return `postgres://${parsed.hostname.toLowerCase()}:${parsed.port || '5432'}/${database}`;
}

/**
 * What to do first: with the demo, where its tokens are; without it and without an admin yet, how to
 * create the first one (from there the operator API sets up the county).
 */
export async function firstStepsMessage(config: Pick<Config, 'SEED_DEMO' | 'DATA_DIR' | 'DATABASE_URL'>, repos: Pick<Repositories, 'admin'>): Promise<string> {
  if (config.SEED_DEMO && existsSync(demoCredentialsPath(config))) return `Demo tokens are in ${resolve(demoCredentialsPath(config))} (readable by you only).`;
  if (await repos.admin.hasActiveAdmin()) return 'Set up service areas, stops, buses, shifts and staff logins with the operator API under /v1/admin (README: "Setting up a new county").';
  // The embedded database serves one process: the command waits until this one has stopped.
  const stopFirst = config.DATABASE_URL ? '' : ' (stop this process first: the embedded database serves one process at a time)';
  return `No admin yet. Create the first one with: npm run cli -- admin:create --name "Your Name" --phone "+49…"${stopFirst}; it prints the admin's password and API token once. Then follow the README section "Setting up a new county".`;
}
