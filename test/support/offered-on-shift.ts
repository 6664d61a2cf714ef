import type { ShiftWithVehicle } from '../../src/data-access/fleet-repository';
import type { Repositories } from '../../src/domain/context';

/**
 * A rider's booking between two stops, offered on a shift and its bus as a decision would leave it,
 * before any plan names it: the start of the plan_rides tests, which then write plans by hand.
 */
export async function offeredOnShift(
  repos: Repositories, ride: { areaId: string; riderId: string; pickupStopId: string; dropoffStopId: string; requestedTime: Date }, on: ShiftWithVehicle,
): Promise<string> {
  const { booking } = await repos.bookings.createOnce({ ...ride, bookedById: ride.riderId, timeMode: 'depart_after', seats: 1 }, ride.riderId);
  await repos.bookings.transition(booking.id, ['pending'], { status: 'offered', shiftId: on.shift.id, vehicleId: on.vehicle.id }, { kind: 'booking.offered' });
  return booking.id;
}
