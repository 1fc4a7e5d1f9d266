import { Readable, Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { classifyLines } from '../../../src/classifier/stream.js';

type Row = { text: string; needsAnswer: boolean; kind: string; lang: string; score: number; reasons: string[]; topics: string[] };

async function* chunks(...parts: Array<string | Buffer>): AsyncGenerator<Buffer> {
  for (const p of parts) yield typeof p === 'string' ? Buffer.from(p, 'utf8') : p;
}

async function run(...parts: Array<string | Buffer>): Promise<{ rows: Row[]; raw: string; lines: number }> {
  let raw = '';
  const { lines } = await classifyLines(chunks(...parts), { write: (s: string) => (raw += s) });
  const rows =
    raw === ''
      ? []
      : raw
          .trimEnd()
          .split('\n')
          .map((l) => JSON.parse(l) as Row);
  return { rows, raw, lines };
}

describe('classifyLines', () => {
  test('writes one JSON object per line with the documented fields', async () => {
    const { rows, raw, lines } = await run('Når åpner biblioteket?\nTakk for info!\n');
    expect(lines).toBe(2);
    expect(raw.endsWith('\n')).toBe(true);
    expect(Object.keys(rows[0] ?? {})).toEqual(['text', 'needsAnswer', 'kind', 'lang', 'score', 'reasons', 'topics']);
    expect(rows[0]).toMatchObject({ text: 'Når åpner biblioteket?', needsAnswer: true, kind: 'question', lang: 'nb' });
    expect(rows[1]).toMatchObject({ text: 'Takk for info!', needsAnswer: false, kind: 'other' });
  });

  test('empty and whitespace-only lines keep output aligned with input', async () => {
    const { rows, raw } = await run('\n  \t\nHei?\n\n');
    expect(rows).toHaveLength(4);
    expect(raw.split('\n')[0]).toBe(
      '{"text":"","needsAnswer":false,"kind":"other","lang":"other","score":0,"reasons":["empty"],"topics":[]}',
    );
    expect(rows[1]).toEqual(rows[0]);
    expect(rows[2]?.text).toBe('Hei?');
    expect(rows[3]?.reasons).toEqual(['empty']);
  });

  test('handles \\r\\n line ends and a last line without a newline', async () => {
    const { rows } = await run('lurer på om bassenget er åpent\r\nKvar kan eg levere hageavfall');
    expect(rows.map((r) => r.text)).toEqual(['lurer på om bassenget er åpent', 'Kvar kan eg levere hageavfall']);
    expect(rows.every((r) => r.needsAnswer)).toBe(true);
  });

  test('joins lines and multi-byte characters split across chunks', async () => {
    const bytes = Buffer.from('Når åpner\nbiblioteket på Ås?\n', 'utf8');
    const parts = [...bytes].map((b) => Buffer.from([b])); // one byte per chunk
    const { rows } = await run(...parts);
    expect(rows.map((r) => r.text)).toEqual(['Når åpner', 'biblioteket på Ås?']);
  });

  test('invalid UTF-8 fails with BAD_INPUT naming the line, after writing the lines before it', async () => {
    let raw = '';
    const bad = Buffer.concat([Buffer.from('Når åpner dere?\n\nhei '), Buffer.from([0xc3, 0x28]), Buffer.from('\nikke nådd\n')]);
    const err = await classifyLines(chunks(bad), { write: (s: string) => (raw += s) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'BAD_INPUT', message: 'line 3 is not valid UTF-8' });
    expect(raw.trimEnd().split('\n')).toHaveLength(2);
  });

  test('accepts a Node Readable and respects a Writable with back-pressure', async () => {
    const out: string[] = [];
    const sink = new Writable({
      highWaterMark: 16,
      write(chunk: Buffer, _enc, cb) {
        out.push(chunk.toString('utf8'));
        setImmediate(cb);
      },
    });
    const input = Readable.from([Buffer.from('Hvorfor?\n'), Buffer.from('Hva en dag!\n')]);
    const { lines } = await classifyLines(input, sink);
    expect(lines).toBe(2);
    expect(out.join('').trimEnd().split('\n')).toHaveLength(2);
  });

  test('streams 10 MB without holding the input or output in memory', async () => {
    const line = 'Hei! Når kommer brøytebilen til Fjellveien? Vi har ventet siden fredag 🙂\n';
    const lineBytes = Buffer.byteLength(line);
    const total = 10 * 1024 * 1024;
    const count = Math.ceil(total / lineBytes);
    const chunk = Buffer.from(line.repeat(512));
    async function* big(): AsyncGenerator<Buffer> {
      for (let sent = 0; sent < count; sent += 512) yield chunk;
    }
    let outBytes = 0;
    let outLines = 0;
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const { lines } = await classifyLines(big(), {
      write: (s: string) => {
        outBytes += s.length;
        outLines += s.split('\n').length - 1;
        if (outLines % 20_480 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
      },
    });
    expect(lines).toBeGreaterThanOrEqual(count);
    expect(outLines).toBe(lines);
    expect(outBytes).toBeGreaterThan(total);
    // Heap growth stays far below the 10 MB in + >20 MB out that buffering would need.
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
  }, 120_000);
});

describe('classifyLines output encoding', () => {
  test('each line equals JSON.stringify of the documented object', async () => {
    const { classifyCitizen } = await import('../../../src/classifier/citizen.js');
    const { classifyTopics } = await import('../../../src/topics/classify.js');
    const texts = [
      'Når åpner "biblioteket"? \\ 🙂',
      'Søppeldunken ble ikke tømt, og brøytinga er elendig',
      'Hei!',
      'Takk\tfor info',
      '@Kari Nordmann se her',
    ];
    let raw = '';
    await classifyLines(chunks(texts.join('\n')), { write: (s: string) => (raw += s) });
    const expected = texts.map((text) => {
      const c = classifyCitizen(text);
      return JSON.stringify({
        text,
        needsAnswer: c.needsAnswer,
        kind: c.kind,
        lang: c.lang,
        score: c.score,
        reasons: c.reasons,
        topics: classifyTopics(text).topics,
      });
    });
    expect(raw).toBe(expected.join('\n') + '\n');
  });
});
