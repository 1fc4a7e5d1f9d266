import type { Readable, Writable } from 'node:stream';

import { systemClock, type Clock } from '../clock.js';
import { AppError, isUserError } from '../errors.js';
import { signalOnTermination } from '../lifecycle.js';
import { scrubSecrets } from '../logger.js';
import type { Command, CommandContext } from './command.js';
import { COMMAND_ENTRIES, loadCommands, type CommandEntry } from './commands/index.js';
import { commandHelp, globalHelp } from './help.js';
import { parseCommandArgs } from './parse.js';

export type MainIo = {
  env?: NodeJS.ProcessEnv;
  stdin?: Readable;
  stdout?: Writable;
  stderr?: Writable;
  clock?: Clock;
  shutdownSignal?: AbortSignal;
};

/** Picks the command whose words match the longest prefix of argv. */
function resolve(argv: readonly string[]): { entry: CommandEntry; rest: string[] } | null {
  let best: CommandEntry | null = null;
  for (const c of COMMAND_ENTRIES) {
    if (c.path.every((w, i) => argv[i] === w) && (!best || c.path.length > best.path.length)) best = c;
  }
  return best ? { entry: best, rest: argv.slice(best.path.length) } : null;
}

/** Runs one CLI invocation and returns the exit code. User errors print one line, never a stack trace. */
export async function main(argv: readonly string[], io: MainIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const isHelp = (a: string) => a === '--help' || a === '-h';
  if (argv.length === 0 || (argv.length === 1 && (isHelp(argv[0] as string) || argv[0] === 'help'))) {
    stdout.write(globalHelp(await loadCommands()));
    return argv.length === 0 ? 2 : 0;
  }
  const found = resolve(argv);
  if (!found) {
    const group = COMMAND_ENTRIES.filter((c) => c.path[0] === argv[0]);
    if (group.length > 0) {
      if (argv.slice(1).some(isHelp) || argv.length === 1) {
        stdout.write(globalHelp(await loadCommands(group)));
        return argv.length === 1 ? 2 : 0;
      }
      stderr.write(`lyttepost: unknown command '${argv.slice(0, 2).join(' ')}' (try: ${group.map((c) => c.path.join(' ')).join(', ')})\n`);
      return 2;
    }
    stderr.write(`lyttepost: unknown command '${argv[0]}' (run \`lyttepost --help\` for the list)\n`);
    return 2;
  }
  const { rest } = found;
  const cmd: Command = await found.entry.load();
  if (rest.some(isHelp)) {
    stdout.write(commandHelp(cmd));
    return 0;
  }
  const ctx: CommandContext = {
    env: io.env ?? process.env,
    stdin: io.stdin ?? process.stdin,
    stdout,
    stderr,
    clock: io.clock ?? systemClock,
    shutdownSignal: io.shutdownSignal ?? (cmd.longRunning ? signalOnTermination() : new AbortController().signal),
  };
  try {
    const args = parseCommandArgs(cmd, rest);
    return await cmd.run(args, ctx);
  } catch (err) {
    if (isUserError(err)) {
      stderr.write(`lyttepost: ${scrubSecrets(err.message)}\n`);
      return err.code === 'USAGE' ? 2 : 1;
    }
    if (err instanceof AppError) {
      stderr.write(`lyttepost: ${err.code}: ${scrubSecrets(err.message)}\n`);
      return 1;
    }
    const e = err as Error;
    stderr.write(`lyttepost: unexpected error: ${scrubSecrets(e.message)}\n${scrubSecrets(e.stack ?? '')}\n`);
    return 1;
  }
}
