import { readFileSync } from 'node:fs';

import { projectUrl } from '../project-root.js';

/**
 * The definitions of every exported column, read from docs/indicators.md (the document readers are pointed
 * to), so the XLSX "Definisjoner" sheet never says something the document does not. A table whose header
 * starts with `id` is a definitions table: its first cell names one or more ids in backticks
 * (`` `timely_answered`, `timely_rate` ``; `` `response_rate` (+ `_ci_low`, `_ci_high`) `` adds suffixes to the
 * id before them; a lone `` `_p25` `` is a suffix for any id), then bokmål, English and an optional formula.
 */
export type ColumnDefinition = { id: string; nb: string; en: string; formula: string; section: string };

export const INDICATORS_DOC = projectUrl('docs/indicators.md');

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());

export function parseDefinitions(markdown: string): Map<string, ColumnDefinition> {
  const out = new Map<string, ColumnDefinition>();
  let section = '';
  let inTable = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ')) section = line.slice(3).trim();
    if (!line.trim().startsWith('|')) {
      inTable = false;
      continue;
    }
    const c = cells(line);
    if (c[0] === 'id') {
      inTable = true;
      continue;
    }
    if (!inTable || /^-+$/.test(c[0] ?? '')) continue;
    const ids: string[] = [];
    let base: string | null = null;
    for (const m of (c[0] ?? '').matchAll(/`([^`]+)`/g)) {
      const tok = m[1] as string;
      if (tok.startsWith('_') && base) ids.push(`${base}${tok}`);
      else {
        ids.push(tok);
        if (!tok.startsWith('_')) base = tok;
      }
    }
    for (const id of ids) {
      if (!out.has(id)) out.set(id, { id, nb: c[1] ?? '', en: c[2] ?? '', formula: c[3] ?? '', section });
    }
  }
  return out;
}

let cached: Map<string, ColumnDefinition> | null = null;

/** The definitions of docs/indicators.md (read once per process). */
export function columnDefinitions(): Map<string, ColumnDefinition> {
  cached ??= parseDefinitions(readFileSync(INDICATORS_DOC, 'utf8'));
  return cached;
}

/** One column's definition: its own row, or (for `<id>_median`, `<id>_low` and the like) the suffix's row. */
export function definitionOf(id: string, defs = columnDefinitions()): ColumnDefinition | undefined {
  const own = defs.get(id);
  if (own) return own;
  const suffix = /(_p25|_median|_p75|_n|_low|_high)$/.exec(id)?.[1];
  return suffix ? defs.get(suffix) : undefined;
}
