/**
 * Process entry point for `lyttepost migrate` (`node --import tsx workers/migrate.ts`): the composition root is the CLI
 * command, so containers and process managers can start either. No logic lives here.
 */
import { main } from '../src/cli/main.js';

process.exitCode = await main(['migrate', ...process.argv.slice(2)]);
