#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx: no build step between a clone and `npx lyttepost`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
