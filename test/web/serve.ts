/**
 * The service as `npm start` composes it, for the browser tests: `tsx src/main.ts` on a fresh data
 * directory, on the embedded database or on a new PostgreSQL database that is dropped afterwards.
 * Usage: tsx test/web/serve.ts pglite|postgres PORT
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { openScratchDatabase } from '../../db/scratch-database';
import { webTestDataDir } from './data-dir';

const [kind, port] = process.argv.slice(2);
if ((kind !== 'pglite' && kind !== 'postgres') || !port) throw new Error('usage: serve.ts pglite|postgres PORT');

// A data directory named by the port, so the tests can read the demo logins the service writes there.
const dataDir = webTestDataDir(port);
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const scratch = kind === 'postgres' ? await openScratchDatabase(postgresServer(), 'web_test') : undefined;

const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: port,
    DATA_DIR: dataDir,
    DATABASE_URL: scratch?.url ?? '',
    LOG_LEVEL: 'warn',
    SMS_DELIVERY: 'demo',
    // Every test signs up and books from the one address 127.0.0.1.
    RATE_LIMIT_UNAUTHENTICATED: '100000',
    RATE_LIMIT_BOOKINGS: '100000',
    RATE_LIMIT_ACCOUNT: '100000',
  },
});

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  child.kill(signal);
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
child.on('exit', async (code) => {
  await scratch?.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});

function postgresServer(): string {
  // The CI's DATABASE_URL names the server; the scratch database is made beside its database.
  return process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}
