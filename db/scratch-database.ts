import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database } from './client';

/**
 * A new, migrated database on a PostgreSQL server, dropped again on close: tests and benchmarks get
 * a clean schema without touching the server's other databases.
 */
export async function openScratchDatabase(serverUrl: string, prefix: string): Promise<Database & { url: string }> {
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
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
