import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';

import { guardFormula, writeCsv } from '../../../src/exports/csv.js';

/** The one CSV writer, read back by a real CSV parser (csv-parse) in both dialects. */
describe('writeCsv', () => {
  const rows = [
    ['Møre og Romsdal', 0.1111, -2.5, true, null],
    ['=HYPERLINK("http://x")', 1234.5, 0, false, 'a;b,c "d"\nline'],
    ['+47 22', '@sum', '-1', '\tx', 'vanlig'],
  ];

  test('rfc4180: comma, CRLF, decimal point, no BOM, quotes where needed', () => {
    const text = writeCsv([['navn', 'andel', 'endring', 'foreløpig', 'merknad']], rows);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text.split('\r\n')[1]).toBe('Møre og Romsdal,0.1111,-2.5,true,');
    const back = parse(text, { record_delimiter: '\r\n' }) as string[][];
    expect(back[2]).toEqual(['\'=HYPERLINK("http://x")', '1234.5', '0', 'false', 'a;b,c "d"\nline']);
  });

  test('excel-nb: UTF-8 BOM, semicolon, decimal comma, ja/nei; csv-parse with that dialect reads it back', () => {
    const text = writeCsv(
      [
        ['Navn', 'Andel'],
        ['name', 'share'],
      ],
      rows,
      'excel-nb',
    );
    const bytes = Buffer.from(text, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const back = parse(bytes, { bom: true, delimiter: ';', record_delimiter: '\r\n', relax_column_count: true }) as string[][];
    expect(back[0]).toEqual(['Navn', 'Andel']);
    expect(back[1]).toEqual(['name', 'share']);
    expect(back[2]).toEqual(['Møre og Romsdal', '0,1111', '-2,5', 'ja', '']);
    expect(back[3]?.[1]).toBe('1234,5');
    expect(back[3]?.[4]).toBe('a;b,c "d"\nline');
  });

  test('formula injection is guarded once for every text cell (header too), never for numbers', () => {
    const back = parse(writeCsv([['=cmd']], rows), { record_delimiter: '\r\n', relax_column_count: true }) as string[][];
    expect(back[0]).toEqual(["'=cmd"]);
    expect(back[3]).toEqual(["'+47 22", "'@sum", "'-1", "'\tx", 'vanlig']);
    expect(back[1]?.[2]).toBe('-2.5');
    expect(guardFormula('ok')).toBe('ok');
  });
});

describe('one CSV writer for the whole project', () => {
  test('no module under src/ but src/exports/csv.ts writes CSV (no other stringifier, no hand-written quoting)', () => {
    const root = path.resolve(import.meta.dirname, '../../../src');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.split(path.sep).join('/'));
    const writers = files.filter((f) => {
      const text = readFileSync(path.join(root, f), 'utf8');
      return /from 'csv-stringify|from "csv-stringify|function (toCsv|toCsvText|csvCell|escapeField)\b|const (csvCell|escapeField) =|replaceAll?\('"', '""'\)|replace\(\/"\/g, '""'\)/.test(
        text,
      );
    });
    expect(writers).toEqual(['exports/csv.ts']);
  });
});
