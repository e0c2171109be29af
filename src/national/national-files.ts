import ExcelJS from 'exceljs';
import type { Lang } from '../reports/document/format.js';
import { renderCsv } from '../reports/render-csv.js';
import type { Cell, Row } from '../reports/report-section.js';
import { figureLabel } from './national-document.js';
import { nationalCatalogue } from './national-catalogue.js';
import type { SynthesisContent } from './national-synthesis.js';

/** Every figure key of the synthesis, in the totals' order (the reports' order). */
const keysOf = (content: SynthesisContent) => content.totals.map((t) => t.key);

/** One row per region, every figure and its change side by side (machine keys: the data contract, like the JSON). */
export function synthesisCsv(content: SynthesisContent): string {
  const keys = keysOf(content);
  const columns = [
    'region',
    'name',
    'status',
    'source',
    'issued_at',
    'issued_by',
    'sha256',
    'seal_tree_size',
    'seal_root',
    ...keys.flatMap((k) => [k, `${k} (change)`]),
  ];
  const rows: Row[] = content.regions.map((r) => {
    const row: Record<string, Cell> = {
      region: r.region,
      name: r.name,
      status: r.status,
      source: r.source,
      issued_at: r.issuedAt,
      issued_by: r.issuedBy,
      sha256: r.sha256,
      seal_tree_size: r.seal?.treeSize ?? null,
      seal_root: r.seal?.root ?? null,
    };
    for (const f of r.figures) {
      row[f.key] = f.value;
      row[`${f.key} (change)`] = f.change;
    }
    return row;
  });
  const totals: Row = {
    region: 'total',
    name: null,
    status: null,
    source: null,
    issued_at: null,
    issued_by: null,
    sha256: null,
    seal_tree_size: null,
    seal_root: null,
  };
  for (const t of content.totals) {
    totals[t.key] = t.value;
    totals[`${t.key} (change)`] = t.change;
  }
  return renderCsv({ name: 'national-synthesis', title: '', columns, rows: [...rows, totals] });
}

/** A workbook for people: the regions side by side and the totals, headers in the reader's language. */
export async function synthesisXlsx(content: SynthesisContent, lang: Lang): Promise<Buffer> {
  const t = nationalCatalogue(lang);
  const keys = keysOf(content);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'SCORAN Ledger';
  // A fixed date: the same synthesis gives the same workbook.
  workbook.created = workbook.modified = new Date(`${content.semester.slice(0, 4)}-01-01T00:00:00Z`);
  const regions = workbook.addWorksheet(t.regionsTitle.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  regions.addRow([t.region, t.status, t.source, t.issuedAt, t.issuedBy, ...keys.map((k) => figureLabel(k, lang))]).font = { bold: true };
  for (const r of content.regions) {
    const byKey = new Map(r.figures.map((f) => [f.key, f.value]));
    regions.addRow([
      `${r.name} (${r.region})`,
      t.statuses[r.status] ?? r.status,
      r.source ? (t.sources[r.source] ?? r.source) : '',
      r.issuedAt ? new Date(r.issuedAt) : '',
      r.issuedBy ?? '',
      ...keys.map((k) => byKey.get(k) ?? null),
    ]);
  }
  regions.getColumn(1).width = 36;
  const totals = workbook.addWorksheet(t.totalsTitle.slice(0, 31));
  totals.addRow([t.figure, t.value, t.previous, t.change]).font = { bold: true };
  for (const x of content.totals) totals.addRow([figureLabel(x.key, lang), x.value, x.previous, x.change]);
  totals.getColumn(1).width = 70;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
