import { buildApp } from '../../api/app.js';
import { shutdownInOrder } from '../../lifecycle.js';
import { openRuntime } from '../../runtime.js';
import { resolveSecret } from '../../secret.js';
import type { Command } from '../command.js';
import { intOpt, stringOpt } from '../parse.js';

export const serveCommand: Command = {
  path: ['serve'],
  summary: 'serve the HTTP API (/api/v1) and the dashboard until SIGINT/SIGTERM',
  usage: 'serve [--port <port>] [--host <address>]',
  longRunning: true,
  options: {
    port: { type: 'string', description: 'TCP port (default: PORT, else 8080)', valueName: '<port>' },
    host: { type: 'string', description: 'address to listen on', valueName: '<address>', default: '0.0.0.0' },
  },
  details:
    'Create a key first: `lyttepost keys create --role admin`. The API is described at /api/v1/openapi.json and in\n' +
    'docs/api.md; health at /healthz and /readyz, Prometheus metrics at /metrics (from this host, with the scrape\n' +
    'token LYTTEPOST_METRICS_TOKEN, or with an admin key).',
  async run(args, ctx) {
    const port = intOpt(this, args, 'port', 0, 65535);
    const host = stringOpt(args, 'host') ?? '0.0.0.0';
    const rt = await openRuntime({ env: ctx.env, clock: ctx.clock });
    const log = rt.log.child({ module: 'serve' });
    const app = buildApp({
      db: rt.db,
      log: rt.log,
      clock: rt.clock,
      secret: resolveSecret(rt.cfg),
      metricsToken: rt.cfg.LYTTEPOST_METRICS_TOKEN,
      openDataLicense: rt.cfg.LYTTEPOST_OPEN_DATA_LICENSE,
    });
    try {
      await app.listen({ port: port ?? rt.cfg.PORT, host });
    } catch (err) {
      await app.close().catch((e: unknown) => log.warn({ err: e }, 'closing the server after a failed listen'));
      await rt.close();
      throw err;
    }
    const addr = app.server.address();
    const shown =
      typeof addr === 'object' && addr
        ? `http://${addr.address.includes(':') ? `[${addr.address}]` : addr.address}:${addr.port}`
        : String(addr);
    ctx.stderr.write(`Serving the API and dashboard on ${shown} (Ctrl-C to stop).\n`);
    await new Promise<void>((resolve) => {
      if (ctx.shutdownSignal.aborted) resolve();
      else ctx.shutdownSignal.addEventListener('abort', () => resolve(), { once: true });
    });
    // Stop accepting connections and finish in-flight requests before the pool closes.
    await shutdownInOrder(log, [
      ['http', () => app.close()],
      ['postgres', () => rt.close()],
    ]);
    return 0;
  },
};
