import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { ensureWritableDir } from './data-dir.js';

/**
 * Liveness for processes without an HTTP port (worker, scheduler): each writes a heartbeat file into
 * `<data dir>/health/` every few seconds; `lyttepost health --process <kind>` reports whether one is fresh.
 */
export type Heartbeat = { process: string; pid: number; at: string; detail?: Record<string, unknown> };

const dirOf = (dataDir: string) => path.resolve(dataDir, 'health');

export function startHeartbeat(
  dataDir: string,
  processKind: string,
  detail: () => Record<string, unknown> = () => ({}),
  everyMs = 5_000,
): () => void {
  const dir = dirOf(dataDir);
  ensureWritableDir(dir, 'LYTTEPOST_DATA_DIR');
  const file = path.join(dir, `${processKind}-${process.pid}.json`);
  const beat = () => {
    const hb: Heartbeat = { process: processKind, pid: process.pid, at: new Date().toISOString(), detail: detail() };
    writeFileSync(file, JSON.stringify(hb));
  };
  beat();
  const t = setInterval(beat, everyMs);
  t.unref();
  return () => {
    clearInterval(t);
    rmSync(file, { force: true });
  };
}

export function readHeartbeats(dataDir: string, processKind?: string): Heartbeat[] {
  let files: string[];
  try {
    files = readdirSync(dirOf(dataDir));
  } catch {
    return [];
  }
  return files
    .filter((f) => f.endsWith('.json') && (!processKind || f.startsWith(`${processKind}-`)))
    .flatMap((f) => {
      try {
        return [JSON.parse(readFileSync(path.join(dirOf(dataDir), f), 'utf8')) as Heartbeat];
      } catch {
        return [];
      }
    });
}
