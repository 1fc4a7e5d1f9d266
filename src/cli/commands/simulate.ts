import { runSimulate } from '../../simulator/run.js';
import type { Command } from '../command.js';
import { intOpt } from '../parse.js';

export const simulateCommand: Command = {
  path: ['simulate'],
  summary: 'run the platform simulator alone (Facebook and Instagram Graph, YouTube Data v3, X v2 and Bluesky on one loopback origin)',
  usage: 'simulate [--port p] [--seed s] [--municipalities n] [--weeks w]',
  longRunning: true,
  options: {
    port: { type: 'string', description: 'port on 127.0.0.1 (0 = any free port)', valueName: '<p>', default: '4010' },
    seed: {
      type: 'string',
      description: 'seed of the generated world; the same seed gives byte-identical responses',
      valueName: '<s>',
      default: '7',
    },
    municipalities: { type: 'string', description: 'how many municipalities (of 357) to simulate', valueName: '<n>', default: '20' },
    weeks: { type: 'string', description: 'weeks of history before the current week', valueName: '<w>', default: '8' },
  },
  details:
    'Point Lyttepost at it with FACEBOOK_GRAPH_URL, YOUTUBE_API_URL, X_API_URL and BLUESKY_API_URL set to the printed URL.\n' +
    'Admin endpoints: GET /_sim/accounts, GET /_sim/truth?now=<iso>, GET /_sim/stats, POST|DELETE /_sim/faults.',
  async run(args, ctx) {
    const sim = await runSimulate({
      port: intOpt(this, args, 'port', 0, 65535) ?? 4010,
      seed: intOpt(this, args, 'seed', 0, 2 ** 31 - 1) ?? 7,
      municipalities: intOpt(this, args, 'municipalities', 1, 357) ?? 20,
      weeks: intOpt(this, args, 'weeks', 1, 156) ?? 8,
      log: (line) => ctx.stdout.write(line + '\n'),
      clock: ctx.clock,
    });
    await new Promise<void>((resolve) => ctx.shutdownSignal.addEventListener('abort', () => resolve(), { once: true }));
    await sim.close();
    return 0;
  },
};
