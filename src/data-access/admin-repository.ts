import { and, asc, eq, gt, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { areaLinks, bookings, driverVehicles, serviceAreas, sessions, shiftTemplates, shifts, stopMatrices, stops, userAreas, users, vehicles } from '../../db/schema';
import { ACTIVE_STATUSES, type Booking } from './bookings-repository';
import type { NewServiceArea, ServiceArea, Stop } from './areas-repository';
import type { Shift, VehicleRow } from './fleet-repository';
import type { User, UserRole } from './users-repository';

export type ShiftTemplate = typeof shiftTemplates.$inferSelect;
export type NewShiftTemplate = typeof shiftTemplates.$inferInsert;
export type AreaPatch = Partial<Omit<NewServiceArea, 'id' | 'createdAt'>>;
export type StopPatch = Partial<Pick<Stop, 'name' | 'village' | 'lat' | 'lon' | 'wheelchairAccessible' | 'active'>>;
export type VehiclePatch = Partial<Pick<VehicleRow, 'label' | 'seats' | 'wheelchairPlaces' | 'depotStopId'>>;
/** A staff login as the operator sees it: never with its token or password hash. */
export type StaffUser = User & { deactivatedAt: Date | null; areaIds: string[]; vehicleIds: string[] };

const staffColumns = { id: users.id, role: users.role, name: users.name, phone: users.phone, createdAt: users.createdAt, deactivatedAt: users.deactivatedAt };

/** Bookings still to ride whose pick-up area is one of the two and who call at a stop of the other. */
function crossingRides(db: DbOrTx, a: string, b: string) {
  return db.select({ id: bookings.id }).from(bookings)
    .innerJoin(stops, or(eq(stops.id, bookings.pickupStopId), eq(stops.id, bookings.dropoffStopId)))
    .where(and(
      inArray(bookings.status, ACTIVE_STATUSES),
      or(and(eq(bookings.areaId, a), eq(stops.areaId, b)), and(eq(bookings.areaId, b), eq(stops.areaId, a))),
    ));
}

/** The operator's writes to the set-up: areas, stops, buses, shift templates, staff logins. */
export function adminRepository(db: DbOrTx) {
  return {
    async updateArea(id: string, patch: AreaPatch): Promise<ServiceArea | undefined> {
      const [row] = await db.update(serviceAreas).set(patch).where(eq(serviceAreas.id, id)).returning();
      return row;
    },
    async createStop(stop: typeof stops.$inferInsert): Promise<Stop> {
      const [row] = await db.insert(stops).values(stop).returning();
      return row;
    },
    async updateStop(id: string, patch: StopPatch): Promise<Stop | undefined> {
      const [row] = await db.update(stops).set(patch).where(eq(stops.id, id)).returning();
      return row;
    },
    /** Bookings still to ride (pending to on board) that start or end at the stop. */
    async activeBookingsAtStop(stopId: string): Promise<Booking[]> {
      return db.select().from(bookings)
        .where(and(or(eq(bookings.pickupStopId, stopId), eq(bookings.dropoffStopId, stopId)), inArray(bookings.status, ACTIVE_STATUSES)))
        .orderBy(asc(bookings.requestedTime));
    },
    async matrixOf(areaId: string) {
      const [row] = await db.select({ builtAt: stopMatrices.builtAt, fingerprint: stopMatrices.stopFingerprint, estimated: stopMatrices.estimated, source: stopMatrices.source, stopIds: stopMatrices.stopIds })
        .from(stopMatrices).where(eq(stopMatrices.areaId, areaId));
      return row;
    },
    async updateVehicle(id: string, patch: VehiclePatch): Promise<VehicleRow | undefined> {
      const [row] = await db.update(vehicles).set(patch).where(eq(vehicles.id, id)).returning();
      return row;
    },
    async createTemplate(template: NewShiftTemplate): Promise<ShiftTemplate> {
      const [row] = await db.insert(shiftTemplates).values(template).returning();
      return row;
    },
    async templatesOfVehicle(vehicleId: string): Promise<ShiftTemplate[]> {
      return db.select().from(shiftTemplates).where(eq(shiftTemplates.vehicleId, vehicleId)).orderBy(asc(shiftTemplates.createdAt));
    },
    async findTemplate(id: string): Promise<ShiftTemplate | undefined> {
      const [row] = await db.select().from(shiftTemplates).where(eq(shiftTemplates.id, id));
      return row;
    },
    async updateTemplate(id: string, patch: Partial<Omit<NewShiftTemplate, 'id' | 'vehicleId' | 'createdAt'>>): Promise<ShiftTemplate | undefined> {
      const [row] = await db.update(shiftTemplates).set(patch).where(eq(shiftTemplates.id, id)).returning();
      return row;
    },
    /** The shifts a template made that have not started by `now` and are not cancelled, in time order. */
    async unstartedShiftsOfTemplate(templateId: string, now: Date): Promise<Shift[]> {
      return db.select().from(shifts)
        .where(and(eq(shifts.templateId, templateId), gt(shifts.startAt, now), isNull(shifts.cancelledAt)))
        .orderBy(asc(shifts.startAt));
    },
    /** Start instants of every shift a template made (cancelled ones too) that ends after `from`. */
    async templateShiftStarts(templateId: string, from: Date): Promise<Date[]> {
      return (await db.select({ startAt: shifts.startAt }).from(shifts).where(and(eq(shifts.templateId, templateId), gt(shifts.endAt, from)))).map((r) => r.startAt);
    },
    /** A shift that has not started takes new times, depots or breaks; false when it started or was cancelled meanwhile. */
    async reshapeShift(id: string, shape: Pick<Shift, 'startAt' | 'endAt' | 'startDepotStopId' | 'endDepotStopId' | 'breaks'>, now: Date): Promise<boolean> {
      const { startAt, endAt, startDepotStopId, endDepotStopId, breaks } = shape;
      const rows = await db.update(shifts).set({ startAt, endAt, startDepotStopId, endDepotStopId, breaks }).where(and(eq(shifts.id, id), gt(shifts.startAt, now), isNull(shifts.cancelledAt))).returning({ id: shifts.id });
      return rows.length === 1;
    },
    async setTemplateActive(id: string, active: boolean): Promise<ShiftTemplate | undefined> {
      const [row] = await db.update(shiftTemplates).set({ active }).where(eq(shiftTemplates.id, id)).returning();
      return row;
    },
    /** Active templates with their bus's area, for the daily extension of every area. */
    async activeTemplates(): Promise<Array<{ template: ShiftTemplate; areaId: string }>> {
      return db.select({ template: shiftTemplates, areaId: vehicles.areaId }).from(shiftTemplates)
        .innerJoin(vehicles, eq(shiftTemplates.vehicleId, vehicles.id)).where(eq(shiftTemplates.active, true));
    },
    /** Inserts a template's shifts; one it made already (same template and start) is kept, not doubled. */
    async addTemplateShifts(rows: Array<typeof shifts.$inferInsert>): Promise<Shift[]> {
      if (rows.length === 0) return [];
      return db.insert(shifts).values(rows).onConflictDoNothing({ target: [shifts.templateId, shifts.startAt] }).returning();
    },
    /** Every shift (cancelled ones too) of the area's buses, in service or not, that starts in [from, to), by bus and time. */
    async shiftsOfAreaStarting(areaId: string, from: Date, to: Date): Promise<Shift[]> {
      return db.select({ shift: shifts }).from(shifts).innerJoin(vehicles, eq(shifts.vehicleId, vehicles.id))
        .where(and(eq(vehicles.areaId, areaId), gte(shifts.startAt, from), lt(shifts.startAt, to)))
        .orderBy(asc(vehicles.label), asc(shifts.startAt))
        .then((rows) => rows.map((r) => r.shift));
    },
    async findShift(id: string): Promise<Shift | undefined> {
      const [row] = await db.select().from(shifts).where(eq(shifts.id, id));
      return row;
    },
    /** Marks a shift cancelled, with the operator's reason; false when it was cancelled already (by someone else meanwhile). */
    async cancelShift(id: string, at: Date, reason: string | null): Promise<boolean> {
      const rows = await db.update(shifts).set({ cancelledAt: at, cancelReason: reason }).where(and(eq(shifts.id, id), isNull(shifts.cancelledAt))).returning({ id: shifts.id });
      return rows.length === 1;
    },
    /** Links two areas; false when they were linked already. The pair is stored smaller id first. */
    async linkAreas(a: string, b: string): Promise<boolean> {
      const [areaId, otherAreaId] = [a, b].sort();
      const rows = await db.insert(areaLinks).values({ areaId, otherAreaId }).onConflictDoNothing().returning({ areaId: areaLinks.areaId });
      return rows.length === 1;
    },
    /**
     * Unlinks two areas, unless a booked ride still crosses between them (its bus would lose the
     * other area's stops): false then, and false when they were not linked. Run in a transaction: the
     * link is locked first, so a booking still being written across it (which share-locks the link,
     * migration 0014) is waited for, and the delete's own snapshot, taken after, sees it.
     */
    async unlinkAreas(a: string, b: string): Promise<boolean> {
      const [areaId, otherAreaId] = [a, b].sort();
      await db.select({ areaId: areaLinks.areaId }).from(areaLinks).where(and(eq(areaLinks.areaId, areaId), eq(areaLinks.otherAreaId, otherAreaId))).for('update');
      const rows = await db.delete(areaLinks).where(and(
        eq(areaLinks.areaId, areaId), eq(areaLinks.otherAreaId, otherAreaId),
        sql`not exists (${crossingRides(db, areaId, otherAreaId)})`,
      )).returning({ areaId: areaLinks.areaId });
      return rows.length === 1;
    },
    /** The booked rides that cross between the two areas (see crossingRides). */
    async ridesCrossing(a: string, b: string): Promise<string[]> {
      return [...new Set((await crossingRides(db, a, b)).map((r) => r.id))];
    },
    /**
     * Cancels a template's shift on a weekday the template gave up, and detaches it from the template:
     * should the weekday come back, the template makes that date's shift again (a shift an operator
     * cancelled on its own stays attached and keeps its date free).
     */
    async dropTemplateShift(id: string, at: Date, reason: string | null): Promise<boolean> {
      const rows = await db.update(shifts).set({ cancelledAt: at, cancelReason: reason, templateId: null }).where(and(eq(shifts.id, id), isNull(shifts.cancelledAt))).returning({ id: shifts.id });
      return rows.length === 1;
    },
    async createStaff(user: { role: Exclude<UserRole, 'rider'>; name: string; phone: string | null; tokenHash: string; passwordHash: string }): Promise<User> {
      const [row] = await db.insert(users).values(user).returning({ id: users.id, role: users.role, name: users.name, phone: users.phone, createdAt: users.createdAt });
      return row;
    },
    async setUserAreas(userId: string, areaIds: string[]): Promise<void> {
      await db.delete(userAreas).where(eq(userAreas.userId, userId));
      if (areaIds.length > 0) await db.insert(userAreas).values(areaIds.map((areaId) => ({ userId, areaId })));
    },
    async setDriverVehicles(userId: string, vehicleIds: string[]): Promise<void> {
      await db.delete(driverVehicles).where(eq(driverVehicles.userId, userId));
      if (vehicleIds.length > 0) await db.insert(driverVehicles).values(vehicleIds.map((vehicleId) => ({ userId, vehicleId })));
    },
    async vehiclesOfDriver(userId: string): Promise<string[]> {
      return (await db.select({ vehicleId: driverVehicles.vehicleId }).from(driverVehicles).where(eq(driverVehicles.userId, userId))).map((r) => r.vehicleId);
    },
    /** One statement: the driver has no buses named (may drive any) or this bus is one of them. */
    async driverMayDrive(userId: string, vehicleId: string): Promise<boolean> {
      const [row] = await db.select({
        may: sql<boolean>`not exists (select 1 from ${driverVehicles} where ${driverVehicles.userId} = ${userId})
          or exists (select 1 from ${driverVehicles} where ${driverVehicles.userId} = ${userId} and ${driverVehicles.vehicleId} = ${vehicleId})`,
      }).from(users).where(eq(users.id, userId));
      return row?.may === true;
    },
    async renameStaff(userId: string, name: string): Promise<boolean> {
      const rows = await db.update(users).set({ name }).where(and(eq(users.id, userId), isNull(users.deactivatedAt))).returning({ id: users.id });
      return rows.length === 1;
    },
    async areasOfUser(userId: string): Promise<string[]> {
      return (await db.select({ areaId: userAreas.areaId }).from(userAreas).where(eq(userAreas.userId, userId))).map((r) => r.areaId);
    },
    async hasActiveAdmin(): Promise<boolean> {
      const [row] = await db.select({ id: users.id }).from(users).where(and(eq(users.role, 'admin'), isNull(users.deactivatedAt), isNull(users.deletedAt))).limit(1);
      return row !== undefined;
    },
    async listStaff(): Promise<StaffUser[]> {
      const rows = await db.select({
        ...staffColumns,
        areaIds: sql<string[]>`coalesce((select json_agg(${userAreas.areaId}) from ${userAreas} where ${userAreas.userId} = ${users.id}), '[]'::json)`,
        vehicleIds: sql<string[]>`coalesce((select json_agg(${driverVehicles.vehicleId}) from ${driverVehicles} where ${driverVehicles.userId} = ${users.id}), '[]'::json)`,
      })
        .from(users).where(and(inArray(users.role, ['driver', 'dispatcher', 'admin']), isNull(users.deletedAt))).orderBy(asc(users.createdAt));
      return rows;
    },
    async findStaff(id: string): Promise<StaffUser | undefined> {
      const [row] = await db.select(staffColumns).from(users).where(and(eq(users.id, id), inArray(users.role, ['driver', 'dispatcher', 'admin']), isNull(users.deletedAt)));
      return row && { ...row, areaIds: await this.areasOfUser(id), vehicleIds: await this.vehiclesOfDriver(id) };
    },
    /** Token, password and sessions go in one statement each, inside the caller's transaction: nothing logs in with them after. */
    async deactivate(userId: string, at: Date): Promise<boolean> {
      const rows = await db.update(users).set({ deactivatedAt: at, tokenHash: null, passwordHash: null })
        .where(and(eq(users.id, userId), isNull(users.deactivatedAt))).returning({ id: users.id });
      await db.delete(sessions).where(eq(sessions.userId, userId));
      return rows.length === 1;
    },
    /** New credentials for an active staff login; its sessions end. False for a deactivated one. */
    async resetCredentials(userId: string, tokenHash: string, passwordHash: string): Promise<boolean> {
      const rows = await db.update(users).set({ tokenHash, passwordHash }).where(and(eq(users.id, userId), isNull(users.deactivatedAt))).returning({ id: users.id });
      await db.delete(sessions).where(eq(sessions.userId, userId));
      return rows.length === 1;
    },
  };
}
