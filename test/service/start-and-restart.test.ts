import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { DemoCredentials } from '../../src/seed/seed-demo';
import { freshDatabase, postgresUrl } from '../support/databases';
import { startServiceProcess } from '../support/service-process';

function nextWeekdayAt(hour: number): string {
  const d = new Date(Date.now() + 2 * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00+01:00`;
}

/** A rider's view of a running service: its stops by code, and booking a ride between two of them. */
async function asRider(url: string, token: string) {
  const headers = { authorization: `Bearer ${token}` };
  const stops = (await (await fetch(`${url}/v1/stops`, { headers })).json()) as { items: Array<{ id: string; code: string }> };
  const stopId = (code: string) => stops.items.find((s) => s.code === code)!.id;
  return {
    book: (from: string, to: string, departAfter: string) =>
      fetch(`${url}/v1/bookings`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ pickup: { stopId: stopId(from) }, dropoff: { stopId: stopId(to) }, departAfter }),
      }),
  };
}

describe('the service on embedded defaults', () => {
  it('starts, seeds the demo, books a ride, and keeps it across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'taxibus-start-'));
    const env = { DATA_DIR: dataDir, REDIS_URL: inject('redisUrl') };
    const first = await startServiceProcess(env);
    const health = await fetch(`${first.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok' } });

    const credentialsPath = join(dataDir, 'demo-credentials.json');
    expect(statSync(credentialsPath).mode & 0o777).toBe(0o600);
    const credentials = JSON.parse(readFileSync(credentialsPath, 'utf8')) as DemoCredentials;
    const rider = credentials.users.find((u) => u.role === 'rider')!;
    expect(first.output()).not.toContain(rider.token);

    const booked = await (await asRider(first.url, rider.token)).book('IRR-KI', 'BIT-KH', nextWeekdayAt(9));
    expect(booked.status).toBe(201);
    const booking = (await booked.json()) as { id: string; status: string };
    expect(booking.status).toBe('offered');

    const admin = credentials.users.find((u) => u.role === 'admin')!;
    const board = await fetch(`${first.url}/admin/queues`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(board.status).toBe(200);
    expect(await board.text()).toMatch(/<html/i);
    expect((await fetch(`${first.url}/admin/queues`, { headers: { authorization: `Bearer ${rider.token}` } })).status).toBe(403);
    expect((await fetch(`${first.url}/admin/queues`)).status).toBe(401);
    expect(await first.stop('SIGTERM')).toBe(0);

    const second = await startServiceProcess(env);
    const again = await fetch(`${second.url}/v1/bookings/${booking.id}`, { headers: { authorization: `Bearer ${rider.token}` } });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: booking.id, status: 'offered' });

    // A crash straight after the answer loses nothing either: the offer was committed before it was sent.
    const crashed = await (await asRider(second.url, rider.token)).book('PRM-ZOB', 'WAX-KI', nextWeekdayAt(14));
    expect(crashed.status).toBe(201);
    const second2 = (await crashed.json()) as { id: string };
    await second.stop('SIGKILL');
    const third = await startServiceProcess(env);
    for (const id of [booking.id, second2.id]) {
      const res = await fetch(`${third.url}/v1/bookings/${id}`, { headers: { authorization: `Bearer ${rider.token}` } });
      expect(res.status).toBe(200);
    }
    await third.stop('SIGTERM');
  }, 120_000);
});

describe.skipIf(!postgresUrl)('API and workers as separate processes on PostgreSQL', () => {
  it('decides a booking posted to the API process in the worker process', async () => {
    const database = await freshDatabase('postgres');
    const url = database.url!;
    const dataDir = mkdtempSync(join(tmpdir(), 'taxibus-split-'));
    const env = { DATA_DIR: dataDir, REDIS_URL: inject('redisUrl'), DATABASE_URL: url, REOPTIMISE_EVERY_S: '0' };
    const api = await startServiceProcess(env, ['--role', 'api']);
    const worker = await startServiceProcess(env, ['--role', 'worker'], 60_000, /dispatch workers are running/);
    try {
      const credentials = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials;
      const rider = credentials.users.find((u) => u.role === 'rider')!;
      const res = await (await asRider(api.url, rider.token)).book('SPE-MKT', 'BIT-ZOB', nextWeekdayAt(10));
      expect(res.status).toBe(201);
      expect(((await res.json()) as { status: string }).status).toBe('offered');
    } finally {
      await api.stop('SIGTERM');
      await worker.stop('SIGTERM');
      await database.close();
    }
  }, 120_000);
});
