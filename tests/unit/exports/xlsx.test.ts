import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';

import { annualColumns } from '../../../src/api/sector/annual-export.js';
import { postKindColumns } from '../../../src/api/sector/post-kind-export.js';
import { columnDefinitions, definitionOf } from '../../../src/exports/definitions-doc.js';
import { indicatorColumns } from '../../../src/exports/indicator-table.js';
import { roundForDisplay, tableCsv, type ExportTable } from '../../../src/exports/table.js';
import { tableXlsx } from '../../../src/exports/xlsx.js';
import { INDICATOR_IDS, SCOPES } from '../../../src/indicators/definitions.js';

const TABLE: ExportTable = {
  name: 't',
  sheet: 'Indikatorer',
  columns: [
    { id: 'id', label: 'Kode', kind: 'text' },
    { id: 'name', label: 'Navn', kind: 'text' },
    { id: 'response_rate', label: 'Svarandel', kind: 'share' },
    { id: 'dialogue_index', label: 'Dialogindeks', kind: 'index' },
    { id: 'response_time_median_h', label: 'Median svartid (timer)', kind: 'hours' },
    { id: 'questions', label: 'Spørsmål', kind: 'integer' },
    { id: 'note', label: 'Merknad', kind: 'text' },
  ],
  rows: [
    ['15', 'Møre og Romsdal', 0.11, 53, 2.5, 40, null],
    ['46', 'Vestland', null, null, null, null, '=HYPERLINK("http://x")'],
  ],
  notes: ['Skjulte tall: …'],
  lang: 'nb',
};

describe('the XLSX writer (exceljs), read back with exceljs', () => {
  test('formats, widths, frozen header, autofilter, notes and a Definisjoner sheet from docs/indicators.md', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tableXlsx(TABLE)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Indikatorer', 'Definisjoner']);
    const ws = wb.getWorksheet('Indikatorer')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:G3');
    expect(ws.getRow(1).values).toEqual([
      undefined,
      'Kode',
      'Navn',
      'Svarandel',
      'Dialogindeks',
      'Median svartid (timer)',
      'Spørsmål',
      'Merknad',
    ]);
    expect(ws.getCell('B2').value).toBe('Møre og Romsdal');
    expect(ws.getCell('C2').value).toBe(0.11);
    expect(ws.getCell('C2').numFmt).toBe('0%');
    expect(ws.getCell('D2').numFmt).toBe('0');
    expect(ws.getCell('E2').numFmt).toBe('0.0');
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual('Møre og Romsdal'.length);
    // null is an empty cell; text that looks like a formula stays text.
    expect(ws.getCell('C3').value).toBeNull();
    expect(ws.getCell('G3').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('G3').value).toBe('=HYPERLINK("http://x")');
    expect(ws.getCell('A5').value).toBe('Tom celle = ukjent (null), ikke 0.');
    expect(ws.getCell('A6').value).toBe('Skjulte tall: …');
    const defs = wb.getWorksheet('Definisjoner')!;
    expect(defs.getCell('A1').value).toBe('Kolonne');
    const byId = new Map<string, unknown[]>();
    defs.eachRow((row) => byId.set(row.getCell(2).text, (row.values as unknown[]).slice(1)));
    expect(byId.get('response_rate')).toEqual([
      'Svarandel',
      'response_rate',
      'Svarandel, med 95 % Wilson-intervall.',
      'Answered / questions with a Wilson 95 % interval.',
      'null when questions = 0',
      'Høreapparatet / Responsiveness',
    ]);
    expect(byId.get('dialogue_index')?.[2]).toContain('Dialogindeksen');
  });

  test('every column of every scope’s indicator export has a definition in docs/indicators.md', () => {
    const defs = columnDefinitions();
    for (const scope of SCOPES) {
      const missing = indicatorColumns(scope, 'nb')
        .filter((c) => !definitionOf(c.id, defs))
        .map((c) => c.id);
      expect(missing, scope).toEqual([]);
    }
    expect(INDICATOR_IDS.every((id) => defs.has(id))).toBe(true);
  });

  test('so does every column of the post-type and annual-summary exports, in both languages', () => {
    const defs = columnDefinitions();
    for (const lang of ['nb', 'en'] as const) {
      for (const columns of [postKindColumns(lang), annualColumns(lang)]) {
        expect(
          columns.filter((c) => !definitionOf(c.id, defs)).map((c) => c.id),
          lang,
        ).toEqual([]);
        expect(new Set(columns.map((c) => c.label)).size, lang).toBe(columns.length);
      }
    }
    expect(definitionOf('share_low', defs)?.nb).toBe('Nedre og øvre grense i 95 %-intervallet.');
    expect(definitionOf('response_rate_ci_low', defs)?.id).toBe('response_rate_ci_low');
  });
});

describe('rounding as the dashboard shows it', () => {
  test('shares to whole percent, index whole, hours one decimal', () => {
    expect(roundForDisplay('share', 0.1111111111111111)).toBe(0.11);
    expect(roundForDisplay('share', 0.145)).toBe(0.15);
    expect(roundForDisplay('index', 52.5)).toBe(53);
    expect(roundForDisplay('hours', 2.349)).toBe(2.3);
    expect(roundForDisplay('integer', 7)).toBe(7);
    expect(roundForDisplay('share', null)).toBeNull();
  });

  test('excel-nb CSV: labels then ids; rfc4180: ids only', () => {
    expect(tableCsv(TABLE, 'rfc4180').split('\r\n')[0]).toBe('id,name,response_rate,dialogue_index,response_time_median_h,questions,note');
    const nb = tableCsv(TABLE, 'excel-nb').split('\r\n');
    expect(nb[0]).toBe('\ufeffKode;Navn;Svarandel;Dialogindeks;Median svartid (timer);Spørsmål;Merknad');
    expect(nb[1]).toBe('id;name;response_rate;dialogue_index;response_time_median_h;questions;note');
    expect(nb[2]).toBe('15;Møre og Romsdal;0,11;53;2,5;40;');
  });
});
