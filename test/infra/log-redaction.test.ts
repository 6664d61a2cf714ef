import { Writable } from 'node:stream';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { errorWithoutQueryParams } from '../../src/infra/log-redaction';

describe('errors in the log', () => {
  it('keep the failed query but not its parameters (names, numbers, notes)', async () => {
    const database = await openDatabase({ pgliteDir: 'memory://' });
    try {
      const failure = await database.db.execute(sql`select ${'+496561987654'}::int as n, ${'Herr Meier, Dialyse'} as note`).catch((e: unknown) => e);
      expect(String((failure as Error).message)).toContain('+496561987654');
      const lines: string[] = [];
      const log = pino({ serializers: { err: errorWithoutQueryParams } }, new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } }));
      log.error({ err: failure }, 'unhandled error');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('Failed query: select $1::int');
      expect(lines[0]).toContain('params: (not logged)');
      expect(lines[0]).not.toContain('6561987654');
      expect(lines[0]).not.toContain('Dialyse');
      expect(lines[0]).toContain('is out of range for type integer');
      // The database's own messages quote values ("Key (phone)=(…)" in detail); identifiers stay readable.
      await database.db.execute(sql`create table t (phone text primary key)`);
      await database.db.execute(sql`insert into t values (${'+496561111222'})`);
      const duplicate = await database.db.execute(sql`insert into t values (${'+496561111222'})`).catch((e: unknown) => e);
      log.error({ err: duplicate }, 'unhandled error');
      expect(lines[1]).toContain('violates unique constraint \\"t_pkey');
      expect(lines[1]).not.toContain('6561111222');
    } finally {
      await database.close();
    }
  });
});
