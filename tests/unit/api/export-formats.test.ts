import { inflateRawSync } from 'node:zlib';

import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';

import { toCsvText } from '../../../src/api/export/table.js';
import { columnName, xlsx } from '../../../src/api/export/xlsx.js';
import { crc32, zip } from '../../../src/api/export/zip.js';

describe('zip', () => {
  test('crc32 matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  test('entries round-trip: local header, deflated data, central directory, end record', () => {
    const buf = zip([{ name: 'a.txt', data: 'hei æøå' }, { name: 'dir/b.xml', data: '<x/>'.repeat(100) }]);
    expect(buf.readUInt32LE(0)).toBe(0x04034b50);
    const end = buf.length - 22;
    expect(buf.readUInt32LE(end)).toBe(0x06054b50);
    expect(buf.readUInt16LE(end + 10)).toBe(2);
    const nameLen = buf.readUInt16LE(26);
    const size = buf.readUInt32LE(18);
    expect(buf.subarray(30, 30 + nameLen).toString()).toBe('a.txt');
    const data = inflateRawSync(buf.subarray(30 + nameLen, 30 + nameLen + size));
    expect(data.toString('utf8')).toBe('hei æøå');
    expect(buf.readUInt32LE(14)).toBe(crc32(Buffer.from('hei æøå')));
  });
});

describe('xlsx', () => {
  test('column names run A…Z, AA…', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  test('numbers stay numbers, null is an empty cell, text is escaped and control characters dropped', () => {
    const buf = xlsx('x', ['a', 'b', 'c'], [[1.5, null, '<&"\u0001>']]);
    const sheetAt = buf.indexOf(Buffer.from('xl/worksheets/sheet1.xml'));
    expect(sheetAt).toBeGreaterThan(0);
    // Find the sheet's local header (the first occurrence of its name follows its 30-byte header).
    const local = sheetAt - 30;
    const size = buf.readUInt32LE(local + 18);
    const nameLen = buf.readUInt16LE(local + 26);
    const sheet = inflateRawSync(buf.subarray(local + 30 + nameLen, local + 30 + nameLen + size)).toString();
    expect(sheet).toContain('<c r="A2"><v>1.5</v></c><c r="C2" t="inlineStr"><is><t xml:space="preserve">&lt;&amp;&quot;&gt;</t></is></c>');
    expect(sheet).toContain('<c r="A1" t="inlineStr" s="1">');
  });

  test('a maintained spreadsheet library (exceljs) reads the workbook with the same sheet, types and values', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx('Indikatorer', ['kommune', 'uke', 'svarandel', 'merknad'], [
      ['0301', '2026-W47', 0.75, 'Oslo <øst> & "vest"'],
      ['1103', '2026-W47', null, '=SUM(A1)'],
    ]) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Indikatorer']);
    const sheet = wb.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['kommune', 'uke', 'svarandel', 'merknad']);
    expect(rows[1]).toEqual(['0301', '2026-W47', 0.75, 'Oslo <øst> & "vest"']);
    expect(typeof rows[1]![2]).toBe('number');
    // null is an empty cell; text that looks like a formula stays text (never a formula a spreadsheet runs).
    expect(sheet.getCell('C3').value).toBeNull();
    expect(sheet.getCell('D3').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('D3').value).toBe('=SUM(A1)');
  });
});

describe('csv', () => {
  test('quotes, CRLF, empty for null, and a leading formula character is neutralised', () => {
    expect(toCsvText(['a', 'b'], [['x,y', null], ['=HYPERLINK("http://x")', 3]])).toBe('a,b\r\n"x,y",\r\n"\'=HYPERLINK(""http://x"")",3\r\n');
  });
});
