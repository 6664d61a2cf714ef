import { describe, expect, it } from 'vitest';
import type { User } from '../../src/data-access/users-repository';
import { cacheTokenLookups } from '../../src/api/auth';

const anna: User = { id: 'u1', role: 'rider', name: 'Anna', phone: null, createdAt: new Date('2026-11-01T00:00:00Z') };

describe('token lookups kept for a while', () => {
  function setup() {
    let now = Date.parse('2026-12-01T06:00:00+01:00');
    const asked: string[] = [];
    const lookup = cacheTokenLookups(async (hash) => {
      asked.push(hash);
      return hash === 'known' ? anna : undefined;
    }, { ttlMs: 1000, nowMs: () => now });
    return { lookup, asked, advance: (ms: number) => (now += ms) };
  }

  it('reads a known token once per interval, and shares a read in flight', async () => {
    const { lookup, asked, advance } = setup();
    const [a, b] = await Promise.all([lookup('known'), lookup('known')]);
    expect(a).toEqual(anna);
    expect(b).toEqual(anna);
    advance(1000);
    await lookup('known');
    expect(asked).toEqual(['known']);
    advance(1);
    await lookup('known');
    expect(asked).toEqual(['known', 'known']);
  });

  it('never keeps an unknown token or a failed read', async () => {
    const { lookup, asked } = setup();
    expect(await lookup('unknown')).toBeUndefined();
    await Promise.resolve();
    expect(await lookup('unknown')).toBeUndefined();
    expect(asked).toEqual(['unknown', 'unknown']);

    let fail = true;
    const flaky = cacheTokenLookups(async () => {
      if (fail) throw new Error('database down');
      return anna;
    });
    await expect(flaky('known')).rejects.toThrow('database down');
    fail = false;
    await Promise.resolve();
    expect(await flaky('known')).toEqual(anna);
  });
});
