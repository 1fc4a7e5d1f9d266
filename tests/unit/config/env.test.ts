import { describe, expect, test } from 'vitest';

import { loadConfig } from '../../../config/env.js';
import { AppError } from '../../../src/errors.js';

describe('loadConfig', () => {
  test('gives defaults for the embedded run and freezes the result', () => {
    const cfg = loadConfig({});
    expect(cfg.DATABASE_URL).toBeUndefined();
    expect(cfg.LYTTEPOST_DATA_DIR).toBe('./data');
    expect(cfg.FACEBOOK_GRAPH_URL).toBe('https://graph.facebook.com');
    expect(cfg.FACEBOOK_GRAPH_VERSION).toBe('v24.0');
    expect(cfg.PORT).toBe(8080);
    expect(cfg.LYTTEPOST_YOUTUBE_DAILY_QUOTA).toBe(10_000);
    expect(Object.isFrozen(cfg)).toBe(true);
  });

  test('reports every problem at once, with name, expectation and what arrived', () => {
    let err: unknown;
    try {
      loadConfig({ DATABASE_URL: 'nonsense', REDIS_URL: 'http://x', PORT: 'eighty', LOG_LEVEL: 'loud', FACEBOOK_GRAPH_VERSION: '24' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.details.context?.problems).toHaveLength(5);
    expect(e.message).toContain('DATABASE_URL: expected a postgres:// or postgresql:// URL');
    expect(e.message).toContain('REDIS_URL: expected a redis:// or rediss:// URL');
    expect(e.message).toContain('PORT: expected an integer from 1 to 65535, got "eighty"');
    expect(e.message).toContain('LOG_LEVEL: expected one of');
    expect(e.message).toContain('FACEBOOK_GRAPH_VERSION: expected a Graph API version such as v24.0, got "24"');
  });

  test('never echoes a secret value back', () => {
    expect(() => loadConfig({ LYTTEPOST_SECRET: 'short-secret-xyz' })).toThrow(
      /LYTTEPOST_SECRET: expected at least 32 characters.*16 characters \(hidden\)/,
    );
    try {
      loadConfig({ LYTTEPOST_SECRET: 'short-secret-xyz' });
    } catch (e) {
      expect((e as Error).message).not.toContain('short-secret-xyz');
    }
  });

  test('requires LYTTEPOST_SECRET when DATABASE_URL is set', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1/db' })).toThrow(/LYTTEPOST_SECRET: required when DATABASE_URL is set/);
    const cfg = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1/db', LYTTEPOST_SECRET: 'x'.repeat(32) });
    expect(cfg.DATABASE_URL).toBe('postgres://u@127.0.0.1/db');
  });

  test('LYTTEPOST_DASHBOARD_URL: an http(s) address or unset; anything else is refused with its name', () => {
    expect(loadConfig({}).LYTTEPOST_DASHBOARD_URL).toBeUndefined();
    expect(loadConfig({ LYTTEPOST_DASHBOARD_URL: 'https://lyttepost.kommune.no' }).LYTTEPOST_DASHBOARD_URL).toBe(
      'https://lyttepost.kommune.no',
    );
    expect(() => loadConfig({ LYTTEPOST_DASHBOARD_URL: 'lyttepost.kommune.no' })).toThrow(/LYTTEPOST_DASHBOARD_URL: expected/);
  });

  test('treats empty strings as unset', () => {
    const cfg = loadConfig({ DATABASE_URL: '', REDIS_URL: '', PORT: '' });
    expect(cfg.DATABASE_URL).toBeUndefined();
    expect(cfg.REDIS_URL).toBeUndefined();
    expect(cfg.PORT).toBe(8080);
  });
});
