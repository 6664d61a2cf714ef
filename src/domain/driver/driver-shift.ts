import { LRUCache } from 'lru-cache';
import type { ShiftWithVehicle } from '../../data-access/fleet-repository';
import { localParts } from '../bookings/local-time';
import type { Repositories } from '../context';
import { domainErrors } from '../domain-error';

export type DriverShift = ShiftWithVehicle & { timeZone: string };

/** How long a driver's shift is remembered (monotonic ms); a shift change is noticed within this time. */
const SHIFT_CACHE_MS = 30_000;

/**
 * The driver's shift: the one running now, else the next one starting later today (in the area's
 * time zone). Remembered per driver so that a tablet polling every few seconds costs no query.
 */
export function createDriverShiftResolver(repos: Repositories, now: () => Date) {
  const cache = new LRUCache<string, { shift: DriverShift | undefined; at: Date }>({ max: 10_000, ttl: SHIFT_CACHE_MS, ttlResolution: 0 });

  async function lookUp(driverId: string, at: Date): Promise<DriverShift | undefined> {
    const found = await repos.fleet.driverShiftFrom(driverId, at);
    if (!found || found.shift.startAt <= at) return found;
    return localParts(found.shift.startAt, found.timeZone).date === localParts(at, found.timeZone).date ? found : undefined;
  }

  return async function driverShift(driverId: string): Promise<DriverShift | undefined> {
    const at = now();
    const hit = cache.get(driverId);
    const fresh = hit && at >= hit.at && (!hit.shift || at < hit.shift.shift.endAt);
    if (fresh) return hit.shift;
    const shift = await lookUp(driverId, at);
    cache.set(driverId, { shift, at });
    return shift;
  };
}

export type DriverShiftResolver = ReturnType<typeof createDriverShiftResolver>;

/**
 * A driver acts only on shifts of the buses an admin tied their login to (none tied: any bus). Asked
 * on every request, not remembered with the shift, so that taking a bus from a login holds at once.
 */
export async function assertMayDriveShift(repos: Pick<Repositories, 'admin'>, driverId: string, shift: DriverShift | undefined): Promise<void> {
  if (shift && !(await repos.admin.driverMayDrive(driverId, shift.vehicle.id))) {
    throw domainErrors.forbidden(`Your login may not drive bus ${shift.vehicle.label}; the operator ties drivers to their buses.`);
  }
}
