#!/usr/bin/env node
// Runs the compiled CLI in dist/ (`npm run build`, which `npm install` and `npm ci` run through `prepare`):
// no TypeScript compilation at start-up. When dist/ is missing or older than a source file (an edited
// checkout), the TypeScript sources run through tsx instead: the same program, only slower to start.
import { readdirSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const SOURCES = ['src/', 'config/', 'workers/'];

/** Newest modification time (ms) of the .ts files under `dir`. */
function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const child = new URL(e.isDirectory() ? `${e.name}/` : e.name, dir);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(child));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(child).mtimeMs);
  }
  return newest;
}

function compiledIsFresh() {
  const built = statSync(new URL('dist/.built', root), { throwIfNoEntry: false });
  return built !== undefined && SOURCES.every((d) => newestSource(new URL(d, root)) <= built.mtimeMs);
}

let main;
if (compiledIsFresh()) {
  ({ main } = await import('../dist/src/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
