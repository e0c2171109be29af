import PDFDocument from 'pdfkit';
import type { ReportContent } from './report-generator.js';
import type { Cell } from './report-section.js';

const MAX_ROWS_PER_TABLE = 200;

/**
 * A PDF without a browser (pdfkit, standard Helvetica). Its creation date is the cut-off, which
 * also seeds the file id, so the same report gives the same bytes.
 */
export function renderPdf(content: ReportContent, sha256: string): Promise<Buffer> {
  const cutoff = new Date(content.cutoff);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    info: { Title: `Rapport semestriel SCORAN ${content.semester} — ${content.region.name}`, Author: 'SCORAN Ledger', Creator: 'SCORAN Ledger', Producer: 'SCORAN Ledger', CreationDate: cutoff, ModDate: cutoff },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(16).text(`Rapport semestriel SCORAN ${content.semester}`);
  doc.font('Helvetica').fontSize(11).text(`${content.region.name} (région ${content.region.code}), du ${content.period.from} au ${content.period.to}`);
  doc.text(`État connu à la date d'arrêt ${content.cutoff}`);
  doc.fontSize(8).text(`SHA-256 du contenu : ${sha256}`);
  for (const section of content.sections) {
    doc.moveDown().font('Helvetica-Bold').fontSize(13).text(section.title);
    doc.font('Helvetica').fontSize(9);
    for (const [label, value] of section.summary) doc.text(`${label} : ${text(value)}`);
    for (const table of section.tables) {
      doc.moveDown(0.5).font('Helvetica-Bold').fontSize(10).text(`${table.title} (${table.rows.length})`);
      doc.font('Helvetica').fontSize(7).text(table.columns.join(' | '));
      for (const row of table.rows.slice(0, MAX_ROWS_PER_TABLE)) doc.text(table.columns.map((c) => text(row[c] ?? null)).join(' | '));
      if (table.rows.length > MAX_ROWS_PER_TABLE) doc.text(`… ${table.rows.length - MAX_ROWS_PER_TABLE} more rows in the CSV export`);
    }
  }
  doc.end();
  return done;
}

const text = (value: Cell) => (value === null ? '—' : String(value));
