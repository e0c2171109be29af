import pdfmake from 'pdfmake';
// Registers the embedded DejaVu fonts and the no-network access policy with pdfmake.
import '../reports/pdf-fonts.js';
import { bars } from '../reports/document/charts.js';
import { fill, Formats, type Lang } from '../reports/document/format.js';
import { nationalCatalogue } from './national-catalogue.js';
import { CHARTED, coverFacts, figureLabel, sealLines, trendChart } from './national-document.js';
import type { SynthesisContent, SynthesisDocumentExtras } from './national-synthesis.js';
import type { IssuedSynthesisRow } from './national.service.js';

const BLUE = '#0b3a5d';

/** The synthesis as an A4 PDF laid out by pdfmake, like the regional report; same content, same bytes. */
export function synthesisPdf(
  content: SynthesisContent,
  sha256: string,
  lang: Lang,
  issued: IssuedSynthesisRow | undefined,
  extras: SynthesisDocumentExtras,
): Promise<Buffer> {
  const t = nationalCatalogue(lang);
  const f = new Formats(lang);
  const show = (n: number | null) => (n === null ? '—' : f.number(n));
  const th = (text: string) => ({ text, bold: true, color: '#ffffff', fillColor: BLUE });
  const figures = (rows: SynthesisContent['totals']) => ({
    table: {
      headerRows: 1,
      widths: ['*', 60, 60, 60],
      body: [
        [th(t.figure), th(t.value), th(t.previous), th(t.change)],
        ...rows.map((x) => [
          figureLabel(x.key, lang),
          { text: show(x.value), alignment: 'right' },
          { text: show(x.previous), alignment: 'right' },
          { text: x.change === null ? '—' : f.signed(x.change), alignment: 'right' },
        ]),
      ],
    },
    fontSize: 8,
  });
  const reported = content.regions.filter((r) => r.status !== 'missing');
  const charts = CHARTED.flatMap((key) => {
    const rows = reported.filter((r) => r.figures.some((x) => x.key === key));
    if (rows.length === 0) return [];
    const label = figureLabel(key, lang);
    const chart = bars(
      `national-${key}`,
      fill(t.chartTitle, { figure: label }),
      rows.map((r) => r.name),
      [{ name: label, values: rows.map((r) => r.figures.find((x) => x.key === key)!.value) }],
      label,
      f,
      { horizontal: true },
    );
    return [
      { text: chart.title, bold: true, color: BLUE, margin: [0, 10, 0, 4] },
      { svg: chart.svg, width: 515 },
    ];
  });
  const trend = trendChart(extras, lang, f);
  const trendBlock = trend
    ? [
        { text: t.trendTitle, bold: true, color: BLUE, fontSize: 13, margin: [0, 10, 0, 4] },
        { svg: trend.svg, width: 515 },
        { text: fill(t.trendReported, { list: extras.trend.map((p) => `${p.semester} ${p.reported}`).join(', ') }), fontSize: 7.5, color: '#555555' },
      ]
    : [];
  const at = new Date(`${content.semester.slice(0, 4)}-01-01T00:00:00Z`);
  const definition = {
    info: { title: `${t.title} — ${content.semester}`, creator: 'SCORAN Ledger', producer: 'SCORAN Ledger', creationDate: at, modDate: at },
    language: lang === 'fr' ? 'fr-FR' : 'en-GB',
    tagged: true,
    displayTitle: true,
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 45],
    defaultStyle: { font: 'DejaVu', fontSize: 9.5, lineHeight: 1.15 },
    footer: (page: number, pages: number) => ({ text: `${page} / ${pages}`, alignment: 'center', fontSize: 7.5, color: '#555555', margin: [0, 15, 0, 0] }),
    content: [
      // The cover page.
      { text: t.coverIssuer, color: '#444444', margin: [0, 120, 0, 30] },
      { text: t.title, fontSize: 28, bold: true, color: BLUE },
      { text: t.subtitle, color: '#444444', fontSize: 12, margin: [0, 8, 0, 30] },
      { text: fill(t.semester, { semester: content.semester, previous: content.previousSemester }), fontSize: 16, bold: true },
      { text: coverFacts(content, lang), margin: [0, 12, 0, 6] },
      { text: issued ? sealLines(content, sha256, lang, issued, extras)[0] : t.notIssued, margin: [0, 0, 0, 6] },
      { text: fill(t.fingerprint, { sha256 }), fontSize: 7.5, color: '#555555', pageBreak: 'after' },
      { text: t.missingTitle, bold: true, color: BLUE, fontSize: 13 },
      content.missing.length ? { ul: content.regions.filter((r) => r.status === 'missing').map((r) => `${r.name} (${r.region})`) } : { text: t.noneMissing },
      { text: t.regionsTitle, bold: true, color: BLUE, fontSize: 13, margin: [0, 10, 0, 4] },
      {
        table: {
          headerRows: 1,
          widths: ['*', 70, 90, 70, 90],
          body: [
            [th(t.region), th(t.status), th(t.source), th(t.issuedAt), th(t.issuedBy)],
            ...content.regions.map((r) => [
              `${r.name} (${r.region})`,
              t.statuses[r.status] ?? r.status,
              r.source ? (t.sources[r.source] ?? r.source) : '—',
              r.issuedAt ? f.parisDateTime(r.issuedAt).date : '—',
              r.issuedBy ?? '—',
            ]),
          ],
        },
        fontSize: 8,
      },
      ...charts,
      ...trendBlock,
      { text: t.totalsTitle, bold: true, color: BLUE, fontSize: 13, margin: [0, 10, 0, 4], pageBreak: 'before' },
      figures(content.totals),
      ...reported.flatMap((r) => [{ text: r.name, bold: true, color: BLUE, margin: [0, 10, 0, 4] }, figures(r.figures)]),
      { text: t.sealTitle, bold: true, color: BLUE, fontSize: 13, margin: [0, 20, 0, 4] },
      ...sealLines(content, sha256, lang, issued, extras).map((line) => ({ text: line, fontSize: 8.5, margin: [0, 0, 0, 3] })),
    ],
  };
  return pdfmake.createPdf(definition).getBuffer();
}
