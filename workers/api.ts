/**
 * Process entry point for `lyttepost serve` (`node --import tsx workers/api.ts`): the composition root is the CLI
 * command, so containers and process managers can start either. No logic lives here.
 */
import { main } from '../src/cli/main.js';

process.exitCode = await main(['serve', ...process.argv.slice(2)]);
