import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCordeau } from '../../../routing/darp/read-cordeau';
import { solve } from '../../../routing/solver/index';

const A2_16 = new URL('../darp/fixtures/a2-16.txt', import.meta.url);

describe('solve determinism', () => {
  it('gives identical routes for the same seed and iteration limit', () => {
    const { instance } = parseCordeau(readFileSync(A2_16, 'utf8'), 'a2-16');
    const a = solve(instance, { seed: 7, maxIterations: 300, timeLimitMs: 60_000 });
    const b = solve(instance, { seed: 7, maxIterations: 300, timeLimitMs: 60_000 });
    expect(a.stats.iterations).toBe(300);
    expect(b.routes).toEqual(a.routes);
    expect(b.cost).toBe(a.cost);
    expect(a.unserved).toEqual([]);
  });
});
