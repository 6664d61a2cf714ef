import { RoutingError, type TravelTimes } from '../../../routing/travel-times';
import type { Stop } from '../../data-access/areas-repository';
import type { Repositories } from '../context';

export interface DependencyHealth {
  ok: boolean;
  /** Why not, in words fit for a public health page (no addresses). */
  reason?: string;
}

/**
 * The routing server's health, for /health: one /nearest for a stop of the area (no retry, at most
 * 2 s), answered from memory for `cacheMs` so that load balancers polling every second cost OSRM
 * one request per period. Degraded when OSRM cannot be reached or fails, and when it snaps the stop
 * farther than `maxSnapM` — a server loaded with another region answers everything else with `Ok`.
 */
export function createRoadDataHealth(
  travelTimes: TravelTimes,
  referenceStop: () => Promise<Stop | undefined>,
  options: { maxSnapM: number; cacheMs?: number; nowMs?: () => number },
): () => Promise<DependencyHealth> {
  const cacheMs = options.cacheMs ?? 5_000;
  const nowMs = options.nowMs ?? Date.now;
  let last: { atMs: number; answer: Promise<DependencyHealth> } | undefined;

  async function probe(): Promise<DependencyHealth> {
    const stop = await referenceStop();
    if (!travelTimes.probe || !stop) return { ok: true };
    try {
      const { snapM } = await travelTimes.probe({ lon: stop.lon, lat: stop.lat });
      if (snapM <= options.maxSnapM) return { ok: true };
      return { ok: false, reason: `OSRM snaps stop "${stop.name}" ${Math.round(snapM / 1000)} km away from its coordinates; is it loaded with another region?` };
    } catch (error) {
      return { ok: false, reason: describe(error) };
    }
  }

  return () => {
    if (!last || nowMs() - last.atMs >= cacheMs) last = { atMs: nowMs(), answer: probe() };
    return last.answer;
  };
}

function describe(error: unknown): string {
  if (!(error instanceof RoutingError)) return 'OSRM could not be asked';
  switch (error.code) {
    case 'Unreachable': return 'OSRM cannot be reached; decisions needing new road data wait';
    case 'Timeout': return 'OSRM did not answer in time; decisions needing new road data wait';
    case 'UpstreamError': return 'OSRM answers with server errors; decisions needing new road data wait';
    case 'BadResponse': return 'the configured OSRM URL does not answer like OSRM';
    default: return `OSRM refuses the health request (${error.code})`;
  }
}

/** The health probe's point: the first stop of the first area (none before the first area is set up). */
export async function firstStop(repos: Pick<Repositories, 'areas'>): Promise<Stop | undefined> {
  const [area] = await repos.areas.list();
  return area ? (await repos.areas.activeStops(area.id))[0] : undefined;
}
