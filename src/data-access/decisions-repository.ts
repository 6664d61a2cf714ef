import { sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../../db/client';
import type { PlanStop } from '../../db/schema';
import { databaseError, DECISION_CONFLICT, lostRace } from './database-errors';

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

/** A booking a re-plan moves to another bus (or onto one: `fromShiftId` null), only if still as read. */
export interface MoveWrite {
  id: string;
  status: string;
  fromShiftId: string | null;
  toShiftId: string;
  vehicleId: string;
  /** Its event (`booking.reassigned`, `booking.placed`) and what the event records. */
  kind: string;
  eventData: Record<string, unknown>;
}

/** An event a re-plan logs beside its writes (e.g. `booking.late`). */
export interface EventWrite {
  kind: string;
  bookingId: string;
  vehicleId: string;
  data: Record<string, unknown>;
}

export interface Replan {
  plans: PlanWrite[];
  moves: MoveWrite[];
  events: EventWrite[];
}

export interface BatchDecision {
  plans: PlanWrite[];
  offers: OfferWrite[];
  rejections: RejectionWrite[];
}

export function decisionsRepository(db: DbOrTx) {
  return {
    /**
     * Writes a batch decision in one statement: plans only at the versions they were read at, and
     * bookings only if still pending, each with its event. All or nothing: when anything moved on
     * meanwhile (a ride another writer put on a plan meanwhile included) nothing is written and the
     * answer names what moved (`conflict`).
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
        const lost = lostRace(error);
        if (lost) return { conflict: lost };
        throw error;
      }
    },
    /**
     * Writes a re-plan in one transaction of a few set-wise statements (it may touch every plan of an
     * area and move hundreds of bookings, while the area's bookings wait): plans only at the versions
     * they were read at, moves only for bookings still in the status and on the shift they were read
     * with, each move with its event, and the other events. All or nothing; `conflict` names what
     * moved on meanwhile (a ride another writer put on a plan meanwhile included).
     */
    async applyReplan(replan: Replan): Promise<{ conflict?: string }> {
      const plans = JSON.stringify(replan.plans.map((p) => ({ shift_id: p.shiftId, vehicle_id: p.vehicleId, expected: p.expectedVersion, stops: p.stops })));
      const moves = JSON.stringify(replan.moves.map((m) => ({
        id: m.id, status: m.status, from_shift: m.fromShiftId, to_shift: m.toShiftId, vehicle_id: m.vehicleId, kind: m.kind, data: { status: m.status, ...m.eventData },
      })));
      const events = JSON.stringify(replan.events.map((e) => ({ kind: e.kind, booking_id: e.bookingId, vehicle_id: e.vehicleId, data: e.data })));
      const conflict = new Error('re-plan conflict');
      try {
        await db.transaction(async (tx) => {
          // Plans that exist first, new ones after: a ride a new plan takes from an old one has left it by then.
          const updated = rowsOf<{ shift_id: string }>(await tx.execute(sql`
            update vehicle_plans set stops = w.stops, version = vehicle_plans.version + 1, updated_at = now()
            from jsonb_to_recordset(${plans}::jsonb) as w(shift_id uuid, expected integer, stops jsonb)
            where vehicle_plans.shift_id = w.shift_id and w.expected <> 0 and vehicle_plans.version = w.expected
            returning vehicle_plans.shift_id`));
          const inserted = replan.plans.some((p) => p.expectedVersion === 0) ? rowsOf<{ shift_id: string }>(await tx.execute(sql`
            insert into vehicle_plans (shift_id, vehicle_id, version, stops)
            select w.shift_id, w.vehicle_id, 1, w.stops from jsonb_to_recordset(${plans}::jsonb) as w(shift_id uuid, vehicle_id uuid, expected integer, stops jsonb)
            where w.expected = 0
            on conflict do nothing returning vehicle_plans.shift_id`)) : [];
          const written = [...updated, ...inserted];
          const missingPlan = replan.plans.find((p) => !written.some((w) => w.shift_id === p.shiftId));
          if (missingPlan) throw Object.assign(conflict, { message: `plan of shift ${missingPlan.shiftId} changed meanwhile` });
          if (replan.moves.length > 0) {
            const moved = rowsOf<{ id: string }>(await tx.execute(sql`
              update bookings set shift_id = m.to_shift, vehicle_id = m.vehicle_id, updated_at = now()
              from jsonb_to_recordset(${moves}::jsonb) as m(id uuid, status text, from_shift uuid, to_shift uuid, vehicle_id uuid)
              where bookings.id = m.id and bookings.status::text = m.status and bookings.shift_id is not distinct from m.from_shift
              returning bookings.id`));
            const missingMove = replan.moves.find((m) => !moved.some((row) => row.id === m.id));
            if (missingMove) throw Object.assign(conflict, { message: `booking ${missingMove.id} changed meanwhile` });
          }
          await tx.execute(sql`
            insert into events (kind, booking_id, vehicle_id, data)
            select m.kind, m.id, m.vehicle_id, m.data from jsonb_to_recordset(${moves}::jsonb) as m(id uuid, vehicle_id uuid, kind text, data jsonb)
            union all
            select e.kind, e.booking_id, e.vehicle_id, e.data from jsonb_to_recordset(${events}::jsonb) as e(kind text, booking_id uuid, vehicle_id uuid, data jsonb)`);
        });
        return {};
      } catch (error) {
        if (error === conflict) return { conflict: conflict.message };
        const lost = lostRace(error);
        if (lost) return { conflict: lost };
        throw error;
      }
    },
    /**
     * Announces bookings that stay pending for `reason` on the channel decisions are announced on
     * (`bookings_decided`, without a status), so a request waiting for one answers 202 at once.
     */
    async announcePending(ids: string[], reason: string): Promise<void> {
      for (const id of ids) await db.execute(sql`select pg_notify('bookings_decided', ${JSON.stringify({ id, pending: reason })})`);
    },
  };
}
