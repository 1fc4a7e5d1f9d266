/**
 * Process entry point for `lyttepost worker` (`node --import tsx workers/worker.ts`): the composition root is the CLI
 * command, so containers and process managers can start either. No logic lives here.
 */
import { main } from '../src/cli/main.js';

process.exitCode = await main(['worker', ...process.argv.slice(2)]);
