import { systemClock, type Clock } from '../clock.js';
import { DAY, WEEK, osloWeekStart } from './oslo.js';
import { startSimulator } from './server.js';
import { generateWorld } from './world.js';

/**
 * `lyttepost simulate`: generates `weeks` of history up to now (and two weeks ahead, served as the clock
 * reaches it), serves it, and prints the URL, every account with its token, and the admin endpoints.
 * History starts on the Monday (Oslo) `weeks` weeks back, so runs in the same week see the same world.
 */
export async function runSimulate(opts: {
  port: number;
  seed: number;
  municipalities: number;
  weeks: number;
  log: (line: string) => void;
  clock?: Clock;
  host?: string;
}): Promise<{ close(): Promise<void>; url: string }> {
  const clock = opts.clock ?? systemClock;
  const now = clock().getTime();
  const start = osloWeekStart(now) - opts.weeks * WEEK;
  const end = osloWeekStart(now) + 2 * WEEK + DAY;
  const world = generateWorld({ seed: opts.seed, municipalities: opts.municipalities, start: new Date(start), end: new Date(end) });
  const sim = await startSimulator({ world, port: opts.port, host: opts.host, clock });
  const { log } = opts;
  log(`Platform simulator listening on ${sim.url}`);
  log(
    `seed ${opts.seed}, ${world.municipalities.length} municipalities, ${world.accounts.length} accounts, history from ${new Date(start).toISOString()}`,
  );
  log(
    `Point the collectors here: FACEBOOK_GRAPH_URL=${sim.url} YOUTUBE_API_URL=${sim.url} X_API_URL=${sim.url} BLUESKY_API_URL=${sim.url}`,
  );
  log('');
  log('platform  municipality  external id               handle                 token');
  for (const a of world.accounts) {
    log(`${a.platform.padEnd(9)} ${a.municipalityCode.padEnd(13)} ${a.externalId.padEnd(25)} ${a.handle.padEnd(22)} ${a.token}`);
  }
  log('');
  log(
    `shared tokens: facebook app ${world.shared.facebookApp} · YOUTUBE_API_KEY=${world.shared.youtubeKey} · X_BEARER_TOKEN=${world.shared.xBearer}`,
  );
  log('');
  log('admin endpoints:');
  log(`  GET    ${sim.url}/_sim/accounts                accounts, tokens and shared tokens as JSON`);
  log(
    `  GET    ${sim.url}/_sim/truth?now=<iso>[&account=<id,…>][&items=false]   ground truth (questions, answers, response times per ISO week)`,
  );
  log(`  GET    ${sim.url}/_sim/stats                   calls per platform/endpoint, YouTube quota units per key (DELETE resets)`);
  log(`  POST   ${sim.url}/_sim/faults                  inject a fault: {"kind":"rate_limit","platform":"x","count":3}`);
  log(`  GET    ${sim.url}/_sim/faults · DELETE ${sim.url}/_sim/faults[?id=f1]`);
  return { url: sim.url, close: () => sim.close() };
}
