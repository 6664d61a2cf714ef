import { describe, expect, it } from 'vitest';
import { undoOf } from '../../web/src/desk/overrides-actions';
import type { DeskBooking, Overview, PlanStop } from '../../web/src/desk/overview-types';
import { visitsOf } from '../../web/src/desk/timeline-visits';

const booking = (id: string, seats: number, wheelchairs = 0, status: DeskBooking['status'] = 'assigned'): DeskBooking => ({
  id, status, riderId: `r-${id}`, pickup: { stopId: 'p' }, dropoff: { stopId: 'd' }, seats, wheelchairs, note: null,
  offer: { pickupWindow: { from: '2026-12-01T09:00:00Z', to: '2026-12-01T09:15:00Z' }, latestArrival: '2026-12-01T10:00:00Z', vehicleId: 'v' },
  rejection: null, locked: false, createdAt: '2026-12-01T08:00:00Z',
});
const stop = (bookingId: string, kind: PlanStop['kind'], stopId: string, minute: number): PlanStop => ({
  bookingId, kind, stopId, stopName: stopId, plannedAt: `2026-12-01T09:${String(minute).padStart(2, '0')}:00Z`,
});
const overview = (carried: DeskBooking[], late: Overview['bookings']['late'] = []) => ({
  bookings: { carried, late, pending: [], offered: [], rejected: [], needingAttention: [] },
}) as unknown as Overview;

describe('a bus\u2019s day on the timeline', () => {
  it('joins consecutive stops at one place, counts who boards and alights, and the load when the bus leaves', () => {
    // C is on board already: only their drop-off is on the plan.
    const o = overview([booking('a', 2, 1), booking('b', 1), booking('c', 3, 0, 'on_board')]);
    const visits = visitsOf(o, [stop('a', 'pickup', 'X', 0), stop('b', 'pickup', 'X', 1), stop('c', 'dropoff', 'Y', 10), stop('a', 'dropoff', 'Z', 20), stop('b', 'dropoff', 'Z', 20)], 1);
    expect(visits.map((v) => [v.stopId, v.boarding.map((b) => b.id), v.alighting.map((b) => b.id), v.load.seats, v.load.wheelchairs, v.committed])).toEqual([
      ['X', ['a', 'b'], [], 6, 1, true],
      ['Y', [], ['c'], 3, 1, false],
      ['Z', [], ['a', 'b'], 0, 0, false],
    ]);
  });

  it('marks the stop where a promise is broken', () => {
    const a = booking('a', 1);
    const o = overview([a], [{ ...a, late: { stop: 'dropoff', plannedAt: '', promisedBy: '', bySeconds: 300 } }]);
    const visits = visitsOf(o, [stop('a', 'pickup', 'X', 0), stop('a', 'dropoff', 'Y', 30)], 0);
    expect(visits.map((v) => v.late.map((b) => b.id))).toEqual([[], ['a']]);
  });
});

describe('undoing a dispatcher\u2019s action', () => {
  it('puts a moved ride back on its bus (forced: its old place passed then, maybe not now), and takes a first assignment back off', () => {
    expect(undoOf({ kind: 'assign', bookingId: 'b', vehicleId: 'new', previousVehicleId: 'old' })).toEqual({ action: { kind: 'assign', bookingId: 'b', vehicleId: 'old', previousVehicleId: 'new' }, force: true });
    expect(undoOf({ kind: 'assign', bookingId: 'b', vehicleId: 'new', previousVehicleId: null })).toEqual({ action: { kind: 'unassign', bookingId: 'b', previousVehicleId: 'new' }, force: false });
  });

  it('turns lock into unlock, out of service into in service, and has no undo for a decision asked for again', () => {
    expect(undoOf({ kind: 'lock', bookingId: 'b' })?.action.kind).toBe('unlock');
    expect(undoOf({ kind: 'out-of-service', vehicleId: 'v' })?.action.kind).toBe('in-service');
    expect(undoOf({ kind: 'in-service', vehicleId: 'v', previousReason: null })).toBeNull();
    expect(undoOf({ kind: 'decide', bookingId: 'b' })).toBeNull();
  });
});
