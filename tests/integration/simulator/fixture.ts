import { request } from 'node:http';
import { fixedClock } from '../../../src/clock.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../src/simulator/server.js';
import { generateWorld, type SimAccount, type World } from '../../../src/simulator/world.js';

/** The acceptance world: seed 7, 20 municipalities, Jan–Jun 2026, clock frozen on 2026-06-01 12:00Z. */
export const NOW = '2026-06-01T12:00:00Z';

export function acceptanceWorld(seed = 7): World {
  return generateWorld({ seed, municipalities: 20, start: new Date('2026-01-05T00:00:00Z'), end: new Date('2026-06-30T00:00:00Z') });
}

export async function start(world: World, extra: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  return startSimulator({ world, clock: fixedClock(NOW), ...extra });
}

export type Got = {
  status: number;
  headers: Headers;
  text: string; // Parsed JSON of an external wire format: tests index into it freely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
};

/**
 * GET without connection pooling: tests start servers one after another on the same port, and a pooled
 * keep-alive socket to a closed server would fail the next test's first call.
 */
export function get(base: string, path: string, headers: Record<string, string> = {}, timeoutMs = 10_000): Promise<Got> {
  const url = new URL(path.startsWith('http') ? path : base + path);
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = null;
        try {
          body = JSON.parse(text);
        } catch {
          body = null;
        }
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
        resolve({ status: res.statusCode ?? 0, headers: h, text, body });
      });
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

export function first(world: World, platform: SimAccount['platform']): SimAccount {
  const a = world.accounts.find((x) => x.platform === platform);
  if (!a) throw new Error(`no ${platform} account`);
  return a;
}

/** The busiest account of a platform (most items), so lists have several pages. */
export function busiest(world: World, platform: SimAccount['platform']): SimAccount {
  let best: SimAccount | null = null;
  let n = -1;
  for (const a of world.accounts.filter((x) => x.platform === platform && !x.name.includes('Teknisk'))) {
    const c = world.data(a.externalId).items.filter((i) => i.createdAt <= Date.parse(NOW)).length;
    if (c > n) {
      n = c;
      best = a;
    }
  }
  if (!best) throw new Error('no account');
  return best;
}
