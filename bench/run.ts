/**
 * `npm run bench [-- name …]`: runs the benchmark modules in bench/*.ts (each default-exports an async function
 * returning {name, command, metrics, notes}) one after another in child processes (so one's memory does not
 * colour the next), and rewrites the matching sections of BENCHMARKS.md with the numbers and the command.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';

export type BenchResult = { name: string; command: string; metrics: Record<string, number | string>; notes?: string };

const dir = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(dir, '..');
const only = process.argv.slice(2);

if (process.env.BENCH_CHILD) {
  const mod = (await import(path.join(dir, `${process.env.BENCH_CHILD}.ts`))) as { default: () => Promise<BenchResult> };
  const result = await mod.default();
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
}

const names = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((n) => only.length === 0 || only.includes(n))
  .sort();

const file = path.join(root, 'BENCHMARKS.md');
const sections = new Map<string, string>();
if (existsSync(file)) {
  for (const part of readFileSync(file, 'utf8')
    .split(/^(?=## )/m)
    .slice(1)) {
    const title = part.split('\n', 1)[0]!.replace(/^## /, '').trim();
    sections.set(title, part.trimEnd());
  }
}

for (const name of names) {
  process.stderr.write(`bench: ${name} …\n`);
  let out: string;
  try {
    out = execFileSync(process.execPath, ['--import', 'tsx', path.join(dir, 'run.ts')], {
      env: { ...process.env, BENCH_CHILD: name },
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (err) {
    process.stderr.write(`bench: ${name} failed: ${(err as Error).message}\n`);
    continue;
  }
  const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (!line) continue;
  const r = JSON.parse(line.slice('BENCH_RESULT '.length)) as BenchResult;
  const rows = Object.entries(r.metrics).map(([k, v]) => `| ${k} | ${typeof v === 'number' ? Number(v.toPrecision(6)) : v} |`);
  const body = [
    `## ${r.name}`,
    '',
    `Command: \`${r.command}\` — measured ${new Date().toISOString().slice(0, 16)}Z on ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
    '',
    '| metric | value |',
    '|---|---|',
    ...rows,
    ...(r.notes ? ['', r.notes] : []),
  ].join('\n');
  sections.set(r.name, body);
  process.stderr.write(`bench: ${name} done\n`);
}

const header =
  '# Benchmarks\n\nNumbers from `npm run bench` (all) or `npm run bench -- <name>` (one), on the machine named in each section.\nNever asserted in tests; regenerate after a change that could move them.\n';
writeFileSync(file, [header, ...[...sections.values()].map((s) => s + '\n')].join('\n'));
process.stderr.write(`bench: wrote ${path.relative(root, file)}\n`);
