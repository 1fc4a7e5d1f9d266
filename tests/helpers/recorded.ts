import { readdirSync, readFileSync } from 'node:fs';

/** One recorded platform response (tests/fixtures/recorded/README.md). */
export type Recorded = {
  file: string;
  platform: 'facebook' | 'youtube' | 'x' | 'instagram' | 'bluesky';
  name: string;
  source: { repository: string | null; path: string; commit: string | null; item?: string };
  edited: string | null;
  exercises: string;
  request: { method: string; path: string };
  response: { status: number; headers: Record<string, string>; body: unknown };
};

const DIR = new URL('../fixtures/recorded/', import.meta.url);

export function recorded(platform: Recorded['platform'], name: string): Recorded {
  const raw = JSON.parse(readFileSync(new URL(`${platform}/${name}.json`, DIR), 'utf8')) as Omit<Recorded, 'file' | 'platform' | 'name'>;
  return { ...raw, file: `${platform}/${name}.json`, platform, name };
}

export function allRecorded(): Recorded[] {
  return (['facebook', 'youtube', 'x', 'bluesky'] as const).flatMap((p) =>
    readdirSync(new URL(`${p}/`, DIR))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => recorded(p, f.replace(/\.json$/, ''))),
  );
}

/** The recorded responses of one platform (platforms with contract tests of their own, e.g. Instagram). */
export function recordedOf(platform: Recorded['platform']): Recorded[] {
  return readdirSync(new URL(`${platform}/`, DIR))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => recorded(platform, f.replace(/\.json$/, '')));
}

/** The recorded body (a deep copy: tests may edit it). */
export function body<T = Record<string, unknown>>(r: Recorded): T {
  return structuredClone(r.response.body) as T;
}
