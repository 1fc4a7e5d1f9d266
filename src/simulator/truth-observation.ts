import { likesAt, sharesAt, visible } from './engagement.js';
import type { AccountData, SimItem } from './world.js';

/**
 * What collection passes observe of the world (INDICATORS.md, clarifications of version 1; see truth.ts):
 * when an item was first seen and seen removed, the engagement snapshots a pass takes of a post, and which
 * snapshot a post's counts come from.
 */

/** Engagement counts come from a snapshot at most this long after the post (INDICATORS.md). */
export const ENGAGEMENT_WINDOW_MS = 7 * 86_400_000;
/** How long after a post the passes keep measuring it (beyond its first read). */
export const SNAPSHOT_DAYS = 8;

export type TruthSnapshot = { capturedAt: string; likes: number; comments: number | null; shares: number | null };

/** The first of the ascending `passes` at or after `ms`; null when none. */
export function firstPassFrom(passes: readonly number[], ms: number): number | null {
  let lo = 0;
  let hi = passes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((passes[mid] as number) < ms) lo = mid + 1;
    else hi = mid;
  }
  return passes[lo] ?? null;
}

/** How a collector saw an item's removal (see the module comment). */
export function removalSeen(
  it: SimItem,
  now: number,
  passes: readonly number[],
): { firstSeen: number | null; hiddenSeen: number | null; deletedSeen: number | null; removedAt: number | null } {
  const firstSeen = firstPassFrom(passes, it.createdAt);
  const hiddenSeen = it.hiddenAt === null || it.hiddenAt > now ? null : firstPassFrom(passes, it.hiddenAt);
  const deletedSeen = it.deletedAt === null || it.deletedAt > now ? null : firstPassFrom(passes, it.deletedAt);
  const first = hiddenSeen === null ? deletedSeen : deletedSeen === null ? hiddenSeen : Math.min(hiddenSeen, deletedSeen);
  return { firstSeen, hiddenSeen, deletedSeen, removedAt: first === null ? null : first === firstSeen ? it.createdAt : first };
}

/**
 * The totals a platform reports for a post at `at`, as the simulated APIs give them to a Page/channel owner:
 * Facebook reactions, comments at every depth under visible parents (`filter(stream)`) and shares; YouTube likes
 * and every visible comment of the video (none when comments are disabled), no shares; X and Bluesky likes, direct
 * replies, and reposts + quotes.
 */
export function reportedCounts(data: AccountData, post: SimItem, at: number): Omit<TruthSnapshot, 'capturedAt'> {
  const likes = likesAt(post, at);
  if (post.platform === 'youtube') {
    let comments = 0;
    for (const c of data.threads.get(post.id) ?? []) if (c.id !== post.id && visible(c, at)) comments++;
    return { likes, comments: post.commentsDisabled ? null : comments, shares: null };
  }
  if (post.platform === 'instagram') {
    // comments_count: every visible comment and reply of the medium (hidden ones included); no shares.
    let comments = 0;
    for (const c of data.threads.get(post.id) ?? []) if (c.id !== post.id && visible(c, at)) comments++;
    return { likes, comments, shares: null };
  }
  if (post.platform === 'x' || post.platform === 'bluesky') {
    const shares = sharesAt(post, at);
    const replies = (data.children.get(post.id) ?? []).filter((c) => visible(c, at)).length;
    return { likes, comments: replies, shares: shares + Math.floor(shares / 10) };
  }
  return { likes, comments: visibleSubtreeCount(data, post.id, at), shares: sharesAt(post, at) };
}

/** How many visible items lie under `id` through visible parents at `at` (what visibleSubtree lists). */
function visibleSubtreeCount(data: AccountData, id: string, at: number): number {
  let n = 0;
  for (const c of data.children.get(id) ?? []) if (visible(c, at)) n += 1 + visibleSubtreeCount(data, c.id, at);
  return n;
}

/** The snapshots the passes took of a broadcast post: at every pass reading it (see the module comment). */
export function snapshotsOf(data: AccountData, post: SimItem, now: number, passes: readonly number[]): TruthSnapshot[] {
  const out: TruthSnapshot[] = [];
  const first = firstPassFrom(passes, post.createdAt);
  for (const p of passes) {
    if (p < post.createdAt || p > now || !visible(post, p)) continue;
    if (p !== first && p - post.createdAt > SNAPSHOT_DAYS * 86_400_000) break;
    out.push({ capturedAt: new Date(p).toISOString(), ...reportedCounts(data, post, p) });
  }
  return out;
}

/** The snapshot a post's engagement counts come from, and whether it was taken after the 7-day window. */
export function chosenSnapshot(createdAt: number, snapshots: readonly TruthSnapshot[]): { snapshot: TruthSnapshot; late: boolean } | null {
  let within: TruthSnapshot | null = null;
  for (const s of snapshots) {
    const at = Date.parse(s.capturedAt);
    if (at <= createdAt + ENGAGEMENT_WINDOW_MS) within = s;
    else return within ? { snapshot: within, late: false } : { snapshot: s, late: true };
  }
  return within ? { snapshot: within, late: false } : null;
}

export const NO_SNAPSHOTS: readonly TruthSnapshot[] = Object.freeze([]);

/**
 * The account's items a collector could have read at all: those visible at one of the passes. An item created and
 * deleted between two passes was never on the platform when anyone looked (a first backfill sees none of the items
 * deleted before it). Only leaves are deleted, so no kept item loses its parent.
 */
export function seenByPasses(data: AccountData, passes: readonly number[]): AccountData {
  const seen = (it: SimItem): boolean => it.deletedAt === null || passes.some((p) => p >= it.createdAt && p < (it.deletedAt as number));
  if (data.items.every(seen)) return data;
  const items = data.items.filter(seen);
  const byId = new Map(items.map((it) => [it.id, it]));
  const children = new Map<string, SimItem[]>();
  const threads = new Map<string, SimItem[]>();
  for (const it of items) {
    if (it.parentId) children.set(it.parentId, [...(children.get(it.parentId) ?? []), it]);
    threads.set(it.rootId, [...(threads.get(it.rootId) ?? []), it]);
  }
  return { spec: data.spec, items, byId, children, threads };
}
