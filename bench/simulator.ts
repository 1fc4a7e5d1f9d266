import { request } from 'node:http';
import { pathToFileURL } from 'node:url';
import { fixedClock } from '../src/clock.js';
import { startSimulator } from '../src/simulator/server.js';
import { groundTruth } from '../src/simulator/truth.js';
import { generateWorld } from '../src/simulator/world.js';
import type { BenchResult } from './run.js';

/**
 * Platform simulator at full scale: one year for all 357 municipalities (3 accounts each, plus the second
 * Facebook Pages). Measures startup (generate + listen; activity is generated lazily per account), requests/s
 * for a Facebook post listing (cold: first touch generates the account; warm: cached), the time to a complete
 * weekly ground truth, and peak RSS throughout.
 */

function getStatus(url: string, agent: import('node:http').Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

export default async function bench(): Promise<BenchResult> {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const { Agent } = await import('node:http');
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  try {
    const t0 = performance.now();
    // The three platforms of the earlier runs (Instagram joined the default world in issue 24), so numbers stay comparable.
    const world = generateWorld({
      seed: 7,
      municipalities: 357,
      start: new Date('2025-12-29T00:00:00Z'),
      end: new Date('2026-12-28T00:00:00Z'),
      platforms: ['facebook', 'youtube', 'x'],
    });
    const now = new Date('2026-12-28T00:00:00Z');
    const sim = await startSimulator({ world, clock: fixedClock(now) });
    const startupMs = performance.now() - t0;
    const pages = world.accounts.filter((a) => a.platform === 'facebook');

    const list = async (n: number, concurrency: number, offset: number): Promise<number> => {
      let next = 0;
      const t = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < n) {
            const p = pages[(offset + next++) % pages.length];
            if (!p) continue;
            const status = await getStatus(
              `${sim.url}/v24.0/${p.externalId}/posts?fields=id,message,created_time,comments.limit(0).summary(true),reactions.limit(0).summary(true)&limit=25&access_token=${p.token}`,
              agent,
            );
            if (status !== 200) throw new Error(`status ${status}`);
          }
        }),
      );
      return n / ((performance.now() - t) / 1000);
    };
    const coldRps = await list(pages.length, 8, 0); // every Page once: each first touch generates a year of activity
    const warmPages = pages.slice(0, 50);
    const warmT = performance.now();
    let done = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (done < 3000) {
          const p = warmPages[done++ % warmPages.length];
          if (p)
            await getStatus(
              `${sim.url}/v24.0/${p.externalId}/posts?fields=id,message,created_time,comments.limit(0).summary(true),reactions.limit(0).summary(true)&limit=25&access_token=${p.token}`,
              agent,
            );
        }
      }),
    );
    const warmRps = 3000 / ((performance.now() - warmT) / 1000);

    const peakRssServing = Math.max(peakRss, process.memoryUsage().rss);
    const tt = performance.now();
    const truth = groundTruth(world, { now, includeItems: false });
    const truthMs = performance.now() - tt;
    let questions = 0;
    let answered = 0;
    for (const weeks of Object.values(truth.weeks))
      for (const w of Object.values(weeks)) {
        questions += w.questions;
        answered += w.questionsAnswered;
      }
    await sim.close();
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return {
      name: 'simulator',
      command: 'npx tsx bench/simulator.ts',
      metrics: {
        municipalities: world.municipalities.length,
        accounts: world.accounts.length,
        startupMs: Math.round(startupMs),
        coldListingRps: Math.round(coldRps),
        warmListingRps: Math.round(warmRps),
        truthAllAccountsMs: Math.round(truthMs),
        truthQuestions: questions,
        truthResponseRate: Number((answered / Math.max(1, questions)).toFixed(3)),
        peakRssServingMb: Math.round(peakRssServing / 1024 / 1024),
        peakRssMb: Math.round(peakRss / 1024 / 1024),
      },
      notes:
        'One year (2025-W01…2026-W52) for all 357 municipalities. Startup = generateWorld + listen (activity is generated per account on first use and cached within a budget). Cold = first listing of every Facebook Page (includes generating that account); warm = repeated listings of 50 cached Pages; 8 concurrent keep-alive clients on loopback. truthAllAccountsMs = weekly ground truth for every account (generates all of them).',
    };
  } finally {
    clearInterval(sampler);
    agent.destroy();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  bench().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
