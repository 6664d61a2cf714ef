import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const migrations = join(__dirname, '../../../db/migrations');

/** The migrations folder as it stood before 0006, so rows can be written the way older versions did. */
function migrationsBefore0006(): string {
  const dir = mkdtempSync(join(tmpdir(), 'taxibus-migrations-'));
  cpSync(migrations, dir, { recursive: true });
  const journal = JSON.parse(readFileSync(join(dir, 'meta/_journal.json'), 'utf8'));
  journal.entries = journal.entries.filter((e: { idx: number }) => e.idx < 6);
  writeFileSync(join(dir, 'meta/_journal.json'), JSON.stringify(journal));
  return dir;
}

describe('migration 0006 on a database with riders written before it', () => {
  const client = new PGlite();
  const db = drizzle(client);
  const ids: Record<string, string> = {};
  const one = async <T>(query: string, params: unknown[] = []) => (await client.query<T>(query, params)).rows[0];
  const phoneOf = async (name: string) => (await one<{ phone: string | null }>('select phone from users where id = $1', [ids[name]]))?.phone;

  beforeAll(async () => {
    await migrate(db, { migrationsFolder: migrationsBefore0006() });
    const area = await one<{ id: string }>(`insert into service_areas (name, time_zone, polygon, operating_hours, rules) values ('Eifel', 'Europe/Berlin', '{}', '{}', '{}') returning id`);
    const stop = await one<{ id: string }>(`insert into stops (area_id, code, name, village, lat, lon) values ($1, 'S1', 'Prüm, Markt', 'Prüm', 50.2, 6.4) returning id`, [area.id]);
    const user = async (name: string, role: string, phone: string | null, createdAt: string, token: string | null = null) => {
      ids[name] = (await one<{ id: string }>('insert into users (role, name, phone, created_at, token_hash) values ($1, $2, $3, $4, $5) returning id', [role, name, phone, createdAt, token])).id;
    };
    await user('dispatcher', 'dispatcher', '+49 6561 900110', '2026-01-01', 'hd');
    await user('first call', 'rider', '06561 98765', '2026-01-02');
    await user('second call', 'rider', '+49 6561 98765', '2026-01-03');
    await user('app rider', 'rider', '0049 (0)6561 98765', '2026-01-04', 'ha');
    await user('second app rider', 'rider', '+49 (0) 6561/98765', '2026-01-05', 'hb');
    await user('other caller', 'rider', '0651 12345', '2026-01-06');
    await user('unreadable', 'rider', 'ask Anna', '2026-01-07');
    await user('driver', 'driver', '0160 9001001', '2026-01-08');
    const booking = async (rider: string, bookedBy: string) => (await one<{ id: string }>(
      `insert into bookings (area_id, rider_id, booked_by_id, pickup_stop_id, dropoff_stop_id, requested_time, time_mode, seats) values ($1, $2, $3, $4, $4, now(), 'depart_after', 1) returning id`,
      [area.id, ids[rider], ids[bookedBy], stop.id])).id;
    ids.firstBooking = await booking('first call', 'dispatcher');
    ids.secondBooking = await booking('second call', 'dispatcher');
    ids.ownBooking = await booking('second app rider', 'second app rider');
    await client.query(`insert into events (kind, actor_id, booking_id) values ('booking.cancelled', $1, $2)`, [ids['second call'], ids.secondBooking]);
    await migrate(db, { migrationsFolder: migrations });
  });
  afterAll(() => client.close());

  it('stores every readable phone in E.164 and leaves an unreadable one as it was', async () => {
    expect(await phoneOf('dispatcher')).toBe('+496561900110');
    expect(await phoneOf('other caller')).toBe('+4965112345');
    expect(await phoneOf('driver')).toBe('+491609001001');
    expect(await phoneOf('unreadable')).toBe('ask Anna');
  });

  it('merges riders sharing a number into the one that logs in, moving bookings and events to it', async () => {
    const riders = (await client.query<{ id: string }>(`select id from users where role = 'rider' and phone = '+49656198765'`)).rows;
    expect(riders.map((r) => r.id)).toEqual([ids['app rider']]);
    expect(await one('select id from users where id = any($1)', [[ids['first call'], ids['second call']]])).toBeUndefined();
    const riderOf = async (booking: string) => (await one<{ rider_id: string }>('select rider_id from bookings where id = $1', [ids[booking]])).rider_id;
    expect(await riderOf('firstBooking')).toBe(ids['app rider']);
    expect(await riderOf('secondBooking')).toBe(ids['app rider']);
    expect((await one<{ actor_id: string }>('select actor_id from events where booking_id = $1', [ids.secondBooking])).actor_id).toBe(ids['app rider']);
  });

  it('keeps a second rider who logs in, with their bookings, but without the number', async () => {
    expect(await phoneOf('second app rider')).toBeNull();
    expect((await one<{ rider_id: string }>('select rider_id from bookings where id = $1', [ids.ownBooking])).rider_id).toBe(ids['second app rider']);
  });

  it('refuses a second rider with a number, and a number not in E.164, from now on', async () => {
    await expect(client.query(`insert into users (role, name, phone) values ('rider', 'Anna', '+49656198765')`)).rejects.toThrow(/users_rider_phone/);
    await expect(client.query(`insert into users (role, name, phone) values ('driver', 'Anna', '+49656198765')`)).resolves.toBeDefined();
    await expect(client.query(`insert into users (role, name, phone) values ('rider', 'Berta', '06561 1234')`)).rejects.toThrow(/users_phone_e164/);
  });
});
