/**
 * The topic classifier's held-out set is frozen: it was committed alone, with its checksum, before any rule
 * of the classifier existed (tests/fixtures/topics/README.md). Editing it would make the published held-out
 * figures meaningless, so a changed byte fails here.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const FIXTURES = new URL('../../fixtures/topics/', import.meta.url);

describe('topic held-out set', () => {
  it('is byte for byte the frozen file', () => {
    const raw = readFileSync(new URL('heldout.jsonl', FIXTURES));
    const recorded = readFileSync(new URL('heldout.sha256', FIXTURES), 'utf8').split(/\s+/u)[0];
    expect(createHash('sha256').update(raw).digest('hex')).toBe(recorded);
    expect(recorded).toBe('2e783e33c634c76eeedeca1179b7f1300d0c4f66c37b73ffb76d97d2d13b4bed');
  });
});
