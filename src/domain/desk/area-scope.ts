import type { User } from '../../data-access/users-repository';
import type { Repositories } from '../context';
import { domainErrors } from '../domain-error';

/**
 * The areas an admin scoped a dispatcher to; undefined when the caller sees every area (admins,
 * dispatchers without areas). Asked per request, so that an admin's change holds at once.
 */
export async function areaScopeOf(repos: Pick<Repositories, 'admin'>, actor: User): Promise<string[] | undefined> {
  if (actor.role !== 'dispatcher') return undefined;
  const areaIds = await repos.admin.areasOfUser(actor.id);
  return areaIds.length > 0 ? areaIds : undefined;
}

/** A booking of another area is, for a scoped dispatcher, one that does not exist (404, as for riders). */
export async function assertBookingInScope(repos: Pick<Repositories, 'admin' | 'bookings'>, actor: User, bookingId: string): Promise<void> {
  const scope = await areaScopeOf(repos, actor);
  if (!scope) return;
  const booking = await repos.bookings.findById(bookingId);
  if (booking && !scope.includes(booking.areaId)) throw domainErrors.notFound('Booking');
}

/** A bus of another area is, for a scoped dispatcher, one that does not exist. */
export async function assertVehicleInScope(repos: Pick<Repositories, 'admin' | 'fleet'>, actor: User, vehicleId: string): Promise<void> {
  const scope = await areaScopeOf(repos, actor);
  if (!scope) return;
  const vehicle = await repos.fleet.findVehicle(vehicleId);
  if (vehicle && !scope.includes(vehicle.areaId)) throw domainErrors.notFound('Vehicle');
}

/**
 * The area a list or overview is for: the one asked for (403 when it is not one of the caller's, 404
 * when it does not exist), else the caller's only area; undefined for all of the caller's areas.
 */
export async function areaFilterOf(repos: Pick<Repositories, 'admin' | 'areas'>, actor: User, areaId: string | undefined): Promise<{ areaId?: string; areaIds?: string[] }> {
  const scope = await areaScopeOf(repos, actor);
  if (areaId !== undefined) {
    if (!(await repos.areas.findById(areaId))) throw domainErrors.notFound('Service area');
    if (scope && !scope.includes(areaId)) throw domainErrors.forbidden('This service area is not one of your areas.');
    return { areaId };
  }
  return scope ? { areaIds: scope } : {};
}
