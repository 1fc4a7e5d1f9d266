import { describe, expect, test } from 'vitest';

import { parseCsv, toCsv } from '../../../src/formats/csv.js';

describe('csv', () => {
  test('parses quotes, doubled quotes, CRLF and keeps the starting line of each record', () => {
    const recs = parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\n\n"multi\nline",z\n');
    expect(recs).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 4, fields: ['multi\nline', 'z'] },
    ]);
  });

  test('round-trips through toCsv', () => {
    const text = toCsv(['a', 'b'], [['1,5', 'q"t'], [null, 2]]);
    expect(text).toBe('a,b\n"1,5","q""t"\n,2\n');
    expect(parseCsv(text).map((r) => r.fields)).toEqual([['a', 'b'], ['1,5', 'q"t'], ['', '2']]);
  });
});
