import { and, asc, eq, getTableColumns, gt, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { bookingStatus, bookings, events, serviceAreas, stops, users } from '../../db/schema';
import { idIn } from './any-id';
import { likeText } from './like-text';
import { prepared } from './prepared';

export type Booking = typeof bookings.$inferSelect;
export type NewBooking = typeof bookings.$inferInsert;
export type BookingStatus = Booking['status'];
/** Every status a booking can have: the database enum's values. */
export const BOOKING_STATUSES = bookingStatus.enumValues;

export const ACTIVE_STATUSES: BookingStatus[] = ['pending', 'offered', 'confirmed', 'assigned', 'on_board'];
/** A booking in one of these is on its bus's plan; the plan's stops of any other are left over (a cancellation whose plan edit failed). */
export const CARRIED_STATUSES: ReadonlySet<BookingStatus> = new Set(['offered', 'confirmed', 'assigned', 'on_board']);

export interface BookingQuery {
  riderId?: string;
  areaId?: string;
  /** Only bookings of these areas (a dispatcher scoped to them). */
  areaIds?: string[];
  statuses?: BookingStatus[];
  from?: Date;
  to?: Date;
  after?: { requestedTime: Date; id: string };
  /** Only bookings no bus carries (no shift). */
  unassigned?: boolean;
  /** Only bookings requested for this local date (YYYY-MM-DD) in their area's time zone. */
  day?: string;
  /** Only bookings picking up or dropping off in this village (case-insensitive). */
  village?: string;
  /** Only bookings whose rider's name, a stop's name or village contains `text`, or whose rider's phone starts with `phonePrefix` (E.164). */
  search?: { text: string; phonePrefix?: string };
  limit: number;
}


function searchCondition(search: NonNullable<BookingQuery['search']>): SQL {
  const contains = `%${likeText(search.text)}%`;
  const riderMatch = search.phonePrefix
    ? sql`(${users.name} ilike ${contains} or ${users.phone} like ${`${likeText(search.phonePrefix)}%`})`
    : sql`${users.name} ilike ${contains}`;
  return sql`(${bookings.riderId} in (select ${users.id} from ${users} where ${riderMatch})
    or exists (select 1 from ${stops} where ${stops.id} in (${bookings.pickupStopId}, ${bookings.dropoffStopId})
      and (${stops.name} ilike ${contains} or ${stops.village} ilike ${contains})))`;
}

export interface StatusChange {
  kind: string;
  actorId?: string | null;
  reason?: string | null;
  data?: Record<string, unknown>;
}

const bookingColumns = getTableColumns(bookings);

/**
 * A booking from its row as PostgreSQL's row_to_json writes it (snake_case keys, timestamps as
 * ISO text), mapped by the same column definitions a query's result goes through.
 */
export function bookingFromJson(row: Record<string, unknown>): Booking {
  const booking: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(bookingColumns)) {
    const value = row[column.name];
    booking[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return booking as Booking;
}
/** The oldest transaction running now (see migration 0003): later reads ask for changes from it. */
const changeMark = sql<string>`pg_snapshot_xmin(pg_current_snapshot())::text`;

/** What a new booking request stores; everything else starts at its default (status pending…). */
export type NewBookingRequest = Pick<NewBooking, 'areaId' | 'bookedById' | 'pickupStopId' | 'dropoffStopId' | 'requestedTime' | 'timeMode' | 'seats'>
  & Partial<Pick<NewBooking, 'wheelchairs' | 'note' | 'idempotencyKey' | 'requestHash'>>
  & { riderId?: string };

/** No limit on a rider's active bookings (createOnce). */
const NO_LIMIT = 2_147_483_647;

/**
 * The insert of a new booking, by the database function of migration 0006: it locks the rider (a
 * caller given by phone is found, else created), counts the rider's active bookings and inserts the
 * booking with its event only below the limit, in one statement. Built once per database and run
 * with parameters (it is on every booking's path, and building it each time cost more than running it).
 */
function prepareCreate(db: DbOrTx) {
  const p = (name: string) => sql.placeholder(name);
  const active = sql.raw(`array[${ACTIVE_STATUSES.map((status) => `'${status}'`).join(', ')}]::booking_status[]`);
  const created = db.$with('created', bookingColumns).as(sql`select * from create_booking_within_limit(
      ${p('riderId')}::uuid, ${p('riderName')}::text, ${p('riderPhone')}::text, ${p('maxActive')}::integer, ${active}, ${p('actorId')}::uuid,
      ${p('areaId')}::uuid, ${p('bookedById')}::uuid, ${p('pickupStopId')}::uuid, ${p('dropoffStopId')}::uuid, ${p('requestedTime')}::timestamptz,
      ${p('timeMode')}::time_mode, ${p('seats')}::integer, ${p('wheelchairs')}::integer, ${p('note')}::text, ${p('idempotencyKey')}::text, ${p('requestHash')}::text
    )`);
  return db.with(created).select().from(created).prepare('create_booking');
}

export function bookingsRepository(db: DbOrTx) {
  const byIdempotencyKey = (bookedById: string, key: string) =>
    db.select().from(bookings).where(and(eq(bookings.bookedById, bookedById), eq(bookings.idempotencyKey, key)));

  /**
   * Inserts a booking unless one with the same (bookedBy, idempotencyKey) exists, or its rider
   * already holds `maxActive` active bookings (`limitReached`). The rider is given by id, or as a
   * caller whose phone (E.164) finds the rider, else creates one. Race-free in the database (see
   * prepareCreate); a refused request stores nothing, and only a repeat of an idempotent request
   * reads the existing row.
   */
  async function createWithinLimit(booking: NewBookingRequest, actorId: string, caller: { name: string; phone: string } | undefined, maxActive: number): Promise<{ booking: Booking; created: boolean } | { limitReached: true }> {
    if (!booking.riderId && !caller) throw new Error('a booking needs a rider id or a caller');
    const statement = prepared(db, 'create_booking', () => prepareCreate(db));
    const [row] = await statement.execute({
      riderId: booking.riderId ?? null, riderName: caller?.name ?? null, riderPhone: caller?.phone ?? null, maxActive, actorId,
      areaId: booking.areaId, bookedById: booking.bookedById, pickupStopId: booking.pickupStopId, dropoffStopId: booking.dropoffStopId,
      requestedTime: booking.requestedTime.toISOString(), timeMode: booking.timeMode, seats: booking.seats, wheelchairs: booking.wheelchairs ?? 0,
      note: booking.note ?? null, idempotencyKey: booking.idempotencyKey ?? null, requestHash: booking.requestHash ?? null,
    });
    if (row) return { booking: row, created: true };
    const [existing] = booking.idempotencyKey ? await byIdempotencyKey(booking.bookedById, booking.idempotencyKey) : [];
    return existing ? { booking: existing, created: false } : { limitReached: true };
  }

  return {
    createWithinLimit,
    /** createWithinLimit without a limit on the rider's active bookings. */
    async createOnce(booking: NewBookingRequest, actorId: string, caller?: { name: string; phone: string }): Promise<{ booking: Booking; created: boolean }> {
      const outcome = await createWithinLimit(booking, actorId, caller, NO_LIMIT);
      if ('limitReached' in outcome) throw new Error(`booking ${booking.idempotencyKey ?? ''} was neither stored nor found`);
      return outcome;
    },
    async findById(id: string): Promise<Booking | undefined> {
      const statement = prepared(db, 'booking_by_id', () => db.select().from(bookings).where(eq(bookings.id, sql.placeholder('id'))).prepare('booking_by_id'));
      const [row] = await statement.execute({ id });
      return row;
    },
    async listByIdempotencyKey(bookedById: string, key: string): Promise<Booking[]> {
      return byIdempotencyKey(bookedById, key);
    },
    async findByIds(ids: string[]): Promise<Booking[]> {
      if (ids.length === 0) return [];
      const statement = prepared(db, 'bookings_by_ids', () => db.select().from(bookings).where(idIn(bookings.id, sql.placeholder('ids'))).prepare('bookings_by_ids'));
      return statement.execute({ ids: ids.join(',') });
    },
    /**
     * A point to read an area's changes from (`changedInArea`): the oldest transaction still running
     * now. Taken before reading rows, every later change to them is at or after it.
     */
    async changeMark(): Promise<string> {
      const [row] = await db.select({ mark: changeMark }).from(sql`(select 1) as one`);
      return row.mark;
    },
    /**
     * The area's bookings written at or after `since` (a `changeMark`) — by transactions committed
     * since, or still running then — and the mark to ask from next time, in one statement. Rows may
     * come again that did not change (a long transaction holds the mark back); none that did is left out.
     */
    async changedInArea(areaId: string, since: string): Promise<{ changed: Booking[]; next: string }> {
      const statement = prepared(db, 'bookings_changed_in_area', () => db
        .select({ mark: sql<string>`now_mark.mark`, booking: bookingColumns })
        .from(sql`(select ${changeMark} as mark) as now_mark`)
        .leftJoin(bookings, and(eq(bookings.areaId, sql.placeholder('areaId')), sql`change_xid >= ${sql.placeholder('since')}::xid8`))
        .prepare('bookings_changed_in_area'));
      const rows = await statement.execute({ areaId, since });
      return { changed: rows.flatMap((r) => (r.booking ? [r.booking] : [])), next: rows[0].mark };
    },
    /** Bookings of an area still waiting for a decision, oldest request first (the batch decider's queue). */
    async pendingInArea(areaId: string, limit: number): Promise<Booking[]> {
      const statement = prepared(db, 'pending_in_area', () => db
        .select()
        .from(bookings)
        .where(and(eq(bookings.areaId, sql.placeholder('areaId')), eq(bookings.status, 'pending')))
        .orderBy(asc(bookings.createdAt), asc(bookings.id))
        .limit(sql.placeholder('limit'))
        .prepare('pending_in_area'));
      return statement.execute({ areaId, limit });
    },
    async list(query: BookingQuery): Promise<Booking[]> {
      const where: SQL[] = [];
      if (query.riderId) where.push(eq(bookings.riderId, query.riderId));
      if (query.areaId) where.push(eq(bookings.areaId, query.areaId));
      if (query.areaIds) where.push(inArray(bookings.areaId, query.areaIds));
      if (query.statuses?.length) where.push(inArray(bookings.status, query.statuses));
      if (query.from) where.push(gte(bookings.requestedTime, query.from));
      if (query.to) where.push(lt(bookings.requestedTime, query.to));
      if (query.unassigned) where.push(isNull(bookings.shiftId));
      if (query.day) {
        where.push(sql`exists (select 1 from ${serviceAreas} where ${serviceAreas.id} = ${bookings.areaId}
          and (${bookings.requestedTime} at time zone ${serviceAreas.timeZone})::date = ${query.day}::date)`);
      }
      if (query.village) {
        where.push(sql`exists (select 1 from ${stops} where ${stops.id} in (${bookings.pickupStopId}, ${bookings.dropoffStopId}) and lower(${stops.village}) = lower(${query.village}))`);
      }
      if (query.search) where.push(searchCondition(query.search));
      if (query.after) {
        const { requestedTime, id } = query.after;
        where.push(or(gt(bookings.requestedTime, requestedTime), and(eq(bookings.requestedTime, requestedTime), gt(bookings.id, id)))!);
      }
      return db
        .select()
        .from(bookings)
        .where(and(...where))
        .orderBy(asc(bookings.requestedTime), asc(bookings.id))
        .limit(query.limit);
    },
    /**
     * Moves a booking to a new state only if it is still in one of `from` (and, with `onShift`, still
     * on that shift; null: on none); writes the event in the same transaction. Returns undefined when
     * the booking had moved on (the caller reports a conflict).
     */
    async transition(
      id: string,
      from: BookingStatus[],
      patch: Partial<NewBooking>,
      change: StatusChange,
      tx: DbOrTx = db,
      onShift?: string | null,
    ): Promise<Booking | undefined> {
      const shiftCheck = onShift === undefined ? undefined : onShift === null ? isNull(bookings.shiftId) : eq(bookings.shiftId, onShift);
      const run = async (t: Db) => {
        const [row] = await t
          .update(bookings)
          .set({ ...patch, updatedAt: sql`now()` })
          .where(and(eq(bookings.id, id), inArray(bookings.status, from), shiftCheck))
          .returning();
        if (!row) return undefined;
        await t.insert(events).values({
          kind: change.kind,
          actorId: change.actorId ?? null,
          bookingId: id,
          vehicleId: row.vehicleId,
          reason: change.reason ?? null,
          data: { status: row.status, ...change.data },
        });
        return row;
      };
      return tx === db ? db.transaction((t) => run(t)) : run(tx);
    },
    async count(): Promise<number> {
      return db.$count(bookings);
    },
    async countByStatus(): Promise<Record<string, number>> {
      const rows = await db
        .select({ status: bookings.status, n: sql<number>`count(*)::int` })
        .from(bookings)
        .groupBy(bookings.status);
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },
    /** Every booking a shift carries or carried, whatever its status. */
    async listByShift(shiftId: string): Promise<Booking[]> {
      return db.select().from(bookings).where(eq(bookings.shiftId, shiftId));
    },
  };
}
