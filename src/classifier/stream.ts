/**
 * The engine of `lyttepost classify`: one text per input line → one JSON object per output line.
 *
 * Streams bytes (constant memory however long the input), splits on "\n" (a trailing "\r" is dropped), and
 * decodes each line strictly, so invalid UTF-8 stops the run with an error naming the line after every earlier
 * line has been written. Empty or whitespace-only lines yield a fixed "empty" record so output line N always
 * belongs to input line N.
 */
import { AppError } from '../errors.js';
import { classifyCitizen } from './citizen.js';

type Output = { write(s: string): unknown };

const NL = 0x0a;
const CR = 0x0d;
const EMPTY_RECORD = JSON.stringify({ text: '', needsAnswer: false, kind: 'other', lang: 'other', score: 0, reasons: ['empty'] });

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

export async function classifyLines(
  input: NodeJS.ReadableStream | AsyncIterable<Buffer>,
  output: Output,
): Promise<{ lines: number }> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lines = 0;
  let carry: Buffer | undefined;

  const lineRecord = (bytes: Buffer): string => {
    lines++;
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === CR) end--;
    let text: string;
    try {
      text = decoder.decode(bytes.subarray(0, end));
    } catch (err) {
      throw new AppError('BAD_INPUT', `line ${lines} is not valid UTF-8`, { cause: err, context: { line: lines } });
    }
    if (text.trim() === '') return EMPTY_RECORD;
    const c = classifyCitizen(text);
    return JSON.stringify({ text, needsAnswer: c.needsAnswer, kind: c.kind, lang: c.lang, score: c.score, reasons: c.reasons });
  };

  for await (const raw of input as AsyncIterable<unknown>) {
    let chunk = toBuffer(raw);
    let out = '';
    let start = 0;
    try {
      let nl = chunk.indexOf(NL, start);
      if (carry !== undefined && nl !== -1) {
        // Join the partial line from the previous chunk with the head of this one.
        chunk = Buffer.concat([carry, chunk]);
        nl += carry.length;
        carry = undefined;
      }
      while (nl !== -1) {
        out += lineRecord(chunk.subarray(start, nl)) + '\n';
        start = nl + 1;
        nl = chunk.indexOf(NL, start);
      }
    } catch (err) {
      await flush(output, out);
      throw err;
    }
    const rest = chunk.subarray(start);
    if (rest.length > 0) carry = carry === undefined ? Buffer.from(rest) : Buffer.concat([carry, rest]);
    await flush(output, out);
  }
  if (carry !== undefined && carry.length > 0) await flush(output, lineRecord(carry) + '\n');
  return { lines };
}
