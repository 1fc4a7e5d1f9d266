import { readFileSync } from 'node:fs';

import type { NormaliseCtx } from '../../../src/collectors/collector.js';
import { makePseudonymiser } from '../../../src/privacy/pseudonymise.js';

/** Reads a recorded, scrubbed platform response from tests/fixtures. */
export function readFixture(path: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8'));
}

export const FETCHED_AT = new Date('2026-11-17T12:00:00Z');
export const pseudonymise = makePseudonymiser('unit-test-secret-unit-test-secret-0123');

export function ctxFor(accountExternalId: string, responders: string[]): NormaliseCtx {
  return {
    accountId: '7',
    accountExternalId,
    responders: new Set([accountExternalId, ...responders]),
    pseudonymise,
    fetchedAt: FETCHED_AT,
  };
}
