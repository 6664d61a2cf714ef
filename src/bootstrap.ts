import { join } from 'node:path';
import { openDatabase, type Database } from '../db/client';
import type { Config } from './config/env';

/** The database the configuration points at: PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR. */
export function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({ url: config.DATABASE_URL, pgliteDir: join(config.DATA_DIR, 'pglite') });
}

export function demoCredentialsPath(config: Config): string {
  return join(config.DATA_DIR, 'demo-credentials.json');
}
