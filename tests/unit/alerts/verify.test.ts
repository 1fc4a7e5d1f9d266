import { describe, expect, test } from 'vitest';

import { judgeLive, type VerifyQuestion } from '../../../src/alerts/verify.js';
import type { ItemRecord } from '../../../src/domain/records.js';

const q: VerifyQuestion = {
  platform: 'facebook',
  accountId: '1',
  accountExternalId: 'PAGE',
  responders: new Set(['PAGE']),
  rootExternalId: 'POST',
  branchExternalId: 'C1',
  turnExternalIds: ['C1'],
  askedAt: new Date('2026-11-16T09:00:00Z'),
};

const item = (id: string, parent: string, role: 'owner' | 'citizen', at: string, hidden = false): ItemRecord => ({
  platform: 'facebook',
  externalId: id,
  accountId: '1',
  kind: 'comment',
  parentExternalId: parent,
  rootExternalId: 'POST',
  authorRole: role,
  authorKey: role === 'owner' ? 'PAGE' : 'r',
  createdAt: new Date(at),
  editedAt: null,
  hiddenAt: hidden ? new Date(at) : null,
  text: null,
  permalink: null,
});

describe('judging a live re-read', () => {
  test('an owner reply in the branch after the question answers it, at any depth', () => {
    const live = [
      item('C1', 'POST', 'citizen', '2026-11-16T09:00:00Z'),
      item('C2', 'C1', 'citizen', '2026-11-16T09:05:00Z'),
      item('C3', 'C2', 'owner', '2026-11-16T10:00:00Z'),
    ];
    expect(judgeLive(q, live, true)).toEqual({ status: 'answered', answeredAt: new Date('2026-11-16T10:00:00Z') });
  });

  test('an owner reply in another branch, or before the question, does not', () => {
    const live = [
      item('C0', 'POST', 'owner', '2026-11-16T10:00:00Z'),
      item('C1', 'POST', 'citizen', '2026-11-16T09:00:00Z'),
      item('C5', 'C0', 'owner', '2026-11-16T10:30:00Z'),
    ];
    expect(judgeLive(q, live, true)).toEqual({ status: 'open' });
  });

  test('a question missing from a complete read is deleted; hidden is hidden; partial reads say unknown', () => {
    expect(judgeLive(q, [item('C9', 'POST', 'citizen', '2026-11-16T09:00:00Z')], true)).toEqual({ status: 'deleted' });
    expect(judgeLive(q, [item('C1', 'POST', 'citizen', '2026-11-16T09:00:00Z', true)], true)).toEqual({ status: 'hidden' });
    expect(judgeLive(q, [], false).status).toBe('unknown');
  });

  test('a turn stays open while any of its items is visible', () => {
    const turn = { ...q, turnExternalIds: ['C1', 'C2'] };
    expect(judgeLive(turn, [item('C2', 'C1', 'citizen', '2026-11-16T09:01:00Z')], true)).toEqual({ status: 'open' });
  });

  test('for a citizen post the whole thread is the branch', () => {
    const post = { ...q, rootExternalId: 'VP', branchExternalId: 'VP', turnExternalIds: ['VP'] };
    const vp: ItemRecord = {
      ...item('VP', 'x', 'citizen', '2026-11-16T09:00:00Z'),
      kind: 'post',
      parentExternalId: null,
      rootExternalId: 'VP',
    };
    const reply: ItemRecord = { ...item('R1', 'VP', 'owner', '2026-11-16T09:30:00Z'), rootExternalId: 'VP' };
    expect(judgeLive(post, [vp, reply], true).status).toBe('answered');
    expect(judgeLive(post, [vp], true).status).toBe('open');
  });
});
