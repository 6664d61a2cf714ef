import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, parseConfig } from '../../src/config/env';

describe('parseConfig', () => {
  it('fills every default when the environment is empty', () => {
    const config = parseConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.SEED_DEMO).toBe(true);
  });

  it('names the key of a bad value', () => {
    expect(() => parseConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => parseConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseConfig({ REDIS_URL: 'not a url' })).toThrow(/REDIS_URL/);
  });

  it('describes every key', () => {
    for (const entry of describeConfig()) expect(entry.description.length).toBeGreaterThan(5);
  });
});
