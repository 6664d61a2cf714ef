import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDriver } from '../support/databases';
import { databaseFingerprint } from '../support/fingerprint';
import { startTestApp, type TestApp } from '../support/test-app';

const PROBLEMS = 'https://eifel-taxibus.example/problems/';

describeEachDriver('client mistakes are 4xx problems, never 5xx', (driver) => {
  let app: TestApp;
  let callers = 0;
  beforeAll(async () => {
    app = await startTestApp(driver);
  });
  afterAll(() => app.close());

  const booking = (extra: Record<string, unknown> = {}) => {
    callers += 1;
    return {
      rider: { name: `Hanna Caller${callers}`, phone: `+49 6561 44${String(callers).padStart(4, '0')}` },
      pickup: { stopId: app.stopId('RIT-KI') }, dropoff: { stopId: app.stopId('BIT-KH') }, departAfter: `2026-12-03T${String(7 + (callers % 12)).padStart(2, '0')}:00:00+01:00`, ...extra,
    };
  };
  /** Sends raw bytes and expects the answer to leave the database as it was. */
  const send = async (path: string, body: Buffer | string | undefined, headers: Record<string, string>, method = 'POST') => {
    const before = await databaseFingerprint(app.database.db);
    const res = await fetch(app.url + path, { method, headers: { authorization: `Bearer ${app.token('dispatcher')}`, 'content-type': 'application/json', ...headers }, body });
    const answer = { status: res.status, type: res.headers.get('content-type'), body: (await res.json().catch(() => undefined)) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (answer.status >= 400) expect(await databaseFingerprint(app.database.db)).toBe(before);
    return answer;
  };

  describe('compressed bodies', () => {
    const compressors = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };
    for (const [encoding, compress] of Object.entries(compressors)) {
      it(`decodes a ${encoding} body`, async () => {
        const res = await send('/v1/bookings', compress(Buffer.from(JSON.stringify(booking()))), { 'content-encoding': encoding });
        expect(res.status).toBe(201);
      });
      it(`refuses a body marked ${encoding} that is not (400 malformed-request)`, async () => {
        const res = await send('/v1/bookings', JSON.stringify(booking()), { 'content-encoding': encoding });
        expect(res).toMatchObject({ status: 400, type: expect.stringMatching(/^application\/problem\+json/), body: { type: `${PROBLEMS}malformed-request` } });
      });
    }
    it('refuses an encoding it does not know (415)', async () => {
      for (const encoding of ['compress', 'x-custom', 'gzip, gzip']) {
        const res = await send('/v1/bookings', JSON.stringify(booking()), { 'content-encoding': encoding });
        expect(res).toMatchObject({ status: 415, body: { type: `${PROBLEMS}unsupported-content-encoding` } });
      }
    });
    it('counts the limit on the decoded body (413), so a small bomb does not get through', async () => {
      const bomb = gzipSync(Buffer.from(JSON.stringify(booking({ note: ' '.repeat(5_000_000) }))));
      expect(bomb.length).toBeLessThan(64 * 1024);
      expect((await send('/v1/bookings', bomb, { 'content-encoding': 'gzip' })).body.type).toBe(`${PROBLEMS}body-too-large`);
    });
    it('keeps the status of the other body errors', async () => {
      expect((await send('/v1/bookings', JSON.stringify(booking()), { 'content-type': 'application/json; charset=latin1' })).status).toBe(415);
      expect((await send('/v1/bookings', '{"seats":', {})).body.type).toBe(`${PROBLEMS}malformed-json`);
      const script = await send('/v1/bookings', '<script>alert(1)</script>', {});
      expect(script.body.type).toBe(`${PROBLEMS}malformed-json`);
      expect(JSON.stringify(script.body)).not.toContain('<script');
      expect((await send('/v1/bookings', JSON.stringify(booking({ note: 'x'.repeat(70_000) })), {})).status).toBe(413);
    });
  });

  it('answers a malformed percent-encoding in a path with 400', async () => {
    for (const path of ['/v1/bookings/%E0%A4%A', '/v1/bookings/%zz/cancel', '/v1/dispatch/vehicles/%/sequence', '/v1/dispatch/bookings/%C0%AF/assign']) {
      const method = path.endsWith('sequence') ? 'PUT' : path.includes('/v1/bookings/%E0') ? 'GET' : 'POST';
      const res = await send(path, method === 'GET' ? undefined : JSON.stringify({}), {}, method);
      expect(res, path).toMatchObject({ status: 400, body: { type: `${PROBLEMS}malformed-request` } });
    }
  });

  describe('control characters in text', () => {
    const controls = ['\u0000', '\u0001', '\u001b', '\u007f', '\u0085'];
    it('refuses them in every text field of a booking, naming the field', async () => {
      for (const char of controls) {
        for (const [field, body] of [
          ['note', booking({ note: `Klingeln${char}` })],
          ['rider.name', { ...booking(), rider: { name: `Anna${char}Weber`, phone: '+49 6561 1234' } }],
          ['rider.phone', { ...booking(), rider: { name: 'Anna Weber', phone: `+49 6561${char}1234` } }],
        ] as const) {
          const res = await send('/v1/bookings', JSON.stringify(body), {});
          expect(res, `${field} with U+${char.charCodeAt(0).toString(16)}`).toMatchObject({ status: 400, body: { type: `${PROBLEMS}validation`, errors: expect.arrayContaining([expect.objectContaining({ field })]) } });
        }
      }
    });
    it('refuses lone surrogates, which UTF-8 cannot carry', async () => {
      const res = await send('/v1/bookings', JSON.stringify(booking({ note: 'a\ud800b' })), {});
      expect(res.body.errors[0].field).toBe('note');
    });
    it('keeps tab and line breaks in notes, but not in names', async () => {
      const ok = await send('/v1/bookings', JSON.stringify(booking({ note: 'Rollator\tbitte\r\nklingeln' })), {});
      expect(ok.status).toBe(201);
      expect(ok.body.note).toBe('Rollator\tbitte\r\nklingeln');
      const name = await send('/v1/bookings', JSON.stringify({ ...booking(), rider: { name: 'Anna\tWeber', phone: '+49 6561 1234' } }), {});
      expect(name.body.errors[0].field).toBe('rider.name');
    });
    it('refuses them in cancellation and dispatcher reasons', async () => {
      const created = await send('/v1/bookings', JSON.stringify(booking()), {});
      const vehicle = (await app.repos.areas.vehicles(app.demo.areaId))[0].id;
      for (const [path, method] of [[`/v1/bookings/${created.body.id}/cancel`, 'POST'], [`/v1/dispatch/bookings/${created.body.id}/unassign`, 'POST'], [`/v1/dispatch/vehicles/${vehicle}/out-of-service`, 'POST'], [`/v1/dispatch/vehicles/${vehicle}/in-service`, 'POST']]) {
        const res = await send(path, JSON.stringify({ reason: 'krank\u0000' }), {}, method);
        expect(res, path).toMatchObject({ status: 400, body: { errors: [{ field: 'reason' }] } });
      }
    });
    it('refuses them in search terms', async () => {
      const res = await send('/v1/stops?village=Irrel%00', undefined, {}, 'GET');
      expect(res).toMatchObject({ status: 400, body: { errors: [{ field: 'village' }] } });
    });
  });
});
