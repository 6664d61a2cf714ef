import express from 'express';
import { describe, expect, it } from 'vitest';
import { DomainError, domainErrors } from '../../src/domain/domain-error';
import { problemHandler } from '../../src/api/problem';
import { RoutingError } from '../../routing/travel-times';
import { SolverInputError } from '../../routing/solver';
import { asDomainError } from '../../src/domain/as-domain-error';

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
    // No code of kind `gone` is listed yet; the kind's status holds for the first one added.
    expect((await answerTo(new DomainError('gone', 'code-expired', 'The code has expired.'))).status).toBe(410);
  });

  it('tells a client when to ask again', async () => {
    // No code of kind `rate-limited` is listed yet; the kind's status holds for the first one added.
    const limited = await answerTo(new DomainError('rate-limited', 'too-many-attempts', 'Wait.', { retryAfterS: 900 }));
    expect(limited).toMatchObject({ status: 429, retryAfter: '900' });
    expect(limited.body).toMatchObject({ retryAfterS: 900 });
    expect(new DomainError('unavailable', 'road-data-unavailable', 'y').retryable).toBe(true);
    expect(domainErrors.conflict('booking-changed', 'y').retryable).toBe(false);
  });

  it('answers an unreachable routing server with 503 and Retry-After, without naming the server', async () => {
    const answer = await answerTo(new RoutingError('Unreachable', 'OSRM at http://osrm.internal:5000: connect ECONNREFUSED'));
    expect(answer).toMatchObject({ status: 503, retryAfter: '5' });
    expect(answer.body).toMatchObject({ type: expect.stringMatching(/\/road-data-unavailable$/), title: 'Road data unavailable', retryAfterS: 5 });
    expect(JSON.stringify(answer.body)).not.toContain('osrm.internal');
  });

  it('lets workers retry what a later try can fix and give up on the rest', () => {
    expect(asDomainError(new RoutingError('Timeout', 'slow'))?.retryable).toBe(true);
    expect(asDomainError(new SolverInputError('bad instance'))).toMatchObject({ kind: 'invalid', code: 'solver-input', retryable: false });
    expect(asDomainError(new Error('a bug'))).toBeUndefined();
  });
});
