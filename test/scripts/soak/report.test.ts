import { describe, expect, it } from 'vitest';
import type { Audit, StoredBooking } from '../../../scripts/soak/audit';
import type { BookingRecord } from '../../../scripts/soak/bookings';
import { createHttpStats } from '../../../scripts/soak/http';
import { failed, figuresOf } from '../../../scripts/soak/report';

const record = (key: string, extra: Partial<BookingRecord>): BookingRecord => ({ key, token: 't', byDispatcher: false, sentAt: 0, ...extra });

function auditOf(stored: Array<StoredBooking & { kinds?: string[] }>): Audit {
  return {
    bookings: new Map(stored.map((b) => [b.key, b])),
    pending: stored.filter((b) => b.status === 'pending').length,
    decisionEvents: new Map(stored.filter((b) => b.kinds).map((b) => [b.id, b.kinds!])),
    ridesOnTwoPlans: 0, ridesOnPlanOfAnotherBus: 0, carriedOnNoPlan: 0, noPlanWhy: {}, ridersOverLimit: 0, phonesWithTwoRiders: 0,
    plansChecked: 3, plansFailing: [], stalePlans: 0,
  };
}

describe('the soak\u2019s figures', () => {
  it('counts a booking as lost when it was accepted and then missing or never decided, not when it was refused or never stored', () => {
    const records = [
      record('decided', { answer: 201, id: 'a', decision: 'offered', decidedAfterMs: 800 }),
      record('still-pending', { answer: 202, id: 'b' }),
      record('missing', { answer: 201, id: 'c', decision: 'rejected', decidedAfterMs: 900 }),
      record('refused', { answer: 422, refusal: 'lead_time' }),
      record('unanswered-stored', {}),
      record('unanswered-not-stored', {}),
    ];
    const audit = auditOf([
      { id: 'a', key: 'decided', status: 'confirmed', kinds: ['booking.offered'] },
      { id: 'b', key: 'still-pending', status: 'pending' },
      { id: 'd', key: 'unanswered-stored', status: 'rejected', kinds: ['booking.rejected'] },
    ]);
    const figures = figuresOf(records, audit, createHttpStats());
    expect(figures).toMatchObject({ sent: 6, accepted: 3, refused: 1, unanswered: 2, decided: 2, lost: 2, decidedTwice: 0 });
    expect(failed(figures)).toBe(true);
  });

  it('counts a booking decided twice, or decided otherwise than its client was told', () => {
    const records = [
      record('twice', { answer: 201, id: 'a', decision: 'offered', decidedAfterMs: 100 }),
      record('told-otherwise', { answer: 201, id: 'b', decision: 'offered', decidedAfterMs: 200 }),
      record('fine', { answer: 201, id: 'c', decision: 'rejected', decidedAfterMs: 300 }),
    ];
    const audit = auditOf([
      { id: 'a', key: 'twice', status: 'offered', kinds: ['booking.offered', 'booking.rejected'] },
      { id: 'b', key: 'told-otherwise', status: 'rejected', kinds: ['booking.rejected'] },
      { id: 'c', key: 'fine', status: 'rejected', kinds: ['booking.rejected'] },
    ]);
    const figures = figuresOf(records, audit, createHttpStats());
    expect(figures).toMatchObject({ decided: 3, lost: 0, decidedTwice: 2, p50Ms: 200, p95Ms: 300 });
  });

  it('passes when every must-be-0 figure is 0, whatever the 5xx count', () => {
    const http = createHttpStats();
    http.count('POST /v1/bookings', 503);
    const figures = figuresOf([record('a', { answer: 201, id: 'a', decision: 'offered', decidedAfterMs: 5 })], auditOf([{ id: 'a', key: 'a', status: 'offered', kinds: ['booking.offered'] }]), http);
    expect(figures.serverErrors).toBe(1);
    expect(failed(figures)).toBe(false);
  });
});
