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

describe('edge settings', () => {
  it('trusts no proxy by default, and takes a hop count or proxy addresses', () => {
    expect(parseConfig({}).TRUST_PROXY).toBe(false);
    expect(parseConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(parseConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,::1' }).TRUST_PROXY).toEqual(['loopback', '10.0.0.0/8', '::1']);
  });

  it('refuses to believe every X-Forwarded-For, and names bad proxy values', () => {
    for (const value of ['true', 'proxy.example', '10.0.0.0/8/9', '-1']) expect(() => parseConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
  });

  it('reads CORS_ORIGINS as a list of origins, same origin only when unset', () => {
    expect(parseConfig({}).CORS_ORIGINS).toBeUndefined();
    expect(parseConfig({ CORS_ORIGINS: 'https://app.taxibus.example, http://localhost:5173' }).CORS_ORIGINS).toEqual(['https://app.taxibus.example', 'http://localhost:5173']);
    for (const value of ['app.taxibus.example', 'https://app.taxibus.example/', 'https://app.taxibus.example/path', '*']) {
      expect(() => parseConfig({ CORS_ORIGINS: value })).toThrow(/CORS_ORIGINS/);
    }
  });

  it('has rate limits on by default and a METRICS_TOKEN that is not guessable', () => {
    const config = parseConfig({});
    expect(config.RATE_LIMIT_UNAUTHENTICATED).toBeGreaterThan(0);
    expect(config.RATE_LIMIT_BOOKINGS).toBeGreaterThan(0);
    expect(config.METRICS_TOKEN).toBeUndefined();
    expect(() => parseConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });
});
