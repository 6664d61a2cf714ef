import { z } from 'zod';
import type { Db } from '../../db/client';
import { reoptimise } from '../../routing/solver-tasks';
import type { TravelTimes } from '../../routing/travel-times';
import type { Config } from '../config/env';
import { createRepositories } from '../domain/context';
import { UnknownAreaError } from '../domain/dispatch/decide-area-batch';
import { replayReoptimisation } from '../domain/dispatch/reoptimise-area';
import { createStoredStopMatrices } from '../domain/dispatch/stop-matrix-store';
import { CliUsageError, type CliOutput } from './commands';

const optionsSchema = z.object({
  area: z.uuid({ message: 'expected the service area id (UUID)' }),
  seed: z.coerce.number({ message: 'expected the logged seed (a whole number)' }).int('expected the logged seed (a whole number)').min(1),
  iterations: z.coerce.number({ message: 'expected the logged number of iterations' }).int('expected a whole number').min(0).max(10_000_000),
  at: z.iso.datetime({ offset: true, message: 'expected the logged time of the solve, e.g. 2026-12-01T06:00:00.000Z' }).optional(),
});

/**
 * `replan:replay --area ID --seed N --iterations K [--at ISO]`: solves the area's re-optimisation
 * again from the database as it is (or a copy of it as it was), with the seed and iteration count a
 * worker logged, and prints what it would change. Writes nothing.
 */
export async function replanReplay(db: Db, travelTimes: TravelTimes, config: Config, options: Record<string, string>, out: CliOutput): Promise<number> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new CliUsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  const { area: areaId, seed, iterations } = parsed.data;
  const at = parsed.data.at ? new Date(parsed.data.at) : new Date();
  const answer = await replayReoptimisation({
    db,
    stopMatrix: createStoredStopMatrices(db, travelTimes, { maxSnapM: config.OSRM_MAX_SNAP_M }),
    now: () => at,
    reoptimise: async (task) => reoptimise(task),
    budgetMs: config.REOPTIMISE_BUDGET_MS,
    seed,
    maxIterations: iterations,
  }, areaId).catch((error: unknown) => {
    throw error instanceof UnknownAreaError ? new CliUsageError(`--area: no service area ${areaId}`) : error;
  });
  // The solver's vehicles are shifts: named by their bus and start.
  const shifts = await createRepositories(db).fleet.shiftsOverlapping(areaId, new Date(at.getTime() - 24 * 3600_000), new Date(at.getTime() + 48 * 3600_000));
  const labels = new Map(shifts.map(({ shift, vehicle }) => [shift.id, `${vehicle.label} (shift from ${shift.startAt.toISOString()})`]));
  out.info(`Re-optimisation of area ${areaId} at ${at.toISOString()}, seed ${seed}, ${answer.iterations} iterations (nothing written):`);
  out.info(`  cost of the plans as they stand ${answer.currentCost ?? 'n/a (not feasible as they stand)'}, after the solve ${answer.cost}`);
  for (const { vehicleId, violations } of answer.changed) {
    const route = answer.routes.find((r) => r.vehicleId === vehicleId)!;
    const verdict = violations.length === 0 ? 'keeps every promise' : `${violations.length} promises broken`;
    out.info(`  ${labels.get(vehicleId) ?? `shift ${vehicleId}`}: ${route.stops.map((s) => `${s.kind} ${s.requestId.slice(0, 8)}`).join(' → ')} (${verdict})`);
  }
  if (answer.changed.length === 0) out.info('  no bus would change its stops');
  if (answer.placed.length > 0) out.info(`  rides no bus carried, placed again: ${answer.placed.join(', ')}`);
  if (answer.leftAlone.length > 0) out.info(`  left alone (not feasible as they stand): ${answer.leftAlone.map((v) => labels.get(v.vehicleId) ?? `shift ${v.vehicleId}`).join(', ')}`);
  return 0;
}
