/**
 * A small in-process cache for aggregate answers (sector and county trends, distributions): they change only
 * when the indicators are recomputed, and a dashboard full of KS analysts asks for the same two years again
 * and again. Entries live `ttlMs` (default 5 s, 0 disables) and are keyed by the viewer class (admin sees
 * unsuppressed figures, everyone else the suppressed view) and the validated query, never by a key.
 * Access checks run before the cache is consulted.
 */
export type AggregateCache = {
  get<T>(key: string, load: () => Promise<T>): Promise<T>;
};

export function makeAggregateCache(ttlMs: number, clock: () => Date, maxEntries = 500): AggregateCache {
  const entries = new Map<string, { at: number; value: Promise<unknown> }>();
  return {
    async get<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (ttlMs <= 0) return load();
      const now = clock().getTime();
      const hit = entries.get(key);
      if (hit && now - hit.at < ttlMs) return hit.value as Promise<T>;
      // Concurrent misses share one load; a failed load is not kept.
      const value = load();
      entries.set(key, { at: now, value });
      value.catch(() => entries.delete(key));
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      return value;
    },
  };
}
