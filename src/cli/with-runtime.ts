import { openRuntime, type Runtime } from '../runtime.js';
import type { CommandContext } from './command.js';

/** Opens the runtime (config, logger, database) for one command and always closes it. */
export async function withRuntime<T>(
  ctx: CommandContext,
  fn: (rt: Runtime) => Promise<T>,
  opts: { autoMigrate?: boolean } = {},
): Promise<T> {
  const rt = await openRuntime({ env: ctx.env, clock: ctx.clock, ...opts });
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}
