import { and, asc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { serviceAreas, shifts, vehiclePlans, vehicles, type PlanStop } from '../../db/schema';
import { idIn } from './any-id';
import { prepared } from './prepared';

export type Shift = typeof shifts.$inferSelect;
export type NewShift = typeof shifts.$inferInsert;
export type VehicleRow = typeof vehicles.$inferSelect;
export type NewVehicle = typeof vehicles.$inferInsert;
export type VehiclePlan = typeof vehiclePlans.$inferSelect;

export interface ShiftWithVehicle {
  shift: Shift;
  vehicle: VehicleRow;
}

/** What a plan row may change besides its stops; `stops` unset keeps them. */
export interface PlanPatch {
  stops?: PlanStop[];
  committedStops?: number;
  lastStopId?: string | null;
  lastDepartedAt?: Date | null;
}

export function fleetRepository(db: DbOrTx) {
  /** Shifts (not cancelled) of in-service buses of an area that overlap [from, to), each with its plan's version (absent: no plan yet), in one query. */
  async function shiftsWithPlanVersions(areaId: string, from: Date, to: Date): Promise<Array<ShiftWithVehicle & { planVersion: number | null }>> {
    const statement = prepared(db, 'shifts_with_plan_versions', () => db
      .select({ shift: shifts, vehicle: vehicles, planVersion: vehiclePlans.version })
      .from(shifts)
      .innerJoin(vehicles, eq(shifts.vehicleId, vehicles.id))
      .leftJoin(vehiclePlans, eq(vehiclePlans.shiftId, shifts.id))
      .where(and(eq(vehicles.areaId, sql.placeholder('areaId')), eq(vehicles.inService, true), isNull(shifts.cancelledAt), sql`${shifts.startAt} < ${sql.placeholder('to')}`, sql`${shifts.endAt} > ${sql.placeholder('from')}`))
      .orderBy(shifts.startAt, vehicles.label)
      .prepare('shifts_with_plan_versions'));
    return statement.execute({ areaId, from: from.toISOString(), to: to.toISOString() });
  }

  return {
    async createVehicle(vehicle: NewVehicle): Promise<VehicleRow> {
      const [row] = await db.insert(vehicles).values(vehicle).returning();
      return row;
    },
    async createShifts(rows: NewShift[]): Promise<Shift[]> {
      if (rows.length === 0) return [];
      return db.insert(shifts).values(rows).returning();
    },
    async findVehicle(id: string): Promise<VehicleRow | undefined> {
      const [row] = await db.select().from(vehicles).where(eq(vehicles.id, id));
      return row;
    },
    /** Shifts of in-service buses of an area that overlap [from, to) (shiftsWithPlanVersions without the versions). */
    async shiftsOverlapping(areaId: string, from: Date, to: Date): Promise<ShiftWithVehicle[]> {
      return (await shiftsWithPlanVersions(areaId, from, to)).map(({ shift, vehicle }) => ({ shift, vehicle }));
    },
    shiftsWithPlanVersions,
    async latestShiftEnd(vehicleId: string): Promise<Date | undefined> {
      const [row] = await db
        .select({ end: sql<Date | string>`max(${shifts.endAt})` })
        .from(shifts)
        .where(eq(shifts.vehicleId, vehicleId));
      return row?.end ? new Date(row.end) : undefined;
    },
    async plansForShifts(shiftIds: string[]): Promise<VehiclePlan[]> {
      if (shiftIds.length === 0) return [];
      return db.select().from(vehiclePlans).where(idIn(vehiclePlans.shiftId, shiftIds));
    },
    /**
     * Writes a plan only if nobody changed it since `expectedVersion` was read (0 = no plan yet).
     * Returns the new version, or undefined when the plan moved on meanwhile.
     */
    async savePlan(shiftId: string, vehicleId: string, stops: PlanStop[], expectedVersion: number, tx: DbOrTx = db): Promise<number | undefined> {
      if (expectedVersion === 0) {
        const inserted = await tx
          .insert(vehiclePlans)
          .values({ shiftId, vehicleId, stops, version: 1 })
          .onConflictDoNothing()
          .returning({ version: vehiclePlans.version });
        return inserted[0]?.version;
      }
      const [row] = await tx
        .update(vehiclePlans)
        .set({ stops, version: sql`${vehiclePlans.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(vehiclePlans.shiftId, shiftId), eq(vehiclePlans.version, expectedVersion)))
        .returning({ version: vehiclePlans.version });
      return row?.version;
    },
    /** The driver's first shift that has not ended by `now` (the current one, else the next), with its area's time zone. */
    async driverShiftFrom(driverId: string, now: Date): Promise<(ShiftWithVehicle & { timeZone: string }) | undefined> {
      const [row] = await db
        .select({ shift: shifts, vehicle: vehicles, timeZone: serviceAreas.timeZone })
        .from(shifts)
        .innerJoin(vehicles, eq(shifts.vehicleId, vehicles.id))
        .innerJoin(serviceAreas, eq(vehicles.areaId, serviceAreas.id))
        .where(and(eq(shifts.driverId, driverId), gt(shifts.endAt, now), isNull(shifts.cancelledAt)))
        .orderBy(asc(shifts.startAt))
        .limit(1);
      return row;
    },
    /** Shifts (not cancelled) of one bus overlapping [from, to), in service or not. */
    async shiftsOfVehicle(vehicleId: string, from: Date, to: Date): Promise<Shift[]> {
      return db
        .select()
        .from(shifts)
        .where(and(eq(shifts.vehicleId, vehicleId), lt(shifts.startAt, to), gt(shifts.endAt, from), isNull(shifts.cancelledAt)))
        .orderBy(asc(shifts.startAt));
    },
    /** Versions of the shifts' plans (shifts without a plan are left out). */
    /** The plan's version alone (0 = no plan yet): the cheap read behind ETags and long-poll fallbacks. */
    async planVersion(shiftId: string): Promise<number> {
      const [row] = await db.select({ version: vehiclePlans.version }).from(vehiclePlans).where(eq(vehiclePlans.shiftId, shiftId));
      return row?.version ?? 0;
    },
    /** Like savePlan for an existing plan, also setting the driving state; undefined when the version moved on. */
    async updatePlan(shiftId: string, expectedVersion: number, patch: PlanPatch, tx: DbOrTx = db): Promise<number | undefined> {
      const [row] = await tx
        .update(vehiclePlans)
        .set({ ...patch, version: sql`${vehiclePlans.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(vehiclePlans.shiftId, shiftId), eq(vehiclePlans.version, expectedVersion)))
        .returning({ version: vehiclePlans.version });
      return row?.version;
    },
    /**
     * Stores a GPS fix only when it is newer than the stored one, in one statement, so a fix that
     * arrives late (a tablet catching up) never replaces a newer one; false when it was not newer.
     */
    async recordPosition(id: string, fix: { lat: number; lon: number; at: Date }, tx: DbOrTx = db): Promise<boolean> {
      const rows = await tx
        .update(vehicles)
        .set({ positionLat: fix.lat, positionLon: fix.lon, positionAt: fix.at })
        .where(and(eq(vehicles.id, id), or(isNull(vehicles.positionAt), lt(vehicles.positionAt, fix.at))))
        .returning({ id: vehicles.id });
      return rows.length > 0;
    },
    async updateVehicle(id: string, patch: Partial<Pick<VehicleRow, 'inService' | 'outOfServiceReason' | 'positionLat' | 'positionLon' | 'positionAt'>>, tx: DbOrTx = db): Promise<void> {
      await tx.update(vehicles).set(patch).where(eq(vehicles.id, id));
    },
  };
}
