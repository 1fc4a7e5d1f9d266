import { AppError } from '../errors.js';
import { unguardFormula } from '../exports/csv.js';

/**
 * The text of a CSV file the user gave us, refused as BAD_INPUT (naming the line) when it is not valid UTF-8 or
 * holds a NUL byte: a replacement character or a NUL would otherwise end up stored (or fail deep in Postgres).
 * `what` prefixes the message, e.g. `accounts import: accounts.csv`.
 */
export function decodeCsvText(bytes: Uint8Array, what: string): string {
  const lineAt = (offset: number) => bytes.subarray(0, offset).reduce((n, b) => (b === 0x0a ? n + 1 : n), 1);
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new AppError('BAD_INPUT', `${what} line ${lineAt(nul)}: NUL byte in the file (is it a text CSV file?)`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // The longest prefix that decodes tells where the first bad byte is.
    let lo = 0;
    let hi = bytes.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
        lo = mid;
      } catch {
        hi = mid - 1;
      }
    }
    throw new AppError('BAD_INPUT', `${what} line ${lineAt(lo)}: not valid UTF-8 (save the file as UTF-8 and try again)`);
  }
}

/**
 * RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. Each record keeps the line it started on. A field
 * that the one CSV writer (src/exports/csv.ts) guarded against formula injection reads back as written.
 */
export type CsvRecord = { line: number; fields: string[] };

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let i = 0;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const endRecord = () => {
    fields.push(field);
    fields = fields.map(unguardFormula);
    if (!(fields.length === 1 && fields[0]?.trim() === '')) records.push({ line: startLine, fields });
    fields = [];
    field = '';
    startLine = line;
  };
  while (i < src.length) {
    const c = src[i] as string;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      line++;
      endRecord();
    } else field += c;
    i++;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}
