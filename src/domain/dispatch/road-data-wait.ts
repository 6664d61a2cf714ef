import type { Instance } from '../../../routing/solver';
import type { ServiceArea } from '../../data-access/areas-repository';
import type { Booking } from '../../data-access/bookings-repository';
import type { Repositories } from '../context';
import { rejectionUpdate } from './insertion-decider';
import { travelS, type StopMatrix } from './stop-matrix';

/** Bookings set aside because the road data lacks their stops: ask again before `untilMs`. */
export interface RoadDataWait {
  ids: string[];
  /** The earliest moment one of them runs out of lead time (then it is rejected). */
  untilMs: number;
  problem: string;
}

/** The event a waiting booking gets once, so its 202 answer can say why it is still pending. */
export const WAITING_EVENT = 'booking.waiting';
export const ROAD_DATA_REASON = 'road_data_unavailable';

/**
 * A booking may wait for road data until it would no longer be accepted as a new booking: its
 * requested time less the area's minimum lead time.
 */
export function roadDataDeadlineMs(booking: Pick<Booking, 'requestedTime'>, area: Pick<ServiceArea, 'rules'>): number {
  return booking.requestedTime.getTime() - area.rules.minLeadMin * 60_000;
}

const lacksRoadData = (matrix: StopMatrix, b: Booking) =>
  matrix.missingStopIds?.has(b.pickupStopId) === true || matrix.missingStopIds?.has(b.dropoffStopId) === true;

/** Pending bookings the matrix can decide now, ones that must wait for road data, and ones out of time. */
export function splitByRoadData(pending: Booking[], matrix: StopMatrix, area: ServiceArea, nowMs: number) {
  const ready = pending.filter((b) => !lacksRoadData(matrix, b));
  const held = pending.filter((b) => lacksRoadData(matrix, b));
  return {
    ready,
    waiting: held.filter((b) => roadDataDeadlineMs(b, area) > nowMs),
    expired: held.filter((b) => roadDataDeadlineMs(b, area) <= nowMs),
  };
}

/** True when the instance visits a stop without road data (a depot added since the last build, say). */
export function instanceLacksRoadData(instance: Instance, matrix: StopMatrix): boolean {
  if (!matrix.missingStopIds || matrix.missingStopIds.size === 0) return false;
  const nodes = [
    ...instance.requests.flatMap((r) => [r.pickup.node, r.dropoff.node]),
    ...instance.vehicles.flatMap((v) => [v.start.node, v.end.node, ...v.onboard.map((p) => p.dropoff.node)]),
  ];
  return nodes.some((node) => matrix.missingStopIds!.has(matrix.stops[node]?.id ?? ''));
}

/**
 * Records why the waiting bookings are still pending (once per booking while `noticed` remembers
 * it), and rejects the expired ones with reason `road_data_unavailable`. Returns what to retry.
 */
export async function holdForRoadData(
  repos: Repositories,
  area: ServiceArea,
  matrix: StopMatrix,
  held: { waiting: Booking[]; expired: Booking[] },
  noticed?: Set<string>,
): Promise<{ wait?: RoadDataWait; rejected: string[] }> {
  const problem = matrix.roadDataProblem ?? 'road data unavailable';
  const fresh = held.waiting.filter((b) => !noticed?.has(b.id));
  for (const booking of fresh) {
    noticed?.add(booking.id);
    const until = new Date(roadDataDeadlineMs(booking, area)).toISOString();
    await repos.events.append({ kind: WAITING_EVENT, bookingId: booking.id, reason: ROAD_DATA_REASON, data: { detail: problem, until } });
  }
  // The requests waiting for these decisions can answer now, with the reason just recorded.
  await repos.decisions.announcePending(fresh.map((b) => b.id), ROAD_DATA_REASON);
  const rejections = held.expired.map((booking) => {
    noticed?.delete(booking.id);
    const directS = travelS(matrix, booking.pickupStopId, booking.dropoffStopId);
    const detail = `No road travel times for its stops before its lead time ran out: ${problem}`;
    const { patch, change } = rejectionUpdate({ reason: ROAD_DATA_REASON, detail, alternatives: [], directS, estimated: true });
    return { id: booking.id, rejectionReason: patch.rejectionReason, alternatives: [], directDurationS: directS, estimated: true, eventData: change.data };
  });
  // A conflict means another writer decided them meanwhile: nothing left to do here.
  const { conflict } = rejections.length > 0 ? await repos.decisions.apply({ plans: [], offers: [], rejections }) : { conflict: undefined };
  const wait = held.waiting.length === 0 ? undefined : {
    ids: held.waiting.map((b) => b.id),
    untilMs: Math.min(...held.waiting.map((b) => roadDataDeadlineMs(b, area))),
    problem,
  };
  return { wait, rejected: conflict ? [] : rejections.map((r) => r.id) };
}
