import type { DayKpis } from './kpis';
import type { Policy, WorldSettings } from './world';

/** One run of a comparison: its name, what it compares, and what differs from the demo day. */
export interface Variant {
  name: string;
  group: 'day' | 'policy' | 'fleet' | 'pickup-window' | 'alpha';
  fleet: number;
  policy: Policy;
  rules: NonNullable<WorldSettings['rules']>;
}

/**
 * The county's comparisons, all on the same demand: both policies at 3..9 buses (acceptance and
 * vehicle-km against fleet size, and so vehicle-km at equal acceptance), and the booking rules
 * (pickup window 10/15/20 min, α 1.3/1.5/2.0) under `policy` with the demo's six buses.
 */
export function comparisonRuns(policy: Policy): Variant[] {
  const fleets = [3, 4, 5, 6, 7, 8, 9];
  const runs: Variant[] = [];
  for (const p of ['insertion', 'reoptimise'] as const) {
    for (const fleet of fleets) runs.push({ name: `${p}, ${fleet} buses`, group: fleet === 6 ? 'policy' : 'fleet', fleet, policy: p, rules: {} });
  }
  for (const pickupWindowMin of [10, 20]) runs.push({ name: `pickup window ${pickupWindowMin} min`, group: 'pickup-window', fleet: 6, policy, rules: { pickupWindowMin } });
  for (const maxRideAlpha of [1.3, 2.0]) runs.push({ name: `α ${maxRideAlpha}`, group: 'alpha', fleet: 6, policy, rules: { maxRideAlpha } });
  return runs;
}

interface Compared {
  variant: Variant;
  kpis: DayKpis;
}

/** Linear interpolation of y at x over points sorted by x; undefined outside their range. */
export function interpolate(points: Array<{ x: number; y: number }>, x: number): number | undefined {
  const sorted = [...points].sort((a, b) => a.x - b.x);
  for (let i = 0; i + 1 < sorted.length; i += 1) {
    const [a, b] = [sorted[i], sorted[i + 1]];
    if (x >= a.x && x <= b.x) return b.x === a.x ? Math.min(a.y, b.y) : a.y + ((x - a.x) / (b.x - a.x)) * (b.y - a.y);
  }
  return undefined;
}

const pct = (n: number) => `${(n * 100).toFixed(1)} %`;
const onTimeShare = (k: DayKpis) => k.pickup.onTime / Math.max(1, k.pickup.onTime + k.pickup.early + k.pickup.late);

/**
 * The answers to the county's questions, as lines: vehicle-km of re-optimisation against insertion
 * at equal acceptance (insertion's km interpolated at re-optimisation's acceptance over its fleet
 * sweep) and at equal fleet; the fleet sweep; what each booking rule costs and buys.
 */
export function comparisonLines(runs: Compared[]): string[] {
  const lines: string[] = [];
  const sweep = (policy: Policy) => runs.filter((r) => r.variant.policy === policy && (r.variant.group === 'fleet' || r.variant.group === 'policy')).sort((a, b) => a.variant.fleet - b.variant.fleet);
  const [insertion, reoptimise] = [sweep('insertion'), sweep('reoptimise')];
  if (insertion.length && reoptimise.length) {
    lines.push('policy: re-optimisation against insertion only, same demand', '  buses | acceptance ins. / re-opt. | vehicle-km ins. / re-opt. | at equal fleet | insertion km at re-opt.\'s acceptance | saved at equal acceptance');
    const curve = insertion.map((r) => ({ x: r.kpis.acceptance, y: r.kpis.vehicleKm }));
    for (const r of reoptimise) {
      const same = insertion.find((i) => i.variant.fleet === r.variant.fleet);
      const atEqual = interpolate(curve, r.kpis.acceptance);
      lines.push(`  ${r.variant.fleet} | ${same ? pct(same.kpis.acceptance) : '–'} / ${pct(r.kpis.acceptance)} | ${same?.kpis.vehicleKm ?? '–'} / ${r.kpis.vehicleKm} | ${same ? pct(1 - r.kpis.vehicleKm / same.kpis.vehicleKm) : '–'} | ${atEqual === undefined ? 'outside the sweep' : atEqual.toFixed(1)} | ${atEqual === undefined ? '–' : pct(1 - r.kpis.vehicleKm / atEqual)}`);
    }
  }
  for (const [policy, list] of [['insertion', insertion], ['reoptimise', reoptimise]] as const) {
    if (list.length < 2) continue;
    lines.push(`fleet sweep (${policy}): buses | acceptance | vehicle-km | km per served rider | pickups on time | late arrivals`);
    for (const r of list) lines.push(`  ${r.variant.fleet} | ${pct(r.kpis.acceptance)} | ${r.kpis.vehicleKm} | ${r.kpis.kmPerServedRider} | ${pct(onTimeShare(r.kpis))} | ${r.kpis.lateArrivals}`);
  }
  const rules = runs.filter((r) => r.variant.group === 'pickup-window' || r.variant.group === 'alpha');
  const base = rules.length ? runs.find((r) => r.variant.fleet === 6 && r.variant.policy === rules[0].variant.policy && Object.keys(r.variant.rules).length === 0) : undefined;
  if (base) {
    lines.push(`booking rules (${base.variant.policy}, 6 buses; base: pickup window 15 min, α 1.5): rule | acceptance | vehicle-km | km per served rider | pooled | detour p90 | pickups on time`);
    for (const r of [base, ...rules]) lines.push(`  ${r === base ? 'base' : r.variant.name} | ${pct(r.kpis.acceptance)} | ${r.kpis.vehicleKm} | ${r.kpis.kmPerServedRider} | ${pct(r.kpis.pooledShare)} | ${r.kpis.detourFactor.p90} | ${pct(onTimeShare(r.kpis))}`);
  }
  return lines;
}
