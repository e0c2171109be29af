import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import { fill } from './document/format.js';
import type { DocTable, ReportDocument } from './document/report-document.js';

const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
pdfmake.setFonts({
  DejaVu: {
    normal: join(fontDir, 'DejaVuSans.ttf'),
    bold: join(fontDir, 'DejaVuSans-Bold.ttf'),
    italics: join(fontDir, 'DejaVuSans-Oblique.ttf'),
    bolditalics: join(fontDir, 'DejaVuSans-BoldOblique.ttf'),
  },
});
// Only the font files are read; nothing is fetched.
pdfmake.setLocalAccessPolicy((path) => path.startsWith(fontDir));
pdfmake.setUrlAccessPolicy(() => false);

const BLUE = '#0b3a5d';
/** Columns above which a table is laid on a landscape page. */
const WIDE_TABLE = 8;
/** A4 width less the margins, in points, portrait and landscape. */
const WIDTH = 595.28 - 2 * 40;
const LANDSCAPE_WIDTH = 841.89 - 2 * 40;

type Node = Record<string, unknown> | string;

/**
 * The PDF, laid out by pdfmake (declarative, on pdfkit): cover, table of contents, chapters each
 * on a new page, tables with their header repeated on every page, charts as vector SVG, running
 * header and "page n / N" footer, DejaVu Sans embedded (full French coverage), language and
 * title in the metadata, tagged. Its dates are the cut-off's, which also seed the file id, so
 * the same report gives the same bytes.
 */
export function renderPdf(doc: ReportDocument): Promise<Buffer> {
  const { t } = doc;
  const at = new Date(cutoffOf(doc));
  const content: Node[] = [];
  // Wide tables go on landscape pages; the orientation is set wherever a page break starts a page.
  let orientation: 'portrait' | 'landscape' = 'portrait';
  const heading = (text: string, id: string): Node => {
    orientation = 'portrait';
    return headingNode(text, id);
  };
  const titledTable = (table: DocTable, none: string): Node[] => {
    const wanted = table.headers.length > WIDE_TABLE ? 'landscape' : 'portrait';
    const turn = wanted !== orientation;
    orientation = wanted;
    return [{ text: table.title, style: 'tableTitle', ...(turn ? { pageBreak: 'before', pageOrientation: wanted } : {}) }, tableNode(table, none, wanted === 'landscape' ? LANDSCAPE_WIDTH : WIDTH)];
  };
  // Cover.
  content.push(
    { text: `${t.document.region} ${doc.regionName}`.toUpperCase(), color: BLUE, bold: true, margin: [0, 120, 0, 10], characterSpacing: 1 },
    { text: t.document.title, fontSize: 26, bold: true, color: BLUE },
    { text: doc.semester, fontSize: 20, color: BLUE, margin: [0, 0, 0, 8] },
    { text: doc.subtitle, fontSize: 11, color: '#444444', margin: [0, 0, 0, 30] },
    {
      table: { widths: [150, '*'], body: doc.cover.map((c) => [{ text: c.label, color: '#555555' }, /[0-9a-f]{64}/.test(c.text) ? { text: c.text, fontSize: 7.5 } : { text: c.text }]) },
      layout: 'noBorders',
      fontSize: 9.5,
    },
  );
  if (doc.notice) content.push({ table: { widths: ['*'], body: [[{ text: doc.notice, bold: true, margin: [6, 6, 6, 6] }]] }, layout: { hLineColor: () => '#D55E00', vLineColor: () => '#D55E00', hLineWidth: () => 2, vLineWidth: () => 2 }, margin: [0, 30, 0, 0] });
  // Contents.
  content.push({ toc: { title: { text: t.document.contents, style: 'h1' }, numberStyle: { bold: true } }, pageBreak: 'before' });
  // Synthesis.
  content.push(heading(t.document.synthesis, 'synthese'), { text: t.document.secretariatSummary, style: 'h2' });
  if (doc.synthesis.summaryChanged) content.push({ text: t.document.narrativeChanged.replace(' {version}', ''), italics: true, color: '#8a4b00' });
  content.push(...(doc.synthesis.summary ?? [t.document.noSummary]).map((p) => ({ text: p, margin: [0, 0, 0, 6], italics: !doc.synthesis.summary })));
  content.push({ text: t.document.keyFigures, style: 'h2' });
  const figureCells = doc.synthesis.figures.map((f) => ({
    stack: [{ text: f.value, fontSize: 14, bold: true, color: BLUE }, { text: f.label, fontSize: 8.5 }, { text: `${t.document.change}${t.document.colon}${f.change}  (${t.document.previousValue}${t.document.colon}${f.previous})`, fontSize: 7.5, color: '#444444' }],
    margin: [4, 4, 4, 4],
  }));
  const figureRows: Node[][] = [];
  for (let i = 0; i < figureCells.length; i += 2) figureRows.push([figureCells[i], figureCells[i + 1] ?? '']);
  if (figureRows.length) content.push({ table: { widths: ['*', '*'], body: figureRows, dontBreakRows: true }, layout: { hLineColor: () => '#b8c7d6', vLineColor: () => '#b8c7d6' } });
  content.push({ text: t.document.highlights, style: 'h2' });
  content.push(doc.synthesis.highlights.length ? { ul: doc.synthesis.highlights, fontSize: 9 } : { text: t.document.noHighlights });
  // Checklist.
  content.push(heading(t.document.checklist, 'checklist'));
  content.push(
    tableNode({
      key: 'checklist',
      title: '',
      headers: [t.document.checklistLine, t.document.answeredBy],
      numeric: [false, false],
      rows: doc.checklist.map((item) => [
        { text: item.line, value: item.line, type: 'text' },
        { text: item.chapters.map((c) => `${c.number}. ${c.title}`).join('\n') || '—', value: null, type: 'text' },
      ]),
      totals: null,
    }, t.document.none, WIDTH),
  );
  // Chapters.
  for (const chapter of doc.chapters) {
    content.push(heading(`${chapter.number}. ${chapter.title}`, chapter.id));
    content.push({ text: `${t.document.checklistLine}${t.document.colon}${chapter.checklist.join(t.document.semicolon)}`, italics: true, color: '#444444', margin: [0, 0, 0, 6] });
    if (chapter.summary.length) {
      content.push({ text: t.document.keyFiguresOfChapter, style: 'h2' });
      content.push({ table: { widths: ['*', 'auto'], body: chapter.summary.map((s) => [{ text: s.label, color: '#444444' }, { text: s.text, bold: true, alignment: 'right' }]) }, layout: 'lightHorizontalLines', fontSize: 9 });
    }
    if (chapter.comment) {
      content.push({
        table: { widths: ['*'], body: [[{ stack: [{ text: t.document.secretariatComment, bold: true, color: BLUE, margin: [0, 0, 0, 4] }, ...(chapter.commentChanged ? [{ text: t.document.narrativeChanged.replace(' {version}', ''), italics: true, color: '#8a4b00' }] : []), ...chapter.comment.map((p) => ({ text: p, margin: [0, 0, 0, 4] }))], margin: [6, 4, 6, 4], fillColor: '#fdf6e9' }]] },
        layout: { hLineWidth: () => 0, vLineWidth: (i: number) => (i === 0 ? 4 : 0), vLineColor: () => '#E69F00' },
        margin: [0, 8, 0, 8],
      });
    }
    for (const chart of chapter.charts) {
      content.push({
        stack: [
          { text: `${t.document.chart} — ${chart.title}`, bold: true, margin: [0, 10, 0, 4] },
          { svg: chart.svg, width: Math.min(WIDTH, svgWidth(chart.svg)) },
          { text: [{ text: `${t.document.textAlternative}${t.document.colon}`, bold: true }, chart.alt], fontSize: 7.5, color: '#444444', margin: [0, 4, 0, 8] },
        ],
        unbreakable: true,
      });
    }
    for (const table of chapter.tables) content.push(...titledTable(table, t.document.none));
  }
  doc.annexes.forEach((annex, i) => {
    content.push(heading(`${t.document.annex} ${String.fromCharCode(65 + i)}. ${annex.title}`, annex.id));
    if (annex.intro) content.push({ text: annex.intro, margin: [0, 0, 0, 8] });
    for (const table of annex.tables) content.push(...titledTable(table, t.document.none));
  });
  content.push({ text: t.document.generatedBy, fontSize: 8, color: '#555555', margin: [0, 20, 0, 0] });

  const definition = {
    info: { title: doc.title, author: `${t.document.region} ${doc.regionName}`, subject: doc.subtitle, creator: 'SCORAN Ledger', producer: 'SCORAN Ledger', creationDate: at, modDate: at },
    language: doc.locale,
    tagged: true,
    displayTitle: true,
    version: '1.7',
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 45],
    defaultStyle: { font: 'DejaVu', fontSize: 9.5, lineHeight: 1.15 },
    styles: {
      h1: { fontSize: 16, bold: true, color: BLUE, margin: [0, 0, 0, 10] },
      h2: { fontSize: 11, bold: true, color: BLUE, margin: [0, 10, 0, 4] },
      tableTitle: { fontSize: 9.5, bold: true, color: BLUE, margin: [0, 10, 0, 3] },
      th: { bold: true, color: '#ffffff', fillColor: BLUE },
    },
    header: (page: number) => (page === 1 ? null : { columns: [{ text: `${t.document.region} ${doc.regionName}` }, { text: `${t.document.title} — ${doc.semester}`, alignment: 'right' }], margin: [40, 20, 40, 0], fontSize: 7.5, color: '#555555' }),
    footer: (page: number, pages: number) => ({ text: fill(t.document.page, { page, pages }), alignment: 'center', fontSize: 7.5, color: '#555555', margin: [0, 15, 0, 0] }),
    content,
  };
  return pdfmake.createPdf(definition).getBuffer();
}

function cutoffOf(doc: ReportDocument): string {
  return doc.cutoffInstant;
}

function headingNode(text: string, id: string): Node {
  void id; // no node id: pdfmake re-runs its preprocessor on relayout and then refuses ids it has seen
  return { text, style: 'h1', tocItem: true, pageBreak: 'before', pageOrientation: 'portrait' };
}

function tableNode(table: DocTable, none: string, available: number): Node {
  const many = table.headers.length;
  const fontSize = many > 10 ? 6 : many > 7 ? 7 : 8;
  const header = table.headers.map((h, i) => ({ text: h, style: 'th', alignment: table.numeric[i] ? 'right' : 'left' }));
  const body: Node[][] = [header];
  if (table.rows.length === 0) body.push([{ text: none, colSpan: many, italics: true }, ...Array.from({ length: many - 1 }, () => '')]);
  for (const row of table.rows) body.push(row.map((cell, i) => (table.numeric[i] ? { text: cell.text, alignment: 'right', noWrap: true } : cell.text)));
  if (table.totals) body.push(table.totals.map((cell, i) => ({ text: cell?.text ?? '', bold: true, alignment: table.numeric[i] ? 'right' : 'left' })));
  // Widths from the text itself (average cell length, bounded), not measured cell by cell: a long
  // title gets room, a number column stays narrow, and long tables stay affordable to lay out.
  const sample = table.rows.slice(0, 200);
  // Every column fits its longest header word (bold DejaVu: about 0.7 em a character) and its
  // numbers; the rest of the width goes to the text columns by their average length.
  const longestWord = (text: string) => Math.max(...text.split(/\s+/).map((word) => word.length));
  const minimum = table.headers.map((header, i) => Math.max(longestWord(header), table.numeric[i] ? Math.max(0, ...sample.map((row) => row[i].text.length)) : 4) * fontSize * 0.72);
  const weights = table.headers.map((_, i) => (table.numeric[i] ? 0 : Math.min(40, Math.max(4, sample.length ? sample.reduce((n, row) => n + row[i].text.length, 0) / sample.length : 4))));
  // pdfmake adds each cell's padding (4 pt either side) to the width it is given.
  const room = available - 8 * table.headers.length - 1;
  const spare = room - minimum.reduce((a, b) => a + b, 0);
  const totalWeight = weights.reduce((a, b) => a + b, 0) || 1;
  const widths = spare > 0 ? minimum.map((m, i) => m + (spare * weights[i]) / totalWeight) : minimum.map((m) => (m * room) / (room - spare));
  return {
    table: { headerRows: 1, dontBreakRows: true, widths, body },
    fontSize,
    layout: {
      hLineWidth: (i: number) => (i <= 1 ? 1 : 0.4),
      vLineWidth: () => 0.4,
      hLineColor: () => '#9fb3c8',
      vLineColor: () => '#9fb3c8',
      fillColor: (row: number) => (row > 0 && row % 2 === 0 ? '#f1f5f9' : null),
    },
  };
}

function svgWidth(svg: string): number {
  return Number(/width="(\d+(?:\.\d+)?)"/.exec(svg)?.[1] ?? WIDTH);
}
