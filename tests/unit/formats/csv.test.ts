import { describe, expect, test } from 'vitest';

import { writeCsv } from '../../../src/exports/csv.js';
import { parseCsv } from '../../../src/formats/csv.js';

describe('csv', () => {
  test('parses quotes, doubled quotes, CRLF and keeps the starting line of each record', () => {
    const recs = parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\n\n"multi\nline",z\n');
    expect(recs).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 4, fields: ['multi\nline', 'z'] },
    ]);
  });

  test('round-trips through the one CSV writer, a formula-guarded handle included', () => {
    const text = writeCsv(
      [['a', 'b']],
      [
        ['1,5', 'q"t'],
        [null, 2],
        ['@oslokommune', '-x'],
      ],
    );
    expect(text).toBe('a,b\r\n"1,5","q""t"\r\n,2\r\n\'@oslokommune,\'-x\r\n');
    expect(parseCsv(text).map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1,5', 'q"t'],
      ['', '2'],
      ['@oslokommune', '-x'],
    ]);
  });
});
