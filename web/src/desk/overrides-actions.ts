import { api } from '../api';

/** One dispatcher action as the API takes it; `previous` is what undoing it needs to know. */
export type OverrideAction =
  | { kind: 'assign'; bookingId: string; vehicleId?: string; previousVehicleId: string | null }
  | { kind: 'unassign'; bookingId: string; previousVehicleId: string | null }
  | { kind: 'lock' | 'unlock'; bookingId: string }
  | { kind: 'decide'; bookingId: string }
  | { kind: 'sequence'; vehicleId: string; shiftId: string; stops: SequenceStop[]; previous: SequenceStop[] }
  | { kind: 'out-of-service'; vehicleId: string; previousReason?: string }
  | { kind: 'in-service'; vehicleId: string; previousReason: string | null };

export interface SequenceStop {
  bookingId: string;
  kind: 'pickup' | 'dropoff';
}

/** The service's answers the desk reads. */
export interface OverrideAnswer {
  id?: string;
  status?: string;
  offer?: { vehicleId: string | null } | null;
  version?: number;
  forced?: boolean;
  reassigned?: unknown[];
  unplaceable?: unknown[];
  onBoard?: unknown[];
}

/** Whether the API insists on a reason for this action (a forced one always needs one). */
export const reasonRequired = (action: OverrideAction, force: boolean) => force || action.kind === 'out-of-service';

/** Sends the action; throws the service's ApiError (an infeasible change: code "assignment-infeasible" / "sequence-infeasible"). */
export async function sendOverride(action: OverrideAction, reason: string, force: boolean): Promise<OverrideAnswer> {
  const why = reason.trim() ? { reason: reason.trim() } : {};
  const withForce = force ? { force: true } : {};
  switch (action.kind) {
    case 'assign':
      return (await api<OverrideAnswer>('POST', `/v1/dispatch/bookings/${action.bookingId}/assign`, { vehicleId: action.vehicleId, ...why, ...withForce })).body;
    case 'unassign':
    case 'lock':
    case 'unlock':
    case 'decide':
      return (await api<OverrideAnswer>('POST', `/v1/dispatch/bookings/${action.bookingId}/${action.kind}`, why)).body;
    case 'sequence':
      return (await api<OverrideAnswer>('PUT', `/v1/dispatch/vehicles/${action.vehicleId}/sequence`, { stops: action.stops, shiftId: action.shiftId, ...why, ...withForce })).body;
    case 'out-of-service':
    case 'in-service':
      return (await api<OverrideAnswer>('POST', `/v1/dispatch/vehicles/${action.vehicleId}/${action.kind}`, why)).body;
  }
}

/** The action that takes a done one back, where the API allows it (forced: the old state passed its checks then, not necessarily now). */
export function undoOf(action: OverrideAction): { action: OverrideAction; force: boolean } | null {
  switch (action.kind) {
    case 'assign':
      return action.previousVehicleId
        ? { action: { kind: 'assign', bookingId: action.bookingId, vehicleId: action.previousVehicleId, previousVehicleId: action.vehicleId ?? null }, force: true }
        : { action: { kind: 'unassign', bookingId: action.bookingId, previousVehicleId: action.vehicleId ?? null }, force: false };
    case 'unassign':
      return action.previousVehicleId ? { action: { kind: 'assign', bookingId: action.bookingId, vehicleId: action.previousVehicleId, previousVehicleId: null }, force: true } : null;
    case 'decide':
      return null;
    case 'lock':
      return { action: { kind: 'unlock', bookingId: action.bookingId }, force: false };
    case 'unlock':
      return { action: { kind: 'lock', bookingId: action.bookingId }, force: false };
    case 'sequence':
      return { action: { kind: 'sequence', vehicleId: action.vehicleId, shiftId: action.shiftId, stops: action.previous, previous: action.stops }, force: true };
    case 'out-of-service':
      return { action: { kind: 'in-service', vehicleId: action.vehicleId, previousReason: null }, force: false };
    case 'in-service':
      return action.previousReason ? { action: { kind: 'out-of-service', vehicleId: action.vehicleId }, force: false } : null;
  }
}
