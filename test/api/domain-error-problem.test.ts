import express from 'express';
import { describe, expect, it } from 'vitest';
import { DomainError, domainErrors } from '../../src/domain/domain-error';
import { problemHandler } from '../../src/api/problem';

async function answerTo(error: unknown) {
  const app = express();
  app.get('/', () => {
    throw error;
  });
  app.use(problemHandler({ error: () => {}, warn: () => {} }));
  const server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const { port } = server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/`);
    return { status: res.status, retryAfter: res.headers.get('retry-after'), type: res.headers.get('content-type'), body: await res.json() };
  } finally {
    server.close();
  }
}

describe('domain errors as problems', () => {
  it('maps each kind to its status and keeps code, fields and facts', async () => {
    const invalid = await answerTo(domainErrors.invalid([{ field: 'phone', message: 'not a number' }]));
    expect(invalid).toMatchObject({ status: 400, type: expect.stringContaining('application/problem+json') });
    expect(invalid.body).toMatchObject({ type: expect.stringMatching(/\/validation$/), errors: [{ field: 'phone', message: 'not a number' }] });

    const conflict = await answerTo(domainErrors.conflict('booking-changed', 'It changed.', { bookingId: 'b1' }));
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ type: expect.stringMatching(/\/booking-changed$/), detail: 'It changed.', bookingId: 'b1' });

    expect((await answerTo(domainErrors.notFound('Booking'))).status).toBe(404);
    expect((await answerTo(domainErrors.forbidden('no'))).status).toBe(403);
    expect((await answerTo(new DomainError('gone', 'code-expired', 'The code has expired.'))).status).toBe(410);
  });

  it('tells a client when to ask again', async () => {
    const limited = await answerTo(new DomainError('rate-limited', 'too-many-attempts', 'Wait.', { retryAfterS: 900 }));
    expect(limited).toMatchObject({ status: 429, retryAfter: '900' });
    expect(limited.body).toMatchObject({ retryAfterS: 900 });
    expect(new DomainError('unavailable', 'x', 'y').retryable).toBe(true);
    expect(new DomainError('conflict', 'x', 'y').retryable).toBe(false);
  });
});
