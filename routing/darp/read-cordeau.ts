import type { Instance } from '../solver/types';

/** A Cordeau-format DARP instance with the header values the benchmark reports. */
export interface CordeauInstance {
  name: string;
  vehicles: number;
  requests: number;
  maxRouteDuration: number;
  capacity: number;
  maxRide: number;
  /** Node ids are the file's ids; the end depot is node 2n+1 when present, else node 0. */
  instance: Instance;
}

/**
 * Parses the text of a Cordeau instance (see /work/shared/bench/darp/FORMAT.md). The second header
 * field is n in the Cordeau (2006) files and 2n in the Cordeau & Laporte (2003) files; the number of
 * node lines decides which, exactly as the benchmark checker does.
 */
export function parseCordeau(text: string, name: string): CordeauInstance {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  const header = lines[0].split(/\s+/).map(Number);
  if (header.length < 5 || header.some((x) => !Number.isFinite(x))) throw new Error(`${name}: header needs five numbers`);
  const [K, F, T, Q, L] = header;
  const nodes = lines.slice(1).map((l, i) => {
    const f = l.split(/\s+/).map(Number);
    if (f.length < 7 || f.slice(0, 7).some((x) => !Number.isFinite(x))) throw new Error(`${name}: node line ${i + 1} needs seven numbers`);
    if (f[0] !== i) throw new Error(`${name}: node line ${i + 1} has id ${f[0]}, expected ${i}`);
    return { x: f[1], y: f[2], service: f[3], load: f[4], early: f[5], late: f[6] };
  });
  const C = nodes.length;
  let n: number;
  if (C === 2 * F + 2 || C === 2 * F + 1) n = F;
  else if (F % 2 === 0 && (C === F + 1 || C === F + 2)) n = F / 2;
  else throw new Error(`${name}: ${C} node lines do not match header value ${F}`);
  const endNode = C === 2 * n + 2 ? 2 * n + 1 : 0;
  const matrix = new Float64Array(C * C);
  for (let a = 0; a < C; a++) {
    for (let b = 0; b < C; b++) matrix[a * C + b] = Math.hypot(nodes[a].x - nodes[b].x, nodes[a].y - nodes[b].y);
  }
  const stop = (i: number) => ({ node: i, serviceS: nodes[i].service, earliestS: nodes[i].early, latestS: nodes[i].late });
  const instance: Instance = {
    nodeCount: C,
    durationS: matrix,
    distanceM: matrix,
    objective: { minimise: 'distance', rideTimeWeight: 0 },
    requests: Array.from({ length: n }, (_, k) => ({
      id: String(k + 1), pickup: stop(k + 1), dropoff: stop(n + k + 1), load: [nodes[k + 1].load],
      maxRideS: L, mandatory: true,
    })),
    vehicles: Array.from({ length: K }, (_, v) => ({
      id: String(v), capacity: [Q], start: { node: 0, earliestS: nodes[0].early },
      end: { node: endNode, latestS: nodes[endNode].late }, maxDurationS: T, onboard: [], committed: [],
    })),
  };
  return { name, vehicles: K, requests: n, maxRouteDuration: T, capacity: Q, maxRide: L, instance };
}
