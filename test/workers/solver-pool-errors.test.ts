import { describe, expect, it } from 'vitest';
import { SolverInputError } from '../../routing/solver';
import { asDomainError } from '../../src/domain/as-domain-error';
import { createSolverPool } from '../../workers/solver-pool';

describe('solver pool errors', () => {
  it('gives back the solver\u2019s input error as itself, which the workers do not retry', async () => {
    const pool = createSolverPool(1);
    try {
      // A 2-node instance with a 1-cell matrix: the solver refuses it in the thread.
      const task = { kind: 'reoptimise' as const, instance: { nodeCount: 2, durationS: [0], distanceM: [0], requests: [], vehicles: [] }, plans: [], timeLimitMs: 10, seed: 1 };
      const error = await pool.run(task).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(SolverInputError);
      expect(asDomainError(error)).toMatchObject({ kind: 'invalid', code: 'solver-input', retryable: false });
    } finally {
      await pool.close();
    }
  });
});
