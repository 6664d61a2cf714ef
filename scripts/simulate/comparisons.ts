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
