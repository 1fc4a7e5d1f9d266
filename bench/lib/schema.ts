import { randomBytes } from 'node:crypto';

/**
 * The schema a benchmark writes its history into. `keepVar`, when set in the environment, names a schema to keep
 * and reuse on the next run (generating a national history takes minutes); otherwise a throw-away schema named
 * `<prefix>_<random>`, which the benchmark drops at the end.
 */
export function benchSchema(keepVar: string, prefix: string): { schema: string; keep: boolean } {
  const kept = process.env[keepVar];
  if (kept === undefined) return { schema: `${prefix}_${randomBytes(4).toString('hex')}`, keep: false };
  if (!/^[a-z_][a-z0-9_]*$/.test(kept)) throw new Error(`${keepVar} must be a plain identifier (lower-case letters, digits, _)`);
  return { schema: kept, keep: true };
}
