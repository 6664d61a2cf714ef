/**
 * Every code a DomainError can carry, with its kind, the problem title clients see and when it
 * happens. One line per code: DomainError only takes codes listed here (the type checks it), and the
 * README's error table is printed from this list (`npx tsx scripts/error-table.ts`).
 */
export type DomainErrorKind =
  | 'invalid' // the request breaks a rule of its fields → 400
  | 'unauthenticated' // who asks is not known → 401
  | 'forbidden' // known, but not allowed → 403
  | 'not-found' // → 404
  | 'conflict' // the state does not allow it now → 409
  | 'gone' // it existed and has expired → 410
  | 'unprocessable' // well-formed but a booking rule refuses it → 422
  | 'rate-limited' // too many attempts → 429
  | 'unavailable'; // a dependency is away; asking again later helps → 503

export interface DomainErrorCodeEntry {
  kind: DomainErrorKind;
  title: string;
  /** For the README's error table. */
  when: string;
  /** Raised in queue jobs only, never answered to an HTTP client (left out of the README's table). */
  jobsOnly?: true;
}

const BOOKING_RULE = 'Booking not possible';
const PLAN_BREAKS = 'Plan would break a constraint';

export const domainErrorCodes = {
  validation: { kind: 'invalid', title: 'Invalid request', when: 'wrong types, missing or unknown fields, bad ISO time, seats < 1, bad cursor or query' },
  forbidden: { kind: 'forbidden', title: 'Not allowed', when: 'the role may not do this (e.g. drivers booking, riders booking for others)' },
  'not-found': { kind: 'not-found', title: 'Not found', when: 'unknown route, or a booking you may not see (other riders\' bookings look missing)' },
  'idempotency-key-reused': { kind: 'conflict', title: 'Conflict', when: 'same `Idempotency-Key`, different body' },
  'cancellation-cutoff-passed': { kind: 'conflict', title: 'Conflict', when: 'a rider cancelling after the cutoff (`cutoffAt` given)' },
  'booking-not-cancellable': { kind: 'conflict', title: 'Conflict', when: 'cancelling a booking that is no longer pending, offered, confirmed or assigned (`currentStatus` given)' },
  'booking-not-offered': { kind: 'conflict', title: 'Conflict', when: 'confirming a booking that is not offered' },
  'booking-changed': { kind: 'conflict', title: 'Conflict', when: 'another action moved the booking meanwhile (two dispatchers assigning one ride at once: one gets this)' },
  'booking-committed': { kind: 'conflict', title: 'Conflict', when: 'a dispatcher moving a ride to another bus while its bus is already on its way to the pickup' },
  'booking-not-assignable': { kind: 'conflict', title: 'Conflict', when: 'assigning a booking that is not offered, confirmed or assigned (`currentStatus` given)' },
  'booking-not-assigned': { kind: 'conflict', title: 'Conflict', when: 'unassigning or locking a booking no bus carries' },
  'booking-locked': { kind: 'conflict', title: 'Conflict', when: 'moving a booking locked to its bus without `force`' },
  'vehicle-out-of-service': { kind: 'conflict', title: 'Conflict', when: 'taking a bus out of service, or reordering its stops, while it is out of service' },
  'vehicle-in-service': { kind: 'conflict', title: 'Conflict', when: 'putting a bus back into service that is in service' },
  'plan-changed': { kind: 'conflict', title: 'Conflict', when: 'a bus\'s plan changed between reading and writing a dispatcher\'s change (`shiftId` given)' },
  'stale-plan-version': { kind: 'conflict', title: 'Conflict', when: 'a driver event on an outdated plan (`currentVersion`, `etag` given)' },
  'client-event-id-reused': { kind: 'conflict', title: 'Conflict', when: 'a driver event id sent again with a different event' },
  'stop-in-use': { kind: 'conflict', title: 'Conflict', when: 'an admin deactivating a stop that booked rides still use, without `force` (`bookingIds` given)' },
  'stop-code-taken': { kind: 'conflict', title: 'Conflict', when: 'an admin adding a stop with a code the area has already' },
  'shift-cancelled': { kind: 'conflict', title: 'Conflict', when: 'an admin cancelling a shift that is cancelled already or over' },
  'area-link-in-use': { kind: 'conflict', title: 'Conflict', when: 'an admin unlinking two areas while booked rides still cross between them (`bookingIds` given)' },
  'shift-template-ended': { kind: 'conflict', title: 'Conflict', when: 'an admin changing a shift template that has ended' },
  'user-deactivated': { kind: 'conflict', title: 'Conflict', when: 'an admin deactivating or resetting a login that is deactivated' },
  'unknown-stop': { kind: 'unprocessable', title: BOOKING_RULE, when: 'stop id not active in the area' },
  'stop-not-accessible': { kind: 'unprocessable', title: BOOKING_RULE, when: 'a wheelchair booking at a stop that is not wheelchair accessible' },
  'outside-service-area': { kind: 'unprocessable', title: BOOKING_RULE, when: 'a coordinate outside the area (says which end)' },
  'no-stop-nearby': { kind: 'unprocessable', title: BOOKING_RULE, when: 'no stop within walking distance (says which end)' },
  'no-service-area': { kind: 'unprocessable', title: BOOKING_RULE, when: 'no service area is set up yet' },
  'in-the-past': { kind: 'unprocessable', title: BOOKING_RULE, when: 'the requested time has passed' },
  'lead-time': { kind: 'unprocessable', title: BOOKING_RULE, when: 'booked less than the area\'s lead time ahead' },
  horizon: { kind: 'unprocessable', title: BOOKING_RULE, when: 'booked further ahead than the area\'s horizon' },
  'outside-operating-hours': { kind: 'unprocessable', title: BOOKING_RULE, when: 'the service does not run at that time' },
  'party-size': { kind: 'unprocessable', title: BOOKING_RULE, when: 'a party larger than the area\'s largest party' },
  capacity: { kind: 'unprocessable', title: BOOKING_RULE, when: 'more seats or wheelchairs than the largest bus' },
  'too-many-active-bookings': { kind: 'unprocessable', title: BOOKING_RULE, when: 'the rider has as many active bookings as the area allows' },
  'same-stop': { kind: 'unprocessable', title: BOOKING_RULE, when: 'pick-up and drop-off are the same stop' },
  'unknown-rider': { kind: 'unprocessable', title: BOOKING_RULE, when: 'a dispatcher booking for a rider id that is not a rider' },
  'vehicle-not-usable': { kind: 'unprocessable', title: BOOKING_RULE, when: 'assigning to a bus of another area, one out of service, or one without a shift at the booking\'s time' },
  'sequence-mismatch': { kind: 'unprocessable', title: BOOKING_RULE, when: 'a new stop order that is not exactly the plan\'s remaining stops' },
  'assignment-infeasible': { kind: 'unprocessable', title: PLAN_BREAKS, when: 'an assignment that breaks the bus\'s constraints, without `force` (`violations` given)' },
  'sequence-infeasible': { kind: 'unprocessable', title: PLAN_BREAKS, when: 'a stop order that breaks the bus\'s constraints, without `force` (`violations` given)' },
  'not-on-plan': { kind: 'unprocessable', title: 'Not on your plan', when: 'a driver event for a stop or rider not on the driver\'s plan' },
  'invalid-credentials': { kind: 'unauthenticated', title: 'Log-in failed', when: 'log-in with a wrong phone number or password (the same for a number without an account)' },
  'too-many-attempts': { kind: 'rate-limited', title: 'Too many attempts', when: 'the 6th log-in for one number within 15 min (`Retry-After`)' },
  'gtfs-stops-invalid': { kind: 'invalid', title: 'The stops.txt has errors', when: 'an uploaded GTFS stops.txt that is not CSV, lacks a required column or has a bad line: nothing is imported; each line in `lines` (`line`, `field`, `problem`)' },
  'invalid-code': { kind: 'invalid', title: 'Invalid request', when: 'a sign-up or access code that is wrong, used, or for a number that has none (names `code`)' },
  'code-expired': { kind: 'gone', title: 'Code expired', when: 'a sign-up code past its 10 minutes or its 5 tries: ask for a new one' },
  'road-data-unavailable': { kind: 'unavailable', title: 'Road data unavailable', when: 'a change needs road times OSRM cannot give now (`Retry-After` in seconds)' },
  'unknown-area': { kind: 'not-found', title: 'Unknown service area', when: 'a queue job for an area this database does not have', jobsOnly: true },
  'solver-input': { kind: 'invalid', title: 'Invalid solver input', when: 'a planning problem the solver refuses', jobsOnly: true },
} as const satisfies Record<string, DomainErrorCodeEntry>;

export type DomainErrorCode = keyof typeof domainErrorCodes;

/** The kind a code is listed with. */
export type KindOf<C extends DomainErrorCode> = (typeof domainErrorCodes)[C]['kind'];

/** The codes listed with kind K. */
export type CodeOfKind<K extends DomainErrorKind> = { [C in DomainErrorCode]: KindOf<C> extends K ? C : never }[DomainErrorCode];
