/**
 * Process entry point for `lyttepost scheduler` (`node --import tsx workers/scheduler.ts`): the composition root is the CLI
 * command, so containers and process managers can start either. No logic lives here.
 */
import { main } from '../src/cli/main.js';

process.exitCode = await main(['scheduler', ...process.argv.slice(2)]);
