import { booleanPointInPolygon, point } from '@turf/turf';
import type { ServiceArea, Stop } from '../../data-access/areas-repository';
import { databaseError } from '../../data-access/database-errors';
import { DomainError, domainErrors } from '../domain-error';
import { createRepositories, type DomainContext, type Repositories } from '../context';
import type { OverrideDeps } from '../overrides/override-deps';
import { rerouteOffStop, type StopClosureReport } from './reroute-off-stop';
import { filterStopsInArea, parseGtfsStops, type GtfsStopError, type ParsedStop } from '../gtfs/parse-stops';
import { loggedChange, type AdminChange } from './admin-change';
import type { StopPatchInput } from './admin-schemas';

type Ctx = Pick<DomainContext, 'db' | 'now' | 'repos' | 'areaCache'>;

/** What follows a change of an area's stops: its travel times are rebuilt (queued, with OSRM when configured). */
export type StopsChanged = (areaId: string) => Promise<void>;

const UNIQUE_VIOLATION = '23505';

function assertInside(area: ServiceArea, at: { lat: number; lon: number }): void {
  if (!booleanPointInPolygon(point([at.lon, at.lat]), area.polygon)) {
    throw domainErrors.invalid([{ field: 'lat', message: `the point lies outside the service area "${area.name}"` }], 'A stop must lie inside its service area.');
  }
}

async function areaOrNotFound(ctx: Ctx, areaId: string): Promise<ServiceArea> {
  const area = await ctx.repos.areas.findById(areaId);
  if (!area) throw domainErrors.notFound('Service area');
  return area;
}

export async function createStop(ctx: Ctx, change: AdminChange, stopsChanged: StopsChanged, areaId: string, input: Omit<ParsedStop, 'wheelchairAccessible'> & { wheelchairAccessible: boolean }): Promise<Stop> {
  const area = await areaOrNotFound(ctx, areaId);
  assertInside(area, input);
  const stop = await loggedChange(ctx, change, 'stop_created', (repos) => repos.admin.createStop({ ...input, areaId, active: true }), (s) => ({ areaId, stopId: s.id, code: s.code, lat: s.lat, lon: s.lon }))
    .catch((error: unknown) => {
      if (databaseError(error)?.code === UNIQUE_VIOLATION) throw domainErrors.conflict('stop-code-taken', `The area has a stop with code "${input.code}" already.`, { code: input.code });
      throw error;
    });
  ctx.areaCache?.invalidate(areaId);
  await stopsChanged(areaId);
  return stop;
}

/**
 * Renames, moves, (de)activates a stop or sets its wheelchair access. Deactivating a stop that booked
 * rides still use is refused (409 listing them) unless forced with a reason: then its rides move to
 * the nearest open stop and are placed again, or are cancelled when none is near (rerouteOffStop).
 */
export async function updateStop(
  ctx: DomainContext, change: AdminChange, deps: { stopsChanged: StopsChanged; overrides: OverrideDeps }, stopId: string, patch: StopPatchInput,
): Promise<{ stop: Stop; stillUsedBy: string[]; rerouted?: StopClosureReport }> {
  const before = await ctx.repos.areas.findStop(stopId);
  if (!before) throw domainErrors.notFound('Stop');
  const { force, reason: _reason, ...set } = patch;
  if (set.lat !== undefined && set.lon !== undefined) assertInside(await areaOrNotFound(ctx, before.areaId), { lat: set.lat, lon: set.lon });
  const deactivating = set.active === false && before.active;
  const riders = deactivating ? await ctx.repos.admin.activeBookingsAtStop(stopId) : [];
  const users = riders.map((b) => b.id);
  if (users.length > 0 && !force) {
    throw domainErrors.conflict('stop-in-use', `${users.length} booked ride${users.length === 1 ? '' : 's'} still use${users.length === 1 ? 's' : ''} this stop; cancel or move them, or deactivate with force and a reason.`, { bookingIds: users });
  }
  const moved = set.lat !== undefined && (set.lat !== before.lat || set.lon !== before.lon);
  const write = async (repos: Repositories, extra: Record<string, unknown> = {}) => {
    const stop = (await repos.admin.updateStop(stopId, set))!;
    await repos.events.record({
      kind: 'admin.stop_updated', actorId: change.actor.id, reason: change.reason ?? null, vehicleId: null, at: ctx.now(),
      data: { areaId: stop.areaId, stopId: stop.id, changes: set, ...(moved && { from: { lat: before.lat, lon: before.lon } }), ...extra },
    });
    return stop;
  };
  let stop: Stop | undefined;
  const rerouted = users.length === 0 ? undefined : await rerouteOffStop(ctx, deps.overrides, change, before, riders, async (_tx, repos, report) => {
    stop = await write(repos, { forcedPast: users, rerouted: report });
  });
  if (!rerouted) stop = await ctx.db.transaction((tx) => write(createRepositories(tx)));
  ctx.areaCache?.invalidate(before.areaId);
  if (moved) await deps.stopsChanged(before.areaId);
  return { stop: stop!, stillUsedBy: users, ...(rerouted && { rerouted }) };
}

export interface StopImport {
  inserted: number;
  /** Known stops with a field changed; `moved` of them at new coordinates. */
  updated: number;
  moved: number;
  /** Known stops the file has as they are. */
  unchanged: number;
  /** Stops of the file outside the area: skipped. */
  outside: Array<{ code: string; name: string }>;
  /** Rows with errors: skipped. */
  errors: GtfsStopError[];
}

/** A GTFS stops.txt into an area: new stop_ids are added, known ones updated (also moved); the CLI's import. */
export async function importGtfsStops(repos: Pick<Repositories, 'areas'>, area: ServiceArea, csvText: string): Promise<StopImport> {
  const parsed = parseGtfsStops(csvText);
  const { inside, outside } = filterStopsInArea(parsed.stops, area.polygon);
  const result = await repos.areas.upsertStops(area.id, inside.map((s) => ({ ...s, active: true })));
  return { ...result, outside: outside.map((s) => ({ code: s.code, name: s.name })), errors: parsed.errors };
}

/** The line errors of an upload as the client reads them: every line at once, nothing imported. */
function refuseFile(errors: GtfsStopError[]): never {
  throw new DomainError('invalid', 'gtfs-stops-invalid', `${errors.length} line${errors.length === 1 ? '' : 's'} of the stops.txt ${errors.length === 1 ? 'has an error' : 'have errors'}; nothing was imported. Correct ${errors.length === 1 ? 'it' : 'them'} and send the file again.`, {
    fields: errors.map((e) => ({ field: e.field || 'body', message: `line ${e.line}: ${e.message}` })),
    extra: { lines: errors },
  });
}

/**
 * The HTTP upload of a stops.txt, logged, followed by the matrix rebuild when anything was written.
 * Unlike the CLI, which skips bad rows, a file with any bad line is refused whole: an operator in the
 * browser corrects the file and sends it again, and no half of it is in use meanwhile.
 */
export async function uploadGtfsStops(ctx: Ctx, change: AdminChange, stopsChanged: StopsChanged, areaId: string, csvText: string): Promise<StopImport> {
  const area = await areaOrNotFound(ctx, areaId);
  const { errors } = parseGtfsStops(csvText);
  if (errors.length > 0) refuseFile(errors);
  const result = await loggedChange(ctx, change, 'stops_imported', (repos) => importGtfsStops(repos, area, csvText), (r) => ({
    areaId, inserted: r.inserted, updated: r.updated, moved: r.moved, outside: r.outside.length, errors: r.errors.length,
  }));
  ctx.areaCache?.invalidate(areaId);
  if (result.inserted + result.moved > 0) await stopsChanged(areaId);
  return result;
}
