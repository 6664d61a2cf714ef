import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { shifts, vehiclePlans, vehicles, type PlanStop } from '../../db/schema';

export type Shift = typeof shifts.$inferSelect;
export type NewShift = typeof shifts.$inferInsert;
export type VehicleRow = typeof vehicles.$inferSelect;
export type NewVehicle = typeof vehicles.$inferInsert;
export type VehiclePlan = typeof vehiclePlans.$inferSelect;

export interface ShiftWithVehicle {
  shift: Shift;
  vehicle: VehicleRow;
}

export function fleetRepository(db: Db) {
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
    /** Shifts of in-service buses of an area that overlap [from, to). */
    async shiftsOverlapping(areaId: string, from: Date, to: Date): Promise<ShiftWithVehicle[]> {
      return db
        .select({ shift: shifts, vehicle: vehicles })
        .from(shifts)
        .innerJoin(vehicles, eq(shifts.vehicleId, vehicles.id))
        .where(and(eq(vehicles.areaId, areaId), eq(vehicles.inService, true), lt(shifts.startAt, to), gt(shifts.endAt, from)))
        .orderBy(shifts.startAt, vehicles.label);
    },
    async latestShiftEnd(vehicleId: string): Promise<Date | undefined> {
      const [row] = await db
        .select({ end: sql<Date | string>`max(${shifts.endAt})` })
        .from(shifts)
        .where(eq(shifts.vehicleId, vehicleId));
      return row?.end ? new Date(row.end) : undefined;
    },
    async plansForShifts(shiftIds: string[]): Promise<VehiclePlan[]> {
      if (shiftIds.length === 0) return [];
      return db.select().from(vehiclePlans).where(inArray(vehiclePlans.shiftId, shiftIds));
    },
    /**
     * Writes a plan only if nobody changed it since `expectedVersion` was read (0 = no plan yet).
     * Returns the new version, or undefined when the plan moved on meanwhile.
     */
    async savePlan(shiftId: string, vehicleId: string, stops: PlanStop[], expectedVersion: number, tx: Db = db): Promise<number | undefined> {
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
  };
}
