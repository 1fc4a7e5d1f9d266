/**
 * Continuous percentile with linear interpolation between the two nearest ranks, exactly as Postgres
 * `percentile_cont(f) within group (order by x)`: position (n − 1)·f in the sorted values. Null when empty.
 */
export function percentileCont(values: readonly number[], fraction: number): number | null {
  if (values.length === 0) return null;
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`percentile fraction must be in [0, 1], got ${fraction}`);
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * fraction;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return hi === lo ? a : a + (b - a) * (pos - lo);
}
