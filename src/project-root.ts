import { existsSync } from 'node:fs';

/**
 * The project's own folder (the one with package.json), found from this module's location, so files shipped
 * with the code (sql/, assets/, dashboard static files) resolve the same from the TypeScript sources (src/,
 * tests, tsx) and from the compiled JavaScript (dist/src/).
 */
function findRoot(from: URL): URL {
  for (let dir = new URL('./', from); ; dir = new URL('../', dir)) {
    if (existsSync(new URL('package.json', dir))) return dir;
    if (dir.pathname === '/') throw new Error(`no package.json above ${from.pathname}`);
  }
}

const ROOT = findRoot(new URL(import.meta.url));

/** A file or folder (end it with `/`) of the project, by its path from the project root. */
export const projectUrl = (relative: string): URL => new URL(relative, ROOT);
