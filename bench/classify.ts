/**
 * Throughput of the citizen classifier: 200,000 comments cycled from the labelled corpus (the development files and
 * held-out: 1,971 distinct texts of 1–200 characters), measured two ways:
 * - `classifyCitizen` called in a loop (the pipeline's per-item cost);
 * - `classifyLines` end to end, the engine of `lyttepost classify` (bytes in → JSON lines out, UTF-8 checks,
 *   line splitting, JSON encoding), fed in 64 KiB chunks and writing to a sink that discards.
 * Peak RSS is sampled during the run. Acceptance: ≥ 20,000 comments/s.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { classifyCitizen } from '../src/classifier/citizen.js';
import { classifyLines } from '../src/classifier/stream.js';
import { DEV_FILES } from '../src/classifier/train.js';
import { CLASSIFIER_VERSION } from '../src/classifier/version.js';
import { classifyTopics } from '../src/topics/classify.js';
import { TOPICS_VERSION } from '../src/topics/version.js';
import type { BenchResult } from './run.js';

const COMMENTS = 200_000;

/** User + system CPU time in ms: with other processes on the machine, wall-clock rates understate capacity. */
const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;

function fixtureTexts(): string[] {
  const texts: string[] = [];
  for (const name of [...DEV_FILES, 'heldout']) {
    const raw = readFileSync(new URL(`../tests/fixtures/classifier/${name}.jsonl`, import.meta.url), 'utf8');
    for (const line of raw.split('\n')) if (line.trim() !== '') texts.push((JSON.parse(line) as { text: string }).text);
  }
  return texts;
}

export default async function bench(): Promise<BenchResult> {
  const texts = fixtureTexts();
  let peakRss = process.memoryUsage.rss();
  const sample = (): void => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  };

  // Warm up the JIT so the numbers describe steady state.
  for (let i = 0; i < 20_000; i++) classifyCitizen(texts[i % texts.length] ?? '');

  let needs = 0;
  let cpu0 = process.cpuUsage();
  let t0 = performance.now();
  for (let i = 0; i < COMMENTS; i++) {
    if (classifyCitizen(texts[i % texts.length] ?? '').needsAnswer) needs++;
    if (i % 10_000 === 0) sample();
  }
  const directMs = performance.now() - t0;
  const directCpuMs = cpuMs(process.cpuUsage(cpu0));

  // The topic classifier alone (issue 25: ≥ 20,000 items per CPU-second), on the same comments.
  for (let i = 0; i < 20_000; i++) classifyTopics(texts[i % texts.length] ?? '');
  let withTopic = 0;
  cpu0 = process.cpuUsage();
  for (let i = 0; i < COMMENTS; i++) if (classifyTopics(texts[i % texts.length] ?? '').topics.length > 0) withTopic++;
  const topicsCpuMs = cpuMs(process.cpuUsage(cpu0));

  // The same comments as a byte stream through classifyLines (which now also prints topics).
  const block = Buffer.from(texts.join('\n') + '\n', 'utf8');
  const blocks = Math.ceil(COMMENTS / texts.length);
  const CHUNK = 64 * 1024;
  async function* input(): AsyncGenerator<Buffer> {
    for (let b = 0; b < blocks; b++) {
      for (let off = 0; off < block.length; off += CHUNK) yield block.subarray(off, off + CHUNK);
      sample();
    }
  }
  let outBytes = 0;
  cpu0 = process.cpuUsage();
  t0 = performance.now();
  const { lines } = await classifyLines(input(), { write: (s: string) => (outBytes += s.length) });
  const streamMs = performance.now() - t0;
  const streamCpuMs = cpuMs(process.cpuUsage(cpu0));
  sample();

  const perSec = (n: number, ms: number): number => Math.round(n / (ms / 1000));
  return {
    name: 'classify',
    command: 'npx tsx bench/classify.ts',
    metrics: {
      classifier_version: CLASSIFIER_VERSION,
      comments: COMMENTS,
      distinct_texts: texts.length,
      classify_citizen_per_s: perSec(COMMENTS, directMs),
      classify_lines_per_s: perSec(lines, streamMs),
      classify_citizen_per_cpu_s: perSec(COMMENTS, directCpuMs),
      classify_lines_per_cpu_s: perSec(lines, streamCpuMs),
      topics_version: TOPICS_VERSION,
      classify_topics_per_cpu_s: perSec(COMMENTS, topicsCpuMs),
      topic_share: Math.round((withTopic / COMMENTS) * 1000) / 1000,
      classify_lines_input_mb: Math.round(((block.length * blocks) / 1024 / 1024) * 10) / 10,
      classify_lines_output_mb: Math.round((outBytes / 1024 / 1024) * 10) / 10,
      needs_answer_share: Math.round((needs / COMMENTS) * 1000) / 1000,
      peak_rss_mb: Math.round((peakRss / 1024 / 1024) * 10) / 10,
    },
    notes:
      `Node ${process.version}; one thread. *_per_s is wall clock; *_per_cpu_s is the acceptance figure (issue 21: classify_lines_per_cpu_s ≥ 20000; issue 25: classify_topics_per_cpu_s ≥ 20000). ` +
      '*_per_cpu_s divides by CPU time used, which is steadier when other processes share the CPUs.',
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await bench();
  console.log(JSON.stringify(result, null, 2));
}
