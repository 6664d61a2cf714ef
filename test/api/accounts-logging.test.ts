import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorWithoutQueryParams } from '../../src/infra/log-redaction';
import { startTestApp, type TestApp } from '../support/test-app';
import { Browser } from './support/browser';

describe('the log of account requests names no rider beyond their id', () => {
  let app: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    const log = pino({ level: 'info', serializers: { err: errorWithoutQueryParams } }, new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } }));
    app = await startTestApp('pglite', { log, env: { SMS_DELIVERY: 'log' } });
  });
  afterAll(() => app.close());

  it('logs requests and SMS without number, name, password or code', async () => {
    const phone = '06561 888001';
    const password = 'Irrel-Wasserfälle-1900';
    const browser = new Browser(app);
    const started = await browser.request('POST', '/v1/signup', { body: { name: 'Xaver Zander', phone, password } });
    expect(started.body.demoCode).toBeUndefined();
    const [sms] = await app.repos.outbox.to('+496561888001');
    const code = /([0-9]{6})/.exec(sms.body)![1];
    expect((await browser.request('POST', `/v1/signup/${started.body.signupId}/verify`, { body: { code } })).status).toBe(201);
    await new Browser(app).logIn(phone, 'a-wrong-password');
    await new Browser(app).logIn(phone, password);
    await new Browser(app).request('POST', '/v1/access-code', { body: { phone } });
    await browser.request('POST', '/v1/bookings', { body: { pickup: { stopId: app.stopId('RIT-KI') }, dropoff: { stopId: app.stopId('BIT-KH') }, departAfter: '2026-12-02T09:00:00+01:00', note: 'Krücken' } });
    await browser.request('GET', '/v1/account/export');
    await browser.request('POST', '/v1/account/delete', { body: { password } });

    const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
    expect(requests).toHaveLength(8);
    expect(lines.filter((l) => l.includes('SMS waiting in outbound_messages'))).toHaveLength(2);
    const all = lines.join('\n');
    for (const secret of ['888001', 'Xaver', 'Zander', password, 'a-wrong-password', code, 'Krücken', browser.csrfToken!]) {
      expect(all, secret).not.toContain(secret);
    }
  });
});
