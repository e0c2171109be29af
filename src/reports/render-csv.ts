import type { DocCell, DocTable } from './document/report-document.js';
import type { ReportContent } from './report-generator.js';
import type { Cell, ReportTable } from './report-section.js';
import { neutraliseFormula, withoutControls } from '../shared/output-text.js';

/** Every table of the report, by name (`commitments`, `pending-signatures`, ...). */
export function reportTables(content: ReportContent): Map<string, ReportTable> {
  return new Map(content.sections.flatMap((section) => section.tables.map((table) => [table.name, table] as const)));
}

/** RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break; text cells safe for spreadsheets (output-text.ts). */
export function renderCsv(table: ReportTable): string {
  const lines = [table.columns.map(field), ...table.rows.map((row) => table.columns.map((column) => field(row[column] ?? null)))];
  return lines.map((line) => line.join(',')).join('\r\n') + '\r\n';
}

function field(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'string' ? neutraliseFormula(withoutControls(value)) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The variant French Excel opens as it is: UTF-8 with a byte-order mark, `;` between fields,
 * decimal commas, the document's headers and labels (dates as dd/mm/yyyy).
 */
export function renderCsvExcelFr(table: DocTable): string {
  const quote = (text: string) => (/[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const cell = (c: DocCell) => {
    switch (c.type) {
      case 'empty':
        return '';
      case 'number':
        return String(c.value).replace('.', ',');
      case 'date': {
        const [y, m, d] = String(c.value).split('-');
        return `${d}/${m}/${y}`;
      }
      default:
        return quote(c.text);
    }
  };
  const lines = [table.headers.map(quote), ...table.rows.map((row) => row.map(cell))];
  return '\ufeff' + lines.map((line) => line.join(';')).join('\r\n') + '\r\n';
}
