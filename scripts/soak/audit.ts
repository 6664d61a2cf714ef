import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../../db/client';
import { checkRoutes } from '../../routing/solver';
import { StraightLineEstimate } from '../../routing/travel-times';
import { ACTIVE_STATUSES, CARRIED_STATUSES } from '../../src/data-access/bookings-repository';
import { createRepositories } from '../../src/domain/context';
import { loadPlanningSnapshot } from '../../src/domain/dispatch/planning-snapshot';
import { createStoredStopMatrices } from '../../src/domain/dispatch/stop-matrix-store';

const DAY_MS = 86_400_000;

export interface StoredBooking { id: string; key: string; status: string }

/** What the database holds once the traffic is over, read independently of the service's own code paths. */
export interface Audit {
  bookings: Map<string, StoredBooking>;
  pending: number;
  decisionEvents: Map<string, string[]>;
  ridesOnTwoPlans: number;
  ridesOnPlanOfAnotherBus: number;
  carriedOnNoPlan: number;
  /**
   * Why each of those is on no plan, by its latest plan event: `dispatch.unassigned` (held by the desk),
   * `booking.unplaceable` (no bus could take it after a breakdown or a cancelled shift; the desk's
   * attention list shows it); anything else (offered or assigned last) is a ride the service lost track of.
   */
  noPlanWhy: Record<string, number>;
  ridersOverLimit: number;
  phonesWithTwoRiders: number;
  plansChecked: number;
  plansFailing: Array<{ shiftId: string; violation: string }>;
  stalePlans: number;
}

const rows = async <T>(database: Database, query: ReturnType<typeof sql>) => rowsOf<T>(await database.db.execute(query));

export async function pendingCount(database: Database): Promise<number> {
  const [row] = await rows<{ n: number }>(database, sql`select count(*)::int as n from bookings where status = 'pending'`);
  return row.n;
}

/** The audit of the area's bookings and plans; the plans are checked as they stand at `nowMs`. */
export async function audit(database: Database, areaId: string, maxActivePerRider: number, nowMs = Date.now()): Promise<Audit> {
  const stored = await rows<{ id: string; key: string; status: string }>(database, sql`select id, idempotency_key as key, status from bookings where idempotency_key is not null`);
  const decisions = await rows<{ booking_id: string; kinds: string[] }>(database, sql`
    select booking_id, array_agg(kind order by at) as kinds from events
    where kind in ('booking.offered', 'booking.rejected') group by booking_id`);
  const carried = sql.raw([...CARRIED_STATUSES].map((s) => `'${s}'`).join(', '));
  const active = sql.raw(ACTIVE_STATUSES.map((s) => `'${s}'`).join(', '));
  const [plans] = await rows<{ on_two: number; other_bus: number; on_none: number }>(database, sql`
    with entries as (
      select p.shift_id, (e->>'bookingId')::uuid as booking_id from vehicle_plans p, jsonb_array_elements(p.stops) e where e->>'kind' = 'pickup'
    ), per_booking as (select booking_id, count(*) as n, min(shift_id::text) as shift_id from entries group by booking_id)
    select
      (select count(*)::int from per_booking where n > 1) as on_two,
      (select count(*)::int from per_booking pb join bookings b on b.id = pb.booking_id
         where pb.n = 1 and b.status in (${carried}) and b.shift_id::text is distinct from pb.shift_id) as other_bus,
      (select count(*)::int from bookings b where b.status in (${carried}) and b.status <> 'on_board'
         and not exists (select 1 from per_booking pb where pb.booking_id = b.id)) as on_none`);
  const why = await rows<{ why: string; n: number }>(database, sql`
    select coalesce(last.kind, 'no plan event') as why, count(*)::int as n from bookings b
    left join lateral (
      select kind from events e where e.booking_id = b.id
        and e.kind in ('booking.offered', 'dispatch.assigned', 'dispatch.reassigned', 'dispatch.unassigned', 'booking.unplaceable')
      order by e.at desc, e.id desc limit 1
    ) last on true
    where b.status in (${carried}) and b.status <> 'on_board'
      and not exists (select 1 from vehicle_plans p, jsonb_array_elements(p.stops) e where (e->>'bookingId')::uuid = b.id)
    group by 1`);
  const [riders] = await rows<{ n: number }>(database, sql`
    select count(*)::int as n from (select rider_id from bookings where status in (${active}) group by rider_id having count(*) > ${maxActivePerRider}) t`);
  const [phones] = await rows<{ n: number }>(database, sql`
    select count(*)::int as n from (select phone from users where role = 'rider' and phone is not null group by phone having count(*) > 1) t`);
  const checked = await checkStoredPlans(database, areaId, nowMs);
  return {
    bookings: new Map(stored.map((b) => [b.key, b])),
    pending: await pendingCount(database),
    decisionEvents: new Map(decisions.map((d) => [d.booking_id, d.kinds])),
    ridesOnTwoPlans: plans.on_two,
    ridesOnPlanOfAnotherBus: plans.other_bus,
    carriedOnNoPlan: plans.on_none,
    noPlanWhy: Object.fromEntries(why.map((w) => [w.why, w.n])),
    ridersOverLimit: riders.n,
    phonesWithTwoRiders: phones.n,
    ...checked,
  };
}

/**
 * Every stored plan of the area, as it stands now, through the solver's independent route checker
 * (structure, pins, committed stops, capacity, time windows, ride times), as the planners see it.
 */
async function checkStoredPlans(database: Database, areaId: string, nowMs: number) {
  const repos = createRepositories(database.db);
  const area = (await repos.areas.findById(areaId))!;
  const matrix = await createStoredStopMatrices(database.db, new StraightLineEstimate())(area.id, await repos.areas.allStops(area.id));
  const snapshot = await loadPlanningSnapshot(repos, area, matrix, { fromMs: nowMs - DAY_MS, toMs: nowMs + (area.rules.maxHorizonDays + 2) * DAY_MS }, [], nowMs);
  const plans = snapshot.plans.filter((p) => p.stops.length > 0);
  const verdicts = checkRoutes(snapshot.instance, plans);
  const failing = verdicts.flatMap((verdict, i) => (verdict.feasible ? [] : [{ shiftId: plans[i].vehicleId, violations: verdict.violations }]));
  const rows = new Map((await repos.fleet.plansForShifts(failing.map((f) => f.shiftId))).map((row) => [row.shiftId, row]));
  const clock = (at: Date | string | null | undefined) => (at ? new Date(at).toISOString().slice(11, 19) : '-');
  const plansFailing = failing.map(({ shiftId, violations }) => {
    const row = rows.get(shiftId);
    // When the plan was written and where its bus is: a plan its bus has fallen behind reads differently from one written late.
    const state = row && `plan v${row.version} written ${clock(row.updatedAt)}, first stop planned ${clock(row.stops[0]?.plannedAt)}, bus ${row.lastDepartedAt ? `left its last stop ${clock(row.lastDepartedAt)}` : row.lastStopId ? 'at its last stop' : 'not yet left its depot'}, checked ${clock(new Date(nowMs))} UTC`;
    return { shiftId, violation: `${violations.slice(0, 2).map((v) => `${v.rule}${v.requestId ? ` (booking ${v.requestId})` : ''}: ${v.detail}`).join('; ')} (${state})` };
  });
  return { plansChecked: plans.length, plansFailing, stalePlans: snapshot.stale.size };
}
