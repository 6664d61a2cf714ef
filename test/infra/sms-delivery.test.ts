import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmsDelivery } from '../../src/infra/sms-delivery';

const message = { id: 'm-1', to: '+496561999001', text: 'Eifel-Taxibus: Ihr Code ist 123456.', kind: 'signup-code' };

/** A gateway on port 0 that answers as `answer` says, and keeps what it was sent. */
describe('SMS delivery by webhook', () => {
  const received: Array<{ headers: IncomingMessage['headers']; body: unknown }> = [];
  let answer: (res: ServerResponse) => void = (res) => res.end();
  let url: string;
  const server = createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    received.push({ headers: req.headers, body: JSON.parse(text) });
    answer(res);
  });
  const logged: Array<[unknown, string]> = [];
  const keep = (obj: unknown, msg?: string) => void logged.push([obj, msg ?? '']);
  const log = { info: keep, warn: keep };
  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('posts {to, text} with the bearer token and reports it sent on a 2xx', async () => {
    answer = (res) => res.writeHead(202, { 'content-type': 'application/json' }).end('{"id":"gw-17"}');
    const sms = createSmsDelivery({ kind: 'webhook', webhookUrl: url, webhookToken: 'gateway-secret', timeoutMs: 2000 }, log);
    expect(await sms.deliver(message)).toBe(true);
    expect(received.at(-1)).toEqual({ headers: expect.objectContaining({ authorization: 'Bearer gateway-secret', 'content-type': 'application/json' }), body: { to: message.to, text: message.text } });
    expect(logged.at(-1)).toEqual([{ messageId: 'm-1', kind: 'signup-code', gatewayId: 'gw-17' }, 'SMS sent']);
  });

  it('reports a refusal or a gateway that does not answer in time as not sent, logging neither number nor text', async () => {
    answer = (res) => res.writeHead(500).end('down');
    const sms = createSmsDelivery({ kind: 'webhook', webhookUrl: url, timeoutMs: 300 }, log);
    expect(await sms.deliver(message)).toBe(false);
    answer = () => undefined;
    expect(await sms.deliver(message)).toBe(false);
    expect(logged.at(-1)![0]).toEqual({ messageId: 'm-1', kind: 'signup-code', reason: 'TimeoutError' });
    for (const [obj] of logged) expect(JSON.stringify(obj)).not.toMatch(/999001|123456/);
  });

  it('refuses to start as a webhook without a URL', () => {
    expect(() => createSmsDelivery({ kind: 'webhook', timeoutMs: 1000 }, log)).toThrow(/SMS_WEBHOOK_URL/);
  });
});
