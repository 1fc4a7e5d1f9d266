/**
 * The engine of `lyttepost classify`: one text per input line → one JSON object per output line.
 *
 * Streams bytes (constant memory however long the input), splits on "\n" (a trailing "\r" is dropped), and
 * decodes each line strictly, so invalid UTF-8 stops the run with an error naming the line after every earlier
 * line has been written. Empty or whitespace-only lines yield a fixed "empty" record so output line N always
 * belongs to input line N. `topics` is the service-topic classifier's answer (src/topics/), primary first.
 */
import { AppError } from '../errors.js';
import { classifyTopics } from '../topics/classify.js';
import { classifyCitizen } from './citizen.js';

type Output = { write(s: string): unknown };

const NL = 0x0a;
const EMPTY_RECORD = JSON.stringify({
  text: '',
  needsAnswer: false,
  kind: 'other',
  lang: 'other',
  score: 0,
  reasons: ['empty'],
  topics: [],
});

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new AppError('BAD_INPUT', 'classify input must be a byte stream');
}

/** Waits for 'drain' when a Node writable reports a full buffer, so a slow reader cannot make us buffer. */
async function flush(output: Output, s: string): Promise<void> {
  if (s === '') return;
  const ok = output.write(s);
  const emitter = output as Partial<Pick<NodeJS.WritableStream, 'once'>>;
  if (ok === false && typeof emitter.once === 'function') {
    await new Promise<void>((resolve) => emitter.once?.('drain', () => resolve()));
  }
}

export async function classifyLines(input: NodeJS.ReadableStream | AsyncIterable<Buffer>, output: Output): Promise<{ lines: number }> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lines = 0;
  let carry: Buffer | undefined;

  const record = (line: string): string => {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (text.trim() === '') return EMPTY_RECORD;
    const c = classifyCitizen(text);
    const topics = classifyTopics(text).topics;
    // Same bytes as JSON.stringify of the object (key order text, needsAnswer, kind, lang, score, reasons,
    // topics), built by hand because this runs once per input line. kind, lang, reason and topic ids need no
    // escaping.
    return `{"text":${JSON.stringify(text)},"needsAnswer":${c.needsAnswer},"kind":"${c.kind}","lang":"${c.lang}","score":${c.score},"reasons":[${c.reasons.length === 0 ? '' : `"${c.reasons.join('","')}"`}],"topics":[${topics.length === 0 ? '' : `"${topics.join('","')}"`}]}`;
  };

  /**
   * Classifies a block of complete lines (each ended by "\n"). The block is decoded in one call, which is
   * much faster than a decoder call per line; "\n" is one byte in UTF-8 and never part of a multi-byte
   * character, so splitting the decoded text gives exactly the byte lines. Only when decoding fails do we go
   * line by line to name the bad line, writing the good lines before it first.
   */
  const processBlock = async (block: Buffer): Promise<void> => {
    let text: string | undefined;
    try {
      text = decoder.decode(block);
    } catch {
      text = undefined;
    }
    let out = '';
    if (text !== undefined) {
      const parts = text.split('\n');
      parts.pop(); // the block ends with "\n": the last part is empty
      for (const line of parts) {
        lines++;
        out += record(line) + '\n';
      }
      await flush(output, out);
      return;
    }
    let start = 0;
    for (let nl = block.indexOf(NL); nl !== -1; nl = block.indexOf(NL, start)) {
      lines++;
      let line: string;
      try {
        line = decoder.decode(block.subarray(start, nl));
      } catch (err) {
        await flush(output, out);
        throw new AppError('BAD_INPUT', `line ${lines} is not valid UTF-8`, { cause: err, context: { line: lines } });
      }
      out += record(line) + '\n';
      start = nl + 1;
    }
    await flush(output, out);
  };

  for await (const raw of input as AsyncIterable<unknown>) {
    const chunk = toBuffer(raw);
    const lastNl = chunk.lastIndexOf(NL);
    if (lastNl === -1) {
      carry = carry === undefined ? Buffer.from(chunk) : Buffer.concat([carry, chunk]);
      continue;
    }
    const head = chunk.subarray(0, lastNl + 1);
    await processBlock(carry === undefined ? head : Buffer.concat([carry, head]));
    // Copy the tail: the caller may reuse the chunk's memory.
    carry = lastNl + 1 < chunk.length ? Buffer.from(chunk.subarray(lastNl + 1)) : undefined;
  }
  if (carry !== undefined && carry.length > 0) await processBlock(Buffer.concat([carry, Buffer.from([NL])]));
  return { lines };
}
