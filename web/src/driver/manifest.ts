import { ApiError, OfflineError } from '../api';

import type { StopView } from '../types';

/** The driver's run sheet as `GET /v1/driver/manifest` answers it (src/api/views/manifest-view.ts). */
export interface ManifestRider {
  bookingId: string;
  /** When this rider boards or leaves: one call at a stop can hold several times. */
  plannedAt: string;
  firstName: string;
  seats: number;
  wheelchairs: number;
  note: string | null;
}

export type Place = StopView;

export interface ManifestCall extends Place {
  plannedAt: string;
  boarding: ManifestRider[];
  alighting: ManifestRider[];
}

export interface Manifest {
  shiftId: string;
  version: number;
  etag: string;
  vehicle: { id: string; label: string; seats: number; wheelchairPlaces: number };
  shift: { startAt: string; endAt: string };
  startDepot: Place;
  endDepot: Place;
  lastStopId: string | null;
  committedStops: number;
  stops: ManifestCall[];
}

export type ManifestAnswer = { kind: 'changed'; manifest: Manifest } | { kind: 'unchanged' } | { kind: 'no-shift' };

/** The longest wait the service allows a long-poll (MAX_WAIT_S). */
export const LONG_POLL_S = 30;

/**
 * Reads the manifest; with the ETag held and a wait, the service answers as soon as the plan changes
 * (else 304 after the wait). Fetched directly, not through `api()`: a 304 is an answer here, not an error.
 */
export async function fetchManifest(etag: string | undefined, waitS: number, signal?: AbortSignal): Promise<ManifestAnswer> {
  let response: Response;
  try {
    response = await fetch(`/v1/driver/manifest${etag && waitS > 0 ? `?wait=${waitS}` : ''}`, {
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { accept: 'application/json', ...(etag ? { 'if-none-match': etag } : {}) },
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new OfflineError('offline');
  }
  if (response.status === 304) return { kind: 'unchanged' };
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.status === 404) return { kind: 'no-shift' };
  if (!response.ok) {
    const code = typeof body.type === 'string' ? body.type.slice(body.type.lastIndexOf('/') + 1) : String(response.status);
    throw new ApiError(response.status, code, [], body);
  }
  return { kind: 'changed', manifest: body as unknown as Manifest };
}

/** Each rider's entry on the plan, by booking and kind: what a plan change is compared by. */
export function ridersOf(manifest: Manifest): Map<string, { stopId: string; plannedAt: string; rider: ManifestRider; call: ManifestCall; boards: boolean }> {
  const entries = new Map<string, { stopId: string; plannedAt: string; rider: ManifestRider; call: ManifestCall; boards: boolean }>();
  for (const call of manifest.stops) {
    for (const rider of call.boarding) entries.set(`${rider.bookingId}:pickup`, { stopId: call.stopId, plannedAt: rider.plannedAt, rider, call, boards: true });
    for (const rider of call.alighting) entries.set(`${rider.bookingId}:dropoff`, { stopId: call.stopId, plannedAt: rider.plannedAt, rider, call, boards: false });
  }
  return entries;
}

/** A ride is new when its booking was on none of the earlier plan's stops, moved when one of its stops changed place or time by a minute or more. */
export function planChanges(before: Manifest, after: Manifest): Map<string, 'new' | 'moved'> {
  const old = ridersOf(before);
  const known = new Set([...old.values()].map((e) => e.rider.bookingId));
  const changes = new Map<string, 'new' | 'moved'>();
  for (const [key, entry] of ridersOf(after)) {
    const id = entry.rider.bookingId;
    const was = old.get(key);
    if (!known.has(id)) changes.set(id, 'new');
    else if (was && (was.stopId !== entry.stopId || Math.abs(Date.parse(was.plannedAt) - Date.parse(entry.plannedAt)) >= 60_000) && !changes.has(id)) changes.set(id, 'moved');
  }
  return changes;
}
