import type { Instance, SolverVehicle, StopRef } from './types';

/** Bad input is a bug in the caller, not an expected outcome: thrown, with a stable code. */
export class SolverInputError extends Error {
  readonly code = 'input';
}

/**
 * The instance compiled into flat typed arrays so that the inner loops do not chase objects.
 * Stop ids: request r has pickup 2r and drop-off 2r+1; onboard passengers' drop-offs follow at 2R+k.
 */
export interface Problem {
  readonly source: Instance;
  readonly nodeCount: number;
  readonly time: Float64Array;
  readonly distance: Float64Array;
  readonly dims: number;
  readonly requestCount: number;
  readonly stopCount: number;
  readonly stopNode: Int32Array;
  readonly stopService: Float64Array;
  readonly stopEarly: Float64Array;
  readonly stopLate: Float64Array;
  /** Signed load change, stopCount × dims. */
  readonly stopLoad: Float64Array;
  /** Pickup ↔ drop-off; −1 for an onboard drop-off. */
  readonly stopPartner: Int32Array;
  /** Max ride time of the stop's request (used at pickups). */
  readonly stopMaxRide: Float64Array;
  readonly stopRequestId: string[];
  readonly mandatory: Uint8Array;
  /** Vehicle index a request must use (pinned or committed), −1 for any. */
  readonly allowedVehicle: Int32Array;
  /** 1 when the request appears in a committed prefix: destroy operators must leave it. */
  readonly locked: Uint8Array;
  readonly requestIndex: Map<string, number>;
  readonly vehicleCount: number;
  readonly vehicleIndex: Map<string, number>;
  readonly vStartNode: Int32Array;
  readonly vEndNode: Int32Array;
  readonly vStartTime: Float64Array;
  readonly vEndLate: Float64Array;
  readonly vMaxDuration: Float64Array;
  readonly vCapacity: Float64Array;
  readonly vInitialLoad: Float64Array;
  readonly vPrefix: Int32Array[];
  /** Stops that must be on the vehicle but have no pickup to insert: onboard and committed-pickup drop-offs. */
  readonly vOrphanDrops: Int32Array[];
  /** Breaks of vehicle v: indices [vBreakOffset[v], vBreakOffset[v + 1]) of breakStart / breakEnd. */
  readonly vBreakOffset: Int32Array;
  readonly breakStart: Float64Array;
  readonly breakEnd: Float64Array;
}

/** A vehicle's breaks as flat arrays: break i of vehicle v for i in [vBreakOffset[v], vBreakOffset[v + 1]). */
export interface CompiledBreaks {
  vBreakOffset: Int32Array;
  breakStart: Float64Array;
  breakEnd: Float64Array;
}

/** Flattens and checks every vehicle's breaks (positive length, in time order, not overlapping). */
export function compileBreaks(vehicles: SolverVehicle[]): CompiledBreaks {
  const vBreakOffset = new Int32Array(vehicles.length + 1);
  const starts: number[] = [];
  const ends: number[] = [];
  vehicles.forEach((v, vi) => {
    let lastEnd = -Infinity;
    for (const b of v.breaks ?? []) {
      if (!(Number.isFinite(b.startS) && Number.isFinite(b.endS) && b.startS < b.endS)) throw new SolverInputError(`vehicle ${v.id}: a break must end after it starts`);
      if (b.startS < lastEnd) throw new SolverInputError(`vehicle ${v.id}: breaks must be in time order and not overlap`);
      starts.push(b.startS);
      ends.push(b.endS);
      lastEnd = b.endS;
    }
    vBreakOffset[vi + 1] = starts.length;
  });
  return { vBreakOffset, breakStart: Float64Array.from(starts), breakEnd: Float64Array.from(ends) };
}

function toFloat64(values: ArrayLike<number>, expected: number, what: string): Float64Array {
  if (values.length !== expected) throw new SolverInputError(`${what} has ${values.length} cells, expected ${expected}`);
  const out = Float64Array.from(values as ArrayLike<number>);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i]) || out[i] < 0) throw new SolverInputError(`${what}[${i}] is not a finite non-negative number`);
  }
  return out;
}

export function compileProblem(inst: Instance): Problem {
  const N = inst.nodeCount;
  const time = toFloat64(inst.durationS, N * N, 'durationS');
  const distance = toFloat64(inst.distanceM, N * N, 'distanceM');
  const R = inst.requests.length;
  const V = inst.vehicles.length;
  let dims = 1;
  for (const r of inst.requests) dims = Math.max(dims, r.load.length);
  for (const v of inst.vehicles) {
    dims = Math.max(dims, v.capacity.length);
    for (const o of v.onboard) dims = Math.max(dims, o.load.length);
  }
  const onboardCount = inst.vehicles.reduce((s, v) => s + v.onboard.length, 0);
  const S = 2 * R + onboardCount;
  const p = {
    stopNode: new Int32Array(S), stopService: new Float64Array(S), stopEarly: new Float64Array(S),
    stopLate: new Float64Array(S), stopLoad: new Float64Array(S * dims), stopPartner: new Int32Array(S),
    stopMaxRide: new Float64Array(S), stopRequestId: new Array<string>(S),
  };
  const checkNode = (node: number, what: string) => {
    if (!Number.isInteger(node) || node < 0 || node >= N) throw new SolverInputError(`${what}: node ${node} outside 0..${N - 1}`);
  };
  const requestIndex = new Map<string, number>();
  const vehicleIndex = new Map<string, number>();
  inst.vehicles.forEach((v, i) => {
    if (vehicleIndex.has(v.id)) throw new SolverInputError(`duplicate vehicle id ${v.id}`);
    vehicleIndex.set(v.id, i);
  });
  const mandatory = new Uint8Array(R);
  const allowedVehicle = new Int32Array(R).fill(-1);
  const setStop = (s: number, spec: Instance['requests'][number]['pickup'], load: number[], sign: number, id: string) => {
    checkNode(spec.node, `request ${id}`);
    if (!(spec.earliestS <= spec.latestS)) throw new SolverInputError(`request ${id}: empty time window`);
    p.stopNode[s] = spec.node; p.stopService[s] = spec.serviceS;
    p.stopEarly[s] = spec.earliestS; p.stopLate[s] = spec.latestS; p.stopRequestId[s] = id;
    for (let d = 0; d < load.length; d++) p.stopLoad[s * dims + d] = sign * load[d];
  };
  inst.requests.forEach((r, i) => {
    if (requestIndex.has(r.id)) throw new SolverInputError(`duplicate request id ${r.id}`);
    requestIndex.set(r.id, i);
    if (r.load.some((q) => q < 0)) throw new SolverInputError(`request ${r.id}: negative load`);
    setStop(2 * i, r.pickup, r.load, 1, r.id);
    setStop(2 * i + 1, r.dropoff, r.load, -1, r.id);
    p.stopPartner[2 * i] = 2 * i + 1; p.stopPartner[2 * i + 1] = 2 * i;
    p.stopMaxRide[2 * i] = r.maxRideS; p.stopMaxRide[2 * i + 1] = r.maxRideS;
    mandatory[i] = r.mandatory ? 1 : 0;
    if (r.pinnedVehicleId !== undefined) {
      const v = vehicleIndex.get(r.pinnedVehicleId);
      if (v === undefined) throw new SolverInputError(`request ${r.id}: pinned to unknown vehicle ${r.pinnedVehicleId}`);
      allowedVehicle[i] = v;
    }
  });
  const vCapacity = new Float64Array(V * dims);
  const vInitialLoad = new Float64Array(V * dims);
  const locked = new Uint8Array(R);
  const vPrefix: Int32Array[] = [];
  const vOrphanDrops: Int32Array[] = [];
  let next = 2 * R;
  inst.vehicles.forEach((v, vi) => {
    checkNode(v.start.node, `vehicle ${v.id} start`);
    checkNode(v.end.node, `vehicle ${v.id} end`);
    v.capacity.forEach((c, d) => { vCapacity[vi * dims + d] = c; });
    const onboardStop = new Map<string, number>();
    const orphans: number[] = [];
    for (const o of v.onboard) {
      const s = next++;
      // The ride already started, so the ride-time limit is just a tighter deadline on the drop-off.
      const spec = { ...o.dropoff, latestS: Math.min(o.dropoff.latestS, o.pickedUpAtS + o.maxRideS) };
      setStop(s, { ...spec, earliestS: Math.min(spec.earliestS, spec.latestS) }, o.load, -1, o.requestId);
      p.stopPartner[s] = -1; p.stopMaxRide[s] = o.maxRideS;
      o.load.forEach((q, d) => { vInitialLoad[vi * dims + d] += q; });
      onboardStop.set(o.requestId, s);
      orphans.push(s);
    }
    const prefix = v.committed.map((c) => resolveCommitted(c, v.id, vi, onboardStop, requestIndex, allowedVehicle, locked));
    for (const s of prefix) {
      const partner = p.stopPartner[s];
      if (s % 2 === 0 && s < 2 * R && !prefix.includes(partner)) orphans.push(partner);
    }
    vPrefix.push(Int32Array.from(prefix));
    vOrphanDrops.push(Int32Array.from(orphans.filter((s) => !prefix.includes(s))));
  });
  return {
    source: inst, nodeCount: N, time, distance, dims, requestCount: R, stopCount: S, ...p,
    mandatory, allowedVehicle, locked, requestIndex, vehicleCount: V, vehicleIndex,
    vStartNode: Int32Array.from(inst.vehicles, (v) => v.start.node),
    vEndNode: Int32Array.from(inst.vehicles, (v) => v.end.node),
    vStartTime: Float64Array.from(inst.vehicles, (v) => v.start.earliestS),
    vEndLate: Float64Array.from(inst.vehicles, (v) => v.end.latestS),
    vMaxDuration: Float64Array.from(inst.vehicles, (v) => v.maxDurationS),
    vCapacity, vInitialLoad, vPrefix, vOrphanDrops, ...compileBreaks(inst.vehicles),
  };
}

function resolveCommitted(
  c: StopRef, vehicleId: string, vi: number, onboardStop: Map<string, number>,
  requestIndex: Map<string, number>, allowedVehicle: Int32Array, locked: Uint8Array,
): number {
  const onboard = onboardStop.get(c.requestId);
  if (onboard !== undefined && c.kind === 'dropoff') return onboard;
  const r = requestIndex.get(c.requestId);
  if (r === undefined) throw new SolverInputError(`vehicle ${vehicleId}: committed stop of unknown request ${c.requestId}`);
  if (allowedVehicle[r] !== -1 && allowedVehicle[r] !== vi) {
    throw new SolverInputError(`request ${c.requestId} is committed on ${vehicleId} but pinned elsewhere`);
  }
  allowedVehicle[r] = vi;
  locked[r] = 1;
  return c.kind === 'pickup' ? 2 * r : 2 * r + 1;
}

/** Stop id of a reference, or −1 when unknown. Onboard drop-offs are searched on the given vehicle. */
export function stopOf(P: Problem, ref: StopRef, vehicle: number): number {
  const r = P.requestIndex.get(ref.requestId);
  if (r !== undefined) return ref.kind === 'pickup' ? 2 * r : 2 * r + 1;
  if (ref.kind !== 'dropoff') return -1;
  for (const s of P.vOrphanDrops[vehicle]) if (s >= 2 * P.requestCount && P.stopRequestId[s] === ref.requestId) return s;
  for (const s of P.vPrefix[vehicle]) if (s >= 2 * P.requestCount && P.stopRequestId[s] === ref.requestId) return s;
  return -1;
}
