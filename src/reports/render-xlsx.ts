import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { DocTable, ReportDocument } from './document/report-document.js';

/**
 * One workbook, every table of the document a sheet: typed cells (numbers as numbers, dates as
 * dates), the header row frozen, headers in the document's language. exceljs stamps the zip
 * entries with the current time; the entries are rewritten with the cut-off's date so the same
 * report gives the same bytes.
 */
export async function renderXlsx(doc: ReportDocument): Promise<Buffer> {
  const at = new Date(doc.cutoffInstant);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'SCORAN Ledger';
  workbook.lastModifiedBy = 'SCORAN Ledger';
  workbook.created = at;
  workbook.modified = at;
  workbook.title = doc.title;
  const tables: { table: DocTable; chapter: string }[] = [
    ...doc.chapters.flatMap((c) => c.tables.map((table) => ({ table, chapter: `${c.number}. ${c.title}` }))),
    ...doc.annexes.flatMap((a, i) => a.tables.map((table) => ({ table, chapter: `${doc.t.document.annex} ${String.fromCharCode(65 + i)}. ${a.title}` }))),
  ];
  const used = new Set<string>();
  const sheetName = (title: string) => {
    // Excel: at most 31 characters, none of : \ / ? * [ ], unique regardless of case.
    const base = title
      .replace(/[:\\/?*[\]]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 28);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 27)} ${n}`;
    used.add(name.toLowerCase());
    return name;
  };
  const index = workbook.addWorksheet(sheetName(doc.t.document.sheetIndex));
  index.addRow([doc.title]).font = { bold: true, size: 14 };
  index.addRow([doc.t.document.sha256, doc.sha256]);
  index.addRow([]);
  index.addRow([doc.t.document.chapter, doc.t.document.table]).font = { bold: true };
  index.getColumn(1).width = 50;
  index.getColumn(2).width = 70;
  for (const { table, chapter } of tables) {
    const name = sheetName(table.title);
    index.addRow([chapter, name]);
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = sheet.addRow(table.headers);
    header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF0B3A5D' } };
    header.alignment = { wrapText: true, vertical: 'top' };
    for (const row of table.rows) {
      sheet.addRow(
        row.map((cell) => {
          switch (cell.type) {
            case 'number':
              return cell.value as number;
            case 'date':
              return new Date(`${cell.value as string}T00:00:00Z`);
            case 'boolean':
              return cell.text;
            case 'empty':
              return null;
            default:
              return cell.text;
          }
        }),
      );
    }
    table.headers.forEach((h, i) => {
      const column = sheet.getColumn(i + 1);
      const types = table.rows.map((r) => r[i].type);
      if (types.includes('date')) column.numFmt = 'dd/mm/yyyy';
      else if (table.numeric[i]) column.numFmt = '#,##0.##';
      const longest = Math.max(h.length, ...table.rows.slice(0, 500).map((r) => r[i].text.length));
      column.width = Math.min(60, Math.max(10, longest + 2));
    });
  }
  const raw = Buffer.from(await workbook.xlsx.writeBuffer());
  return normalizeZip(raw, at);
}

/** Same entries, same order, every entry dated `at`: the archive no longer depends on when it was made. */
async function normalizeZip(zipped: Buffer, at: Date): Promise<Buffer> {
  const source = await JSZip.loadAsync(zipped);
  const target = new JSZip();
  for (const name of Object.keys(source.files)) {
    const entry = source.files[name];
    if (entry.dir) continue;
    target.file(name, await entry.async('uint8array'), { date: at, createFolders: false });
  }
  return target.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
