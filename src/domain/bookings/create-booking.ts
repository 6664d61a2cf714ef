import { createHash } from 'node:crypto';
import { booleanPointInPolygon, point } from '@turf/turf';
import type { Booking } from '../../data-access/bookings-repository';
import type { ServiceArea, Stop } from '../../data-access/areas-repository';
import type { User } from '../../data-access/users-repository';
import { AREAS_NOT_LINKED, databaseError } from '../../data-access/database-errors';
import { DomainError, domainErrors } from '../domain-error';
import { areaReadsOf, type DomainContext } from '../context';
import type { AreaReads } from './area-cache';
import type { CreateBookingRequest, Place } from './booking-request';
import { areaRulesFor, findRuleViolation, type RuleViolation } from './booking-rules';
import { snapToStop } from './snap-to-stop';
import { areaScopeOf } from '../desk/area-scope';

export interface CreateBookingCommand {
  actor: User;
  body: CreateBookingRequest;
  idempotencyKey?: string;
}

export interface CreateBookingOutcome {
  booking: Booking;
  /** false when an earlier request with the same Idempotency-Key made it. */
  created: boolean;
  /** false when the decision did not arrive within the wait limit. */
  decided: boolean;
}

/**
 * A villager (or a dispatcher for a caller) asks for a ride: check it, resolve both ends to stops,
 * store it once, and wait for the dispatch decision.
 */
export async function createBooking(ctx: DomainContext, command: CreateBookingCommand): Promise<CreateBookingOutcome> {
  const { body, actor } = command;
  const rider = await resolveRider(ctx, actor, body);
  const requestHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  if (command.idempotencyKey) {
    const repeat = await findRepeat(ctx, actor.id, command.idempotencyKey, requestHash);
    if (repeat) return awaitDecision(ctx, repeat, false);
  }

  const areas = areaReadsOf(ctx);
  const area = await resolveArea(areas, body);
  const scope = await areaScopeOf(ctx.repos, actor);
  if (scope && !scope.includes(area.id)) {
    throw new DomainError('forbidden', 'forbidden', 'The pick-up lies in a service area that is not one of yours.', { fields: [{ field: 'pickup', message: 'not in one of your service areas' }] });
  }
  const [stops, vehicles] = await Promise.all([areas.activeStops(area.id), areas.vehicles(area.id)]);
  const pickup = resolvePlace(body.pickup, 'pickup', area, stops, body.wheelchairs > 0, ctx.settings.snapMaxWalkM);
  const dropoff = await resolveDropoff(ctx, areas, body.dropoff, area, stops, body.wheelchairs > 0);

  const time = new Date((body.departAfter ?? body.arriveBy)!);
  const rules = areaRulesFor(area, vehicles, body.seats);
  // The rider's active bookings are counted by the insert, under the rider's lock (createWithinLimit);
  // the rule check here sees none, and a refused insert is worded by the same rule.
  const ruleInput = {
    now: ctx.now(),
    time,
    timeField: body.departAfter ? ('departAfter' as const) : ('arriveBy' as const),
    seats: body.seats,
    wheelchairs: body.wheelchairs,
    byRider: actor.role === 'rider',
    activeBookings: 0,
    samePickupAndDropoff: pickup.id === dropoff.id,
  };
  const violation = findRuleViolation(ruleInput, rules);
  if (violation) throw violationProblem(violation);

  const row = {
    riderId: rider?.id,
    areaId: area.id,
    bookedById: actor.id,
    pickupStopId: pickup.id,
    dropoffStopId: dropoff.id,
    requestedTime: time,
    timeMode: body.departAfter ? ('depart_after' as const) : ('arrive_by' as const),
    seats: body.seats,
    wheelchairs: body.wheelchairs,
    note: body.note ?? null,
    idempotencyKey: command.idempotencyKey ?? null,
    requestHash,
  };
  const outcome = await ctx.repos.bookings.createWithinLimit(row, actor.id, body.rider, area.rules.maxActiveBookingsPerRider).catch((error: unknown) => {
    // The areas were unlinked between reading the link and writing the ride (migration 0014).
    if (databaseError(error)?.code !== AREAS_NOT_LINKED) throw error;
    const field = 'stopId' in body.dropoff ? 'dropoff.stopId' : 'dropoff';
    throw domainErrors.unprocessable('outside-service-area', 'Drop-off: the two areas are no longer linked for cross-area rides.', [{ field, message: 'the drop-off\'s area is not linked to the pick-up\'s' }], { reason: 'outside-service-area' });
  });
  if ('limitReached' in outcome) {
    throw violationProblem(findRuleViolation({ ...ruleInput, activeBookings: area.rules.maxActiveBookingsPerRider }, rules)!);
  }
  const { booking, created } = outcome;
  if (!created && booking.requestHash !== requestHash) throw idempotencyConflict();
  return awaitDecision(ctx, booking, created);
}

function violationProblem(violation: RuleViolation): DomainError {
  return domainErrors.unprocessable(violation.code, violation.detail, [{ field: violation.field, message: violation.detail }], { reason: violation.code });
}

/**
 * The rider the booking is for; undefined for a caller given by phone, whom the insert finds by the
 * number or creates (createWithinLimit).
 */
async function resolveRider(ctx: DomainContext, actor: User, body: CreateBookingRequest): Promise<User | undefined> {
  if (actor.role === 'rider') {
    if (body.riderId || body.rider) throw domainErrors.forbidden('Riders book for themselves; leave out riderId and rider.');
    return actor;
  }
  if (body.riderId) {
    const rider = await ctx.repos.users.findBookableRider(body.riderId);
    if (!rider) {
      throw domainErrors.unprocessable('unknown-rider', 'No rider with that id.', [{ field: 'riderId', message: 'unknown rider' }]);
    }
    return rider;
  }
  if (body.rider) return undefined;
  throw domainErrors.invalid([{ field: 'rider', message: 'a dispatcher books for a caller: give riderId or rider {name, phone}' }]);
}

async function findRepeat(ctx: DomainContext, actorId: string, key: string, requestHash: string): Promise<Booking | undefined> {
  const [existing] = await ctx.repos.bookings.listByIdempotencyKey(actorId, key);
  if (existing && existing.requestHash !== requestHash) throw idempotencyConflict();
  return existing;
}

function idempotencyConflict(): DomainError {
  return domainErrors.conflict('idempotency-key-reused', 'This Idempotency-Key was already used for a different booking request.');
}

/**
 * The area that plans the ride: the pick-up's. By stop id, the stop's area; by coordinates, the area
 * whose boundary holds the point (the oldest, should two overlap). The drop-off must then lie in the
 * same area or in one linked to it (resolveDropoff says so, naming it).
 */
async function resolveArea(areas: AreaReads, body: CreateBookingRequest): Promise<ServiceArea> {
  if ('stopId' in body.pickup) {
    // An unknown pick-up stop: the drop-off stop's area, where resolvePlace then names the pick-up stop.
    for (const id of [body.pickup.stopId, ...('stopId' in body.dropoff ? [body.dropoff.stopId] : [])]) {
      const stop = await areas.findStop(id);
      if (stop) return (await areas.findById(stop.areaId))!;
    }
    throw domainErrors.unprocessable('unknown-stop', 'The pickup stop does not exist or is not active in this area.', [
      { field: 'pickup.stopId', message: 'unknown or inactive stop' },
    ]);
  }
  const all = await areas.list();
  if (all.length === 0) throw domainErrors.unprocessable('no-service-area', 'No service area is set up yet.');
  const pickup = body.pickup as { lat: number; lon: number };
  const area = all.find((a) => booleanPointInPolygon(point([pickup.lon, pickup.lat]), a.polygon));
  if (!area) {
    throw domainErrors.unprocessable('outside-service-area', 'Pick-up: The point lies outside every service area.', [
      { field: 'pickup', message: 'The point lies outside every service area.' },
    ], { reason: 'outside-service-area' });
  }
  return area;
}

function resolvePlace(place: Place, end: 'pickup' | 'dropoff', area: ServiceArea, stops: Stop[], needsAccessible: boolean, maxWalkM: number): Stop {
  if ('stopId' in place) {
    const stop = stops.find((s) => s.id === place.stopId);
    if (!stop) {
      throw domainErrors.unprocessable('unknown-stop', `The ${end} stop does not exist or is not active in this area.`, [
        { field: `${end}.stopId`, message: 'unknown or inactive stop' },
      ]);
    }
    if (needsAccessible && !stop.wheelchairAccessible) {
      throw domainErrors.unprocessable('stop-not-accessible', `The ${end} stop is not wheelchair accessible.`, [
        { field: `${end}.stopId`, message: 'stop not wheelchair accessible' },
      ]);
    }
    return stop;
  }
  const snapped = snapToStop(place, area.polygon, stops, { maxWalkM, needsAccessible });
  if (!snapped.ok) {
    throw domainErrors.unprocessable(snapped.code, `${end === 'pickup' ? 'Pick-up' : 'Drop-off'}: ${snapped.detail}`, [
      { field: end, message: snapped.detail },
    ], { reason: snapped.code });
  }
  return snapped.stop;
}

/**
 * The drop-off: a stop of the pick-up's area; or, when the two areas are linked for cross-area rides,
 * a stop of the linked area (by id, or a point inside it snapped to that area's stops), to which the
 * pick-up area's bus drives. Anything else is refused as outside the service area, naming the drop-off.
 */
async function resolveDropoff(ctx: DomainContext, areas: AreaReads, place: Place, area: ServiceArea, stops: Stop[], needsAccessible: boolean): Promise<Stop> {
  const maxWalkM = ctx.settings.snapMaxWalkM;
  const lies = (a: ServiceArea, within: Stop[]) => ('stopId' in place ? within.some((s) => s.id === place.stopId) : booleanPointInPolygon(point([place.lon, place.lat]), a.polygon));
  if (!lies(area, stops)) {
    for (const id of await ctx.repos.areas.linkedAreaIds(area.id)) {
      const [linked, linkedStops] = await Promise.all([areas.findById(id), areas.activeStops(id)]);
      if (linked && lies(linked, linkedStops)) return resolvePlace(place, 'dropoff', linked, linkedStops, needsAccessible, maxWalkM);
    }
  }
  return resolvePlace(place, 'dropoff', area, stops, needsAccessible, maxWalkM);
}

/** Waits for the decision up to the configured limit; the booking as it then stands. */
async function awaitDecision(ctx: DomainContext, booking: Booking, created: boolean): Promise<CreateBookingOutcome> {
  if (booking.status !== 'pending') return { booking, created, decided: true };
  const decision = created ? ctx.decider.decide(booking) : waitUntilDecided(ctx, booking.id);
  const decided = await Promise.race([
    decision,
    new Promise<undefined>((resolve) => setTimeout(resolve, ctx.settings.decisionWaitMs, undefined).unref()),
  ]);
  const current = decided ?? (await ctx.repos.bookings.findById(booking.id))!;
  return { booking: current, created, decided: current.status !== 'pending' };
}

async function waitUntilDecided(ctx: DomainContext, bookingId: string): Promise<Booking | undefined> {
  const deadline = Date.now() + ctx.settings.decisionWaitMs;
  while (Date.now() < deadline) {
    const current = await ctx.repos.bookings.findById(bookingId);
    if (current && current.status !== 'pending') return current;
    await new Promise((r) => setTimeout(r, 25));
  }
  return undefined;
}
