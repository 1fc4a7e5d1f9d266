import { definitionOf } from './definitions-doc.js';
import { EXPORT_TEXTS } from './labels.js';
import { NUMBER_FORMAT, type ExportTable } from './table.js';

/**
 * An export table as an Excel workbook (exceljs): the data sheet with readable headers, number and percent
 * formats by column kind, column widths from the content, a frozen header row and an autofilter, the notes
 * below the table, and a "Definisjoner" sheet giving each column's id and its definition from
 * docs/indicators.md. Text is always written as text (never as a formula), so a cell starting with `=` is
 * harmless. exceljs is loaded on the first export, not at start: importing it takes seconds on a busy machine,
 * and `serve` and the CLI should not wait for it.
 */
export async function tableXlsx(t: ExportTable): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Lyttepost';
  wb.created = new Date(0);

  const ws = wb.addWorksheet(t.sheet, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  ws.columns = t.columns.map((c, i) => {
    const longest = Math.max(c.label.length, ...t.rows.slice(0, 2000).map((r) => String(r[i] ?? '').length));
    const fmt = NUMBER_FORMAT[c.kind];
    return { header: c.label, key: c.id, width: Math.min(40, Math.max(8, longest + 2)), ...(fmt ? { style: { numFmt: fmt } } : {}) };
  });
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'top' };
  for (const r of t.rows) ws.addRow(r.map((v) => (v === null ? null : v)));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + t.rows.length, column: Math.max(1, t.columns.length) } };
  const notes = [EXPORT_TEXTS.empty[t.lang], ...t.notes];
  ws.addRow([]);
  for (const n of notes) {
    const row = ws.addRow([n]);
    row.getCell(1).numFmt = '@';
    row.font = { italic: true };
  }

  const defs = wb.addWorksheet(EXPORT_TEXTS.definitionsSheet[t.lang], { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  const defHead = EXPORT_TEXTS.defHead[t.lang];
  defs.columns = defHead.map((h, i) => ({ header: h, width: [34, 28, 60, 60, 30, 30][i] ?? 20 }));
  defs.getRow(1).font = { bold: true };
  for (const c of t.columns) {
    const d = definitionOf(c.id);
    const row = defs.addRow([c.label, c.id, d?.nb ?? '', d?.en ?? '', d?.formula ?? '', d?.section ?? '']);
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  defs.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + t.columns.length, column: defHead.length } };
  defs.addRow([]);
  for (const n of notes) defs.addRow([n]).font = { italic: true };

  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
