import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../../../db/client';
import { postgresUrl } from '../../support/databases';

const entry = fileURLToPath(new URL('./worker-process.ts', import.meta.url));

/** The URL of the throw-away PostgreSQL database behind `database`, for child processes. */
export async function urlOf(database: Database): Promise<string> {
  const [row] = rowsOf<{ name: string }>(await database.db.execute(sql`select current_database() as name`));
  const url = new URL(postgresUrl!);
  url.pathname = `/${row.name}`;
  return url.toString();
}

/** Starts a worker child process and resolves once its workers listen. */
export async function startWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += String(chunk);
      if (output.includes('ready')) resolve();
    });
    child.once('exit', () => reject(new Error(`worker process did not start: ${output}`)));
  });
  return child;
}

export async function stopWorkerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}
