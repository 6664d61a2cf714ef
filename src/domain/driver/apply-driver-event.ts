import type { DbOrTx } from '../../../db/client';
import type { User } from '../../data-access/users-repository';
import { domainErrors } from '../domain-error';
import { createRepositories, type DomainContext } from '../context';
import { announcePlanChanges, type PlanChangeSink } from '../dispatch/plan-change-notifier';
import type { StopMatrix } from '../dispatch/stop-matrix';
import { driverEventEffect, type DriverEventEffect } from './driver-event-effects';
import type { DriverEvent } from './driver-event-schema';
import type { DriverShift } from './driver-shift';
import { nearestStopId, secondsLate } from './late-check';
import { etagOf } from './manifest';

export interface DriverEventDeps {
  notifier: PlanChangeSink;
  stopMatrix: (areaId: string, stops: Awaited<ReturnType<DomainContext['repos']['areas']['allStops']>>) => Promise<StopMatrix>;
  /** Asks the planner to re-plan an area; the worker pool provides it. */
  replan: (areaId: string, reason: string) => unknown;
  /** A bus this much behind its next planned stop triggers re-planning. */
  lateThresholdS: number;
}

export interface DriverEventAnswer {
  /** False when the event was recorded but changed nothing (a position older than the stored one). */
  created: boolean;
  body: Record<string, unknown>;
  replayed: boolean;
}

/** What an event record keeps of the answer; records written before `created` kept the HTTP status. */
interface StoredAnswer {
  created?: boolean;
  status?: number;
  body: Record<string, unknown>;
}

export const MANIFEST_URL = '/v1/driver/manifest';

/**
 * Applies one tablet event exactly once: a resend (same client event id) gets the first answer and
 * changes nothing; an event on an outdated plan is a `stale-plan-version` conflict naming the current version.
 */
export async function applyDriverEvent(ctx: DomainContext, deps: DriverEventDeps, actor: User, shift: DriverShift | undefined, event: DriverEvent): Promise<DriverEventAnswer> {
  const earlier = await replayOf(ctx, actor, event);
  if (earlier) return earlier;
  if (!shift) throw domainErrors.notFound('A shift of yours today');
  const now = ctx.now();
  const at = 'at' in event && event.at ? new Date(event.at) : now;
  const areaId = shift.vehicle.areaId;
  const matrix = await deps.stopMatrix(areaId, await ctx.repos.areas.allStops(areaId));

  if (event.type === 'position') {
    const late = secondsLate(matrix, nearestStopId(matrix, event) ?? '', await nextStopOf(ctx, shift), now.getTime());
    const fix = { lat: event.lat, lon: event.lon, at: new Date(event.time) };
    const written = await inTransaction(ctx, actor, event, async (tx, repos) => {
      // A fix older than the stored one (sent late) is recorded and answered, but moves nothing.
      const newer = await repos.fleet.recordPosition(shift.vehicle.id, fix, tx);
      const body = newer
        ? { clientEventId: event.clientEventId, type: event.type, accepted: true, ...lateness(late, deps) }
        : { clientEventId: event.clientEventId, type: event.type, accepted: false, ignored: 'older-than-last-position' };
      await record(repos, tx, actor, event, shift, fix.at, { response: { created: newer, body } });
      return { created: newer, body, replayed: false };
    });
    if (written.body.accepted) afterCommit(deps, areaId, late, shift, undefined);
    return written;
  }

  const { plan, shiftBookings } = await planAndRiders(ctx, shift.shift.id);
  const version = plan?.version ?? 0;
  if (event.planVersion !== version) throw stalePlan(shift.shift.id, version);
  const effect = driverEventEffect(event, plan, shift, shiftBookings, at);
  const late = secondsLate(matrix, effect.atStopId ?? '', effect.remaining[0], now.getTime());

  const answer = await inTransaction(ctx, actor, event, async (tx, repos) => {
    const newVersion = effect.plan ? await repos.fleet.updatePlan(shift.shift.id, version, effect.plan, tx) : version;
    if (newVersion === undefined) throw stalePlan(shift.shift.id, await repos.fleet.planVersion(shift.shift.id));
    await applyBookingChange(repos, tx, actor, effect, shift, event.clientEventId);
    const body = { clientEventId: event.clientEventId, type: event.type, planVersion: newVersion, etag: etagOf(shift.shift.id, newVersion), ...lateness(late, deps) };
    await record(repos, tx, actor, event, shift, at, { planVersionBefore: version, planVersionAfter: newVersion, response: { created: true, body } });
    return { created: true, body, replayed: false };
  });
  afterCommit(deps, areaId, late, shift, effect.plan ? (answer.body.planVersion as number) : undefined);
  return answer;
}

/**
 * The shift's plan and the bookings its row names, as of one instant (a read-only REPEATABLE READ
 * transaction): read one after the other, a ride moved to another bus in between would be on the plan
 * read but not among the bus's bookings, and the event refused as "not on your plan" instead of stale.
 */
function planAndRiders(ctx: DomainContext, shiftId: string) {
  return ctx.db.transaction(async (tx) => {
    const repos = createRepositories(tx);
    const [plan] = await repos.fleet.plansForShifts([shiftId]);
    return { plan, shiftBookings: await repos.bookings.listByShift(shiftId) };
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

async function applyBookingChange(repos: DomainContext['repos'], tx: DbOrTx, actor: User, effect: DriverEventEffect, shift: DriverShift, clientEventId: string) {
  if (!effect.booking) return;
  const { id, from, patch, kind } = effect.booking;
  const changed = await repos.bookings.transition(id, from, patch, { kind, actorId: actor.id, data: { shiftId: shift.shift.id, clientEventId } }, tx);
  if (!changed) throw domainErrors.bookingChanged({ manifestUrl: MANIFEST_URL });
}

function afterCommit(deps: DriverEventDeps, areaId: string, late: number | undefined, shift: DriverShift, newVersion: number | undefined) {
  if (newVersion !== undefined) void announcePlanChanges(deps.notifier, [{ shiftId: shift.shift.id, version: newVersion }]);
  if (late !== undefined && late > deps.lateThresholdS) {
    void Promise.resolve()
      .then(() => deps.replan(areaId, `bus ${shift.vehicle.label} running ${late} s late`))
      .catch(() => undefined);
  }
}

const lateness = (late: number | undefined, deps: DriverEventDeps) =>
  late !== undefined && late > deps.lateThresholdS ? { late: { bySeconds: late, replanRequested: true } } : {};

async function nextStopOf(ctx: DomainContext, shift: DriverShift) {
  const [plan] = await ctx.repos.fleet.plansForShifts([shift.shift.id]);
  return plan?.stops[0];
}

export function stalePlan(shiftId: string, currentVersion: number) {
  return domainErrors.conflict('stale-plan-version', 'Your plan changed; fetch the manifest and act on the current plan.', {
    currentVersion,
    etag: etagOf(shiftId, currentVersion),
    manifestUrl: MANIFEST_URL,
  });
}

/** The stored answer to an earlier event with this client id; a different event under the same id is a `client-event-id-reused` conflict. */
async function replayOf(ctx: DomainContext, actor: User, event: DriverEvent, tx?: DbOrTx): Promise<DriverEventAnswer | undefined> {
  const row = await ctx.repos.events.findByClientEventId(actor.id, event.clientEventId, tx);
  if (!row) return undefined;
  const data = row.data as { request?: unknown; response?: StoredAnswer } | null;
  if (canonical(data?.request) !== canonical(event)) {
    throw domainErrors.conflict('client-event-id-reused', 'This client event id was used for a different event.', { clientEventId: event.clientEventId });
  }
  const stored = data?.response ?? { created: true, body: { clientEventId: event.clientEventId } };
  return { created: stored.created ?? stored.status === 201, body: stored.body, replayed: true };
}

/** JSON with sorted keys: jsonb does not keep the order the tablet sent. */
const canonical = (value: unknown) => JSON.stringify(value ?? null, (_key, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));

async function record(repos: DomainContext['repos'], tx: DbOrTx, actor: User, event: DriverEvent, shift: DriverShift, at: Date, data: Record<string, unknown>) {
  await repos.events.record({
    kind: `driver.${event.type}`,
    actorId: actor.id,
    clientEventId: event.clientEventId,
    vehicleId: shift.vehicle.id,
    bookingId: 'bookingId' in event ? event.bookingId : null,
    at,
    data: { shiftId: shift.shift.id, request: event, ...('stopId' in event ? { stopId: event.stopId } : {}), ...data },
  }, tx);
}

/** Runs the writes in one transaction; a concurrent resend that won the race is answered from its record. */
async function inTransaction(ctx: DomainContext, actor: User, event: DriverEvent, work: (tx: DbOrTx, repos: DomainContext['repos']) => Promise<DriverEventAnswer>): Promise<DriverEventAnswer> {
  try {
    return await ctx.db.transaction((tx) => work(tx, createRepositories(tx)));
  } catch (error) {
    const replay = await replayOf(ctx, actor, event);
    if (replay) return replay;
    throw error;
  }
}
