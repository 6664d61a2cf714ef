import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookings, users } from '../../db/schema';
import { ACTIVE_STATUSES } from '../../src/data-access/bookings-repository';
import { hashToken, newToken } from '../../src/domain/auth/tokens';
import { postgresUrl } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';

const ROUNDS = 20;

/**
 * The rider invariants under real concurrency, through the HTTP API on PostgreSQL (PGlite runs one
 * statement at a time, so nothing races there). Bookings stay pending (an API process whose
 * workers are not running): a decision that rejected one would free a place
 * under the limit and blur what is counted.
 */
describe.skipIf(!postgresUrl)('rider invariants under concurrent bookings [postgres]', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('postgres', { role: 'api', env: { DECISION_WAIT_MS: '0' } });
  });
  afterAll(() => app.close());

  const ride = (minutes: number, extra: Record<string, unknown> = {}) => ({
    pickup: { stopId: app.stopId('RIT-KI') },
    dropoff: { stopId: app.stopId('BIT-KH') },
    departAfter: new Date(Date.parse('2026-12-02T08:00:00+01:00') + minutes * 60_000).toISOString().replace('Z', '+00:00'),
    ...extra,
  });
  const book = (token: string, body: unknown, headers?: Record<string, string>) => app.request('POST', '/v1/bookings', { token, body, headers });
  const limit = async () => (await app.repos.areas.findById(app.demo.areaId))!.rules.maxActiveBookingsPerRider;

  it(`holds a rider to the limit of active bookings: 30 at once, ${ROUNDS} rounds`, async () => {
    const max = await limit();
    expect(max).toBe(10);
    for (let round = 0; round < ROUNDS; round += 1) {
      const token = newToken();
      const rider = await app.repos.users.create({ role: 'rider', name: `Ria Runde${round}`, tokenHash: hashToken(token) });
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => book(token, ride(i * 10))));
      const accepted = answers.filter((a) => a.status === 201 || a.status === 202);
      const refused = answers.filter((a) => a.status === 422);
      expect(accepted.length + refused.length, `round ${round}: ${answers.map((a) => a.status)}`).toBe(30);
      expect(accepted, `round ${round}`).toHaveLength(max);
      for (const answer of refused) expect(answer.body.type).toMatch(/\/too-many-active-bookings$/);
      const stored = await app.database.db.select({ status: bookings.status }).from(bookings).where(eq(bookings.riderId, rider.id));
      expect(stored, `round ${round}: refused requests store nothing`).toHaveLength(max);
      expect(stored.every((b) => ACTIVE_STATUSES.includes(b.status))).toBe(true);
    }
  });

  it(`creates one rider for a new caller booked 10 times at once, in any spelling: ${ROUNDS} rounds`, async () => {
    const dispatcher = app.token('dispatcher');
    for (let round = 0; round < ROUNDS; round += 1) {
      const local = `6561 3${String(round).padStart(2, '0')}77`;
      const spellings = [`0${local}`, `+49 ${local}`, `0049 ${local}`, `+49 (0) ${local}`, `0${local.replace(' ', '/')}`];
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) =>
        book(dispatcher, ride(i * 10, { rider: { name: 'Gisela Anruferin', phone: spellings[i % spellings.length] } }))));
      expect(answers.map((a) => a.status).filter((s) => s !== 201 && s !== 202), `round ${round}`).toEqual([]);
      const phone = `+49${local.replace(' ', '')}`;
      const riders = await app.database.db.select({ id: users.id }).from(users).where(and(eq(users.role, 'rider'), eq(users.phone, phone)));
      expect(riders, `round ${round}`).toHaveLength(1);
      expect(new Set(answers.map((a) => a.body.riderId))).toEqual(new Set([riders[0].id]));
    }
  });

  it('answers repeats of a first call under one Idempotency-Key with one booking and one rider, whatever the spelling', async () => {
    const dispatcher = app.token('dispatcher');
    for (let round = 0; round < 5; round += 1) {
      const key = `first-call-${round}`;
      const body = (phone: string) => ride(600 + round, { rider: { name: 'Otto Erstanruf', phone } });
      const spellings = [`06561 4${round}4711`, `+49 6561 4${round}4711`, `0049 6561 4${round}4711`];
      const answers = await Promise.all(Array.from({ length: 9 }, (_, i) => book(dispatcher, body(spellings[i % 3]), { 'idempotency-key': key })));
      expect(new Set(answers.map((a) => a.body.id)).size, `round ${round}: ${answers.map((a) => a.status)}`).toBe(1);
      expect(answers.filter((a) => a.status === 201 || a.status === 202)).toHaveLength(9);
      const other = await book(dispatcher, body(`06561 5${round}4711`), { 'idempotency-key': key });
      expect(other.status).toBe(409);
      const callers = await app.database.db.select({ phone: users.phone }).from(users)
        .where(inArray(users.phone, [`+4965614${round}4711`, `+4965615${round}4711`]));
      expect(callers.map((c) => c.phone), 'the refused request left no rider').toEqual([`+4965614${round}4711`]);
    }
    const [{ n }] = await app.database.db.select({ n: sql<number>`count(*)::int` }).from(bookings).where(sql`${bookings.idempotencyKey} like 'first-call-%'`);
    expect(n).toBe(5);
  });
});
