import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database } from './client';

/**
 * A new, migrated database on a PostgreSQL server, dropped again on close: tests and benchmarks get
 * a clean schema without touching the server's other databases. `keep` leaves it on the server, to be
 * looked into after a run.
 */
export async function openScratchDatabase(serverUrl: string, prefix: string, options: { keep?: boolean } = {}): Promise<Database & { url: string }> {
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), maxConnections: 20 });
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      if (options.keep) return;
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
