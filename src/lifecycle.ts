import type { Logger } from './logger.js';

export type Closer = readonly [name: string, close: () => Promise<void>];

/**
 * Closes resources in the given order when `signal` aborts (SIGINT/SIGTERM): stop cron → finish or return
 * active jobs → close Redis and Postgres. Past `deadlineMs` the process exits non-zero rather than hang.
 */
export async function shutdownInOrder(log: Logger, closers: readonly Closer[], deadlineMs = 30_000): Promise<void> {
  const timer = setTimeout(() => {
    log.error({ deadlineMs }, 'shutdown deadline passed; exiting');
    process.exit(1);
  }, deadlineMs);
  timer.unref();
  for (const [name, close] of closers) {
    const started = Date.now();
    try {
      await close();
      log.info({ step: name, ms: Date.now() - started }, 'closed');
    } catch (err) {
      log.error({ step: name, err }, 'close failed');
    }
  }
  clearTimeout(timer);
}

/** An AbortSignal that fires on the first SIGINT or SIGTERM; a second signal exits at once. */
export function signalOnTermination(): AbortSignal {
  const ac = new AbortController();
  const onSignal = (sig: NodeJS.Signals) => {
    if (ac.signal.aborted) process.exit(130);
    ac.abort(sig);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return ac.signal;
}
