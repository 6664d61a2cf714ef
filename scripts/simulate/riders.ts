import type { DemandRequest } from './demand';

export interface ApiAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  etag?: string;
}

export type Api = (method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>) => Promise<ApiAnswer>;

/** Calls the service's HTTP API on 127.0.0.1 as its clients do. */
export function apiAt(url: string): Api {
  return async (method, path, token, body, headers = {}) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, etag: response.headers.get('etag') ?? undefined };
  };
}

/** What became of one request. */
export interface Outcome {
  request: DemandRequest;
  /** withdrawn: a return not asked for, its outward ride having been refused. */
  decision: 'offered' | 'rejected' | 'refused' | 'withdrawn' | 'undecided';
  /** The dispatch's rejection reason, or the problem type of a refused request. */
  reason?: string;
  bookingId?: string;
  cancelled?: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The villagers, through the dispatcher who takes their calls: each request is booked through the
 * booking API, an offer confirmed, a planned cancellation sent when it is due.
 */
export function createRiders(api: Api, dispatcherToken: string, stopIdByCode: Map<string, string>) {
  const outcomes = new Map<string, Outcome>();
  const phones = new Map<string, string>();
  const phoneOf = (rider: string) => {
    if (!phones.has(rider)) phones.set(rider, `+4965619${String(phones.size).padStart(6, '0')}`);
    return phones.get(rider)!;
  };

  async function decided(id: string) {
    for (let tries = 0; tries < 600; tries += 1) {
      const answer = await api('GET', `/v1/bookings/${id}`, dispatcherToken);
      if (answer.body?.status !== 'pending') return answer.body;
      await sleep(50);
    }
    return undefined;
  }

  async function book(request: DemandRequest): Promise<Outcome> {
    const outward = request.returnOf ? outcomes.get(request.returnOf) : undefined;
    if (outward && outward.decision !== 'offered') return remember({ request, decision: 'withdrawn' });
    const time = request.time.toISOString();
    const answer = await api('POST', '/v1/bookings', dispatcherToken, {
      pickup: { stopId: stopIdByCode.get(request.pickup) }, dropoff: { stopId: stopIdByCode.get(request.dropoff) },
      ...(request.mode === 'arrive_by' ? { arriveBy: time } : { departAfter: time }),
      seats: request.seats, wheelchairs: request.wheelchairs,
      rider: { name: `Fahrgast ${request.rider}`, phone: phoneOf(request.rider) },
    }, { 'idempotency-key': `sim-${request.id}` });
    if (answer.status >= 400) return remember({ request, decision: 'refused', reason: problemName(answer) });
    const booking = answer.status === 202 ? await decided(answer.body.id) : answer.body;
    if (!booking || booking.status === 'pending') return remember({ request, decision: 'undecided', bookingId: answer.body.id });
    if (booking.status === 'rejected') return remember({ request, decision: 'rejected', reason: booking.rejection?.reason ?? 'unknown', bookingId: booking.id });
    const confirmed = await api('POST', `/v1/bookings/${booking.id}/confirm`, dispatcherToken, {});
    if (confirmed.status >= 400) throw new Error(`confirming ${request.id}: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
    return remember({ request, decision: 'offered', bookingId: booking.id });
  }

  function remember(outcome: Outcome) {
    outcomes.set(outcome.request.id, outcome);
    return outcome;
  }

  async function cancel(request: DemandRequest, reason: string): Promise<boolean> {
    const outcome = outcomes.get(request.id);
    if (!outcome?.bookingId || outcome.decision !== 'offered' || outcome.cancelled) return false;
    const answer = await api('POST', `/v1/bookings/${outcome.bookingId}/cancel`, dispatcherToken, { reason });
    outcome.cancelled = answer.status === 200;
    return outcome.cancelled;
  }

  return { book, cancel, outcomes };
}

const problemName = (answer: ApiAnswer) => {
  const type = String(answer.body?.type ?? answer.status);
  return type.slice(type.lastIndexOf('/') + 1);
};
