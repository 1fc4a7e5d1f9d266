import type { AccountData, AccountSpec, SimItem } from './world.js';
import { DAY } from './oslo.js';

/**
 * Counts that move after publication, as deterministic functions of time: a count approaches its final value
 * as 1 − e^(−age/τ), so two reads at the same clock give the same number and later reads never give less.
 */

const HOUR = 3_600_000;

function grow(final: number, ageMs: number, tauHours: number): number {
  if (ageMs <= 0 || final <= 0) return 0;
  return Math.floor(final * (1 - Math.exp(-ageMs / (tauHours * HOUR))));
}

export function likesAt(item: SimItem, now: number): number {
  return grow(item.likes, now - item.createdAt, item.growthHours);
}

export function sharesAt(item: SimItem, now: number): number {
  return grow(item.shares, now - item.createdAt, item.growthHours * 1.5);
}

export function viewsAt(item: SimItem, now: number): number {
  return grow(item.views, now - item.createdAt, item.growthHours * 2);
}

/** Followers (subscribers) of an account: grows slowly and linearly from the world's start. */
export function followersAt(spec: AccountSpec, worldStart: number, now: number): number {
  return Math.max(0, Math.floor(spec.followersAtStart + (spec.followersPerDay * (now - worldStart)) / DAY));
}

/** True when the item exists at `now` and has not been deleted by then. */
export function visible(item: SimItem, now: number): boolean {
  return item.createdAt <= now && (item.deletedAt === null || item.deletedAt > now);
}

export function hiddenAt(item: SimItem, now: number): boolean {
  return item.hiddenAt !== null && item.hiddenAt <= now;
}

/** The text as it reads at `now` (before or after its edit). */
export function textAt(item: SimItem, now: number): string {
  return item.editedAt !== null && item.editedAt > now && item.textBefore !== null ? item.textBefore : item.text;
}

/** Visible direct replies of `id` at `now`. */
export function visibleChildren(data: AccountData, id: string, now: number): SimItem[] {
  return (data.children.get(id) ?? []).filter((c) => visible(c, now));
}

/** Visible descendants of a thread root at `now` (excluding the root), in time order. */
export function visibleDescendants(data: AccountData, rootId: string, now: number): SimItem[] {
  return (data.threads.get(rootId) ?? []).filter((c) => c.id !== rootId && visible(c, now));
}

/** Visible descendants of any item, in time order. */
export function visibleSubtree(data: AccountData, id: string, now: number): SimItem[] {
  const out: SimItem[] = [];
  const walk = (pid: string): void => {
    for (const c of data.children.get(pid) ?? []) {
      if (!visible(c, now)) continue;
      out.push(c);
      walk(c.id);
    }
  };
  walk(id);
  return out.sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
}
