import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { PlanStop } from '../../db/schema';

/** One plan write of a batch; `expectedVersion` 0 = no plan yet. */
export interface PlanWrite {
  shiftId: string;
  vehicleId: string;
  stops: PlanStop[];
  expectedVersion: number;
}

/** A booking the batch placed: its promise, bus and shift, and what its event records. */
export interface OfferWrite {
  id: string;
  shiftId: string;
  vehicleId: string;
  promisedPickupFrom: Date;
  promisedPickupTo: Date;
  promisedLatestArrival: Date;
  directDurationS: number;
  maxRideS: number;
  estimated: boolean;
  eventData: Record<string, unknown>;
}

/** A booking the batch could not place, with the alternative times it found. */
export interface RejectionWrite {
  id: string;
  rejectionReason: string;
  alternatives: unknown[];
  directDurationS: number;
  estimated: boolean;
  eventData: Record<string, unknown>;
}

export interface BatchDecision {
  plans: PlanWrite[];
  offers: OfferWrite[];
  rejections: RejectionWrite[];
}

/** SQLSTATE of apply_batch_decision (migration 0005) when a plan or booking moved on meanwhile. */
const DECISION_CONFLICT = 'TB409';

/** The database's own error inside what the driver or drizzle threw (it may be wrapped as `cause`). */
function databaseError(error: unknown): { code: string; message: string } | undefined {
  for (let e = error as { code?: unknown; message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'string') return { code: e.code, message: e.message ?? e.code };
  }
  return undefined;
}

export function decisionsRepository(db: Db) {
  return {
    /**
     * Writes a batch decision in one statement: plans only at the versions they were read at, and
     * bookings only if still pending, each with its event. All or nothing: when anything moved on
     * meanwhile nothing is written and the answer names what moved (`conflict`).
     */
    async apply(decision: BatchDecision): Promise<{ conflict?: string }> {
      const plans = decision.plans.map((p) => ({ shift_id: p.shiftId, vehicle_id: p.vehicleId, expected: p.expectedVersion, stops: p.stops }));
      const offers = decision.offers.map((o) => ({
        id: o.id, shift_id: o.shiftId, vehicle_id: o.vehicleId, promised_pickup_from: o.promisedPickupFrom, promised_pickup_to: o.promisedPickupTo,
        promised_latest_arrival: o.promisedLatestArrival, direct_duration_s: o.directDurationS, max_ride_s: o.maxRideS, estimated: o.estimated, event_data: o.eventData,
      }));
      const rejections = decision.rejections.map((r) => ({
        id: r.id, rejection_reason: r.rejectionReason, alternatives: r.alternatives, direct_duration_s: r.directDurationS, estimated: r.estimated, event_data: r.eventData,
      }));
      try {
        await db.execute(sql`select apply_batch_decision(${JSON.stringify(plans)}::jsonb, ${JSON.stringify(offers)}::jsonb, ${JSON.stringify(rejections)}::jsonb)`);
        return {};
      } catch (error) {
        const cause = databaseError(error);
        if (cause?.code === DECISION_CONFLICT) return { conflict: cause.message };
        throw error;
      }
    },
  };
}
