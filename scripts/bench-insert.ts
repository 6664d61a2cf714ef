/**
 * Online insertion benchmark: a seeded synthetic rural day (400 stops in 25 × 25 km, 100 buses, 2,000 planned
 * requests with 15-minute pickup windows, integer seconds), then the time to decide where one new
 * booking goes. Prints the state build time and median / p95 of the insertion decision.
 *
 *   npm run bench:insert -- [--seed N] [--probes N] [--candidates N]
 */
import { Rng } from '../routing/solver/rng';
import { argsOrExit, parseCliArgs, wholeNumber } from '../src/cli/cli-args';
import { createPlanState, type Instance, type PlanInput, type SolverRequest } from '../routing/solver/index';

const STOPS = 400, VEHICLES = 100, PLANNED = 2000;

const USAGE = 'Usage: npm run bench:insert -- [--seed 1] [--probes 200] [--candidates 2300]';
const args = argsOrExit(() => {
  const { values } = parseCliArgs(USAGE, { seed: { type: 'string', default: '1' }, probes: { type: 'string', default: '200' }, candidates: { type: 'string', default: '2300' } });
  return { seed: wholeNumber('seed', values.seed), probes: wholeNumber('probes', values.probes, 1), candidates: wholeNumber('candidates', values.candidates) };
});

function generate(rng: Rng, requestCount: number): Instance {
  const xs = Array.from({ length: STOPS }, () => rng.next() * 25_000);
  const ys = Array.from({ length: STOPS }, () => rng.next() * 25_000);
  const distanceM = new Int32Array(STOPS * STOPS);
  const durationS = new Int32Array(STOPS * STOPS);
  for (let a = 0; a < STOPS; a++) {
    for (let b = 0; b < STOPS; b++) {
      // Road detour 1.3 over the straight line, 40 km/h average on rural roads.
      const d = Math.round(1.3 * Math.hypot(xs[a] - xs[b], ys[a] - ys[b]));
      distanceM[a * STOPS + b] = d;
      durationS[a * STOPS + b] = Math.round(d / 11.1);
    }
  }
  const requests: SolverRequest[] = [];
  for (let i = 0; i < requestCount; i++) {
    const p = rng.int(0, STOPS - 1);
    let d = rng.int(0, STOPS - 1);
    if (d === p) d = (d + 1) % STOPS;
    const early = rng.int(6 * 3600, 21 * 3600);
    const direct = durationS[p * STOPS + d];
    const wheelchair = rng.next() < 0.05;
    const service = wheelchair ? 180 : 60;
    const maxRide = Math.round(1.5 * direct + 600);
    requests.push({
      id: `r${i}`, load: [wheelchair ? 0 : rng.int(1, 3), wheelchair ? 1 : 0], maxRideS: maxRide, mandatory: false,
      pickup: { node: p, serviceS: service, earliestS: early, latestS: early + 900 },
      dropoff: { node: d, serviceS: service, earliestS: early + direct, latestS: early + 900 + service + maxRide },
    });
  }
  const vehicles = Array.from({ length: VEHICLES }, (_, v) => {
    const depot = rng.int(0, STOPS - 1);
    const start = rng.int(5 * 3600, 13 * 3600);
    return {
      id: `bus${v}`, capacity: [8, 1], start: { node: depot, earliestS: start }, end: { node: depot, latestS: start + 11 * 3600 },
      maxDurationS: 11 * 3600, onboard: [], committed: [],
    };
  });
  return { nodeCount: STOPS, durationS, distanceM, requests, vehicles, objective: { minimise: 'duration', rideTimeWeight: 0 } };
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function main(): void {
  const { seed, probes, candidates } = args;
  const rng = new Rng(seed);
  const instance = generate(rng, candidates + probes);
  // Plan the day booking by booking in pickup-time order, as the live service would have.
  const builder = createPlanState(instance, []);
  const order = instance.requests.slice(0, candidates).map((r, i) => ({ i, t: r.pickup.earliestS }))
    .sort((a, b) => a.t - b.t || a.i - b.i);
  const plans = new Map<string, PlanInput>();
  let planned = 0;
  const tPlan = performance.now();
  for (const { i } of order) {
    if (planned === PLANNED) break;
    const res = builder.apply(instance.requests[i].id);
    if (!res.feasible) continue;
    planned++;
    plans.set(res.vehicleId, { vehicleId: res.vehicleId, stops: res.route.stops.map((s) => ({ requestId: s.requestId, kind: s.kind })) });
  }
  const planMs = performance.now() - tPlan;
  const tBuild = performance.now();
  const state = createPlanState(instance, [...plans.values()]);
  const buildMs = performance.now() - tBuild;
  const times: number[] = [];
  let accepted = 0;
  for (let k = 0; k < probes; k++) {
    const id = instance.requests[candidates + k].id;
    const t = performance.now();
    const res = state.insert(id);
    times.push(performance.now() - t);
    if (res.feasible) accepted++;
  }
  times.sort((a, b) => a - b);
  const stopsPerBus = [...plans.values()].map((p) => p.stops.length);
  console.log(`seed ${seed}: ${VEHICLES} vehicles, ${planned} planned requests (${(planMs / 1000).toFixed(1)} s to plan booking by booking), stops per bus ${Math.min(...stopsPerBus)}..${Math.max(...stopsPerBus)}`);
  console.log(`state build (compile + index routes): ${buildMs.toFixed(1)} ms`);
  console.log(`insertion decision over ${probes} new bookings (${accepted} accepted): median ${percentile(times, 0.5).toFixed(2)} ms, p95 ${percentile(times, 0.95).toFixed(2)} ms, max ${times[times.length - 1].toFixed(2)} ms`);
}

main();
