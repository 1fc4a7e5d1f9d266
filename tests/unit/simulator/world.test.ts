import { describe, expect, test } from 'vitest';
import { groundTruth } from '../../../src/simulator/truth.js';
import { generateWorld, type SimOptions } from '../../../src/simulator/world.js';

const opts: SimOptions = { seed: 7, municipalities: 20, start: new Date('2026-01-05T00:00:00Z'), end: new Date('2026-03-30T00:00:00Z') };

describe('generateWorld', () => {
  test('is deterministic: same options give identical accounts and items, whatever order accounts are generated in', () => {
    const a = generateWorld(opts);
    const b = generateWorld(opts);
    expect(JSON.stringify(a.accounts)).toBe(JSON.stringify(b.accounts));
    const ids = a.accounts.map((x) => x.externalId);
    const last = ids[ids.length - 1] ?? '';
    expect(JSON.stringify(b.data(last).items)).toBe(JSON.stringify(a.data(last).items));
    for (const id of ids.slice(0, 5)) expect(JSON.stringify(b.data(id).items)).toBe(JSON.stringify(a.data(id).items));
  });

  test('a different seed gives different municipalities and data', () => {
    const a = generateWorld(opts);
    const b = generateWorld({ ...opts, seed: 8 });
    expect(a.municipalities.map((m) => m.code)).not.toEqual(b.municipalities.map((m) => m.code));
  });

  test('municipalities spread over counties, one account per platform, some second Facebook Pages', () => {
    const w = generateWorld(opts);
    expect(w.municipalities).toHaveLength(20);
    expect(new Set(w.municipalities.map((m) => m.countyCode)).size).toBe(15);
    for (const m of w.municipalities) {
      const accs = w.accounts.filter((a) => a.municipalityCode === m.code);
      expect(accs.filter((a) => a.platform === 'youtube')).toHaveLength(1);
      expect(accs.filter((a) => a.platform === 'x')).toHaveLength(1);
      expect(accs.filter((a) => a.platform === 'facebook').length).toBeGreaterThanOrEqual(1);
    }
    const all = generateWorld({ ...opts, municipalities: 357 });
    const secondPages = all.accounts.filter((a) => a.platform === 'facebook').length - 357;
    expect(secondPages / 357).toBeGreaterThan(0.12);
    expect(secondPages / 357).toBeLessThan(0.28);
    // A quarter of the municipalities are on Bluesky, each with one account.
    const bluesky = all.accounts.filter((a) => a.platform === 'bluesky');
    expect(new Set(bluesky.map((a) => a.municipalityCode)).size).toBe(bluesky.length);
    expect(bluesky.length / 357).toBeGreaterThan(0.18);
    expect(bluesky.length / 357).toBeLessThan(0.32);
    expect(new Set(all.accounts.map((a) => a.externalId)).size).toBe(all.accounts.length);
  });

  test('ids look like the platforms', () => {
    const w = generateWorld(opts);
    for (const a of [...w.accounts.slice(0, 9), ...w.accounts.filter((x) => x.platform === 'bluesky').slice(0, 2)]) {
      const d = w.data(a.externalId);
      const post = d.items.find((i) => i.kind === 'post' && i.authorRole === 'owner');
      const comment = d.items.find((i) => i.kind === 'comment');
      if (a.platform === 'facebook') {
        expect(a.externalId).toMatch(/^\d{15}$/);
        expect(post?.id).toMatch(new RegExp(`^${a.externalId}_\\d{16}$`));
        expect(comment?.id).toMatch(/^\d{16}_\d{16}$/);
      } else if (a.platform === 'youtube') {
        expect(a.externalId).toMatch(/^UC[\w-]{22}$/);
        expect(post?.id).toMatch(/^[\w-]{11}$/);
        if (comment) expect(comment.id).toMatch(/^Ugx[\w-]{14}4AaABAg(\.[\w-]{22})?$/);
      } else if (a.platform === 'bluesky') {
        expect(a.externalId).toMatch(/^did:plc:[a-z2-7]{24}$/);
        expect(a.handle).toMatch(/^[a-z]+\.kommune\.no$/);
        // AT-URIs in the author's repository, with 13-character TIDs as record keys.
        expect(post?.id).toMatch(new RegExp(`^at://${a.externalId}/app\\.bsky\\.feed\\.post/[2-7a-z]{13}$`));
        if (comment) expect(comment.id).toMatch(new RegExp(`^at://${comment.authorId}/app\\.bsky\\.feed\\.post/[2-7a-z]{13}$`));
      } else if (a.platform === 'instagram') {
        // IG user ids 17841…; media and comment ids of 17–18 digits carrying the account's prefix.
        expect(a.externalId).toMatch(/^17841\d{12}$/);
        if (post) expect(post.id).toMatch(/^18\d{16}$/);
        if (comment) expect(comment.id).toMatch(/^17\d{15}$/);
      } else {
        expect(post?.id).toMatch(/^\d{19}$/);
      }
    }
  });

  test('activity looks like municipal social media', () => {
    const w = generateWorld({ ...opts, end: new Date('2026-12-28T00:00:00Z') });
    const t = groundTruth(w, { now: new Date('2026-12-28T00:00:00Z') });
    const citizens = t.items.filter((i) => i.authorRole === 'citizen');
    const share = (p: (i: (typeof citizens)[number]) => boolean): number => citizens.filter(p).length / citizens.length;
    expect(share((i) => i.lang === 'nn')).toBeGreaterThan(0.08);
    expect(share((i) => i.lang === 'en')).toBeGreaterThan(0.01);
    expect(share((i) => i.needsAnswer)).toBeGreaterThan(0.2);
    expect(t.items.some((i) => /\b\d{11}\b/.test(i.text))).toBe(true); // a fake fødselsnummer
    expect(t.items.some((i) => i.deletedAt)).toBe(true);
    expect(t.items.some((i) => i.hiddenAt)).toBe(true);
    expect(t.items.some((i) => i.editedAt)).toBe(true);
    expect(Math.max(...t.items.filter((i) => i.platform === 'facebook').map((i) => i.depth))).toBeGreaterThanOrEqual(3);
    expect(Math.max(...t.items.filter((i) => i.platform === 'youtube').map((i) => i.depth))).toBe(2);
    expect(Math.max(...t.items.filter((i) => i.platform === 'x').map((i) => i.depth))).toBeGreaterThanOrEqual(3);
    // Instagram: one reply level, hidden comments, no edits of comments.
    const ig = t.items.filter((i) => i.platform === 'instagram');
    expect(Math.max(...ig.map((i) => i.depth))).toBe(2);
    expect(ig.some((i) => i.hiddenAt)).toBe(true);
    expect(ig.some((i) => i.kind === 'comment' && i.editedAt)).toBe(false);
    expect(t.items.some((i) => i.kind === 'post' && i.authorRole === 'citizen' && i.platform === 'facebook')).toBe(true);
    // Response rates differ between municipalities.
    const rates = w.municipalities.map((m) => {
      let q = 0;
      let a = 0;
      for (const acc of w.accounts.filter((x) => x.municipalityCode === m.code && x.platform === 'facebook'))
        for (const wk of Object.values(t.weeks[acc.externalId] ?? {})) {
          q += wk.questions;
          a += wk.questionsAnswered;
        }
      return q ? a / q : 0;
    });
    expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThan(0.2);
    // A year of four platforms for 20 municipalities: more than the unit default on a loaded machine.
  }, 30_000);
});
