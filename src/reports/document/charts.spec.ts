import PDFDocument from 'pdfkit';
import { DEJAVU } from '../pdf-fonts.js';
import { bars, lines } from './charts.js';
import { Formats } from './format.js';

/** Widths of texts in the charts' font (DejaVu Sans), measured with its real metrics. */
const measurer = new PDFDocument({ autoFirstPage: false });
measurer.registerFont('R', DEJAVU.normal);
const widthOf = (text: string, size: number) => measurer.font('R').fontSize(size).widthOfString(text);

/** Every text of an SVG chart with its left x, baseline y, size and anchor. */
function textsOf(svg: string): { x: number; y: number; size: number; anchor: string; text: string }[] {
  return [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)"([^>]*)>([^<]*)<\/text>/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    size: Number(/font-size="([\d.]+)"/.exec(m[3])?.[1] ?? 10),
    anchor: /text-anchor="(\w+)"/.exec(m[3])?.[1] ?? 'start',
    text: m[4]
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'"),
  }));
}
const viewBoxOf = (svg: string) => /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg)!.slice(1).map(Number);

/** The national synthesis's trend: four figures with long names, as its legend shows them. */
const NAMES = [
  'Locaux FttH prévus — Réseaux d’initiative publique (RIP)',
  'Locaux FttH raccordables — Réseaux d’initiative publique (RIP)',
  'Engagements à risque — Engagements des acteurs',
  'Zones blanches ouvertes — Zones blanches',
];

describe('A chart’s legend', () => {
  const f = new Formats('fr');
  const semesters = ['2025-S1', '2025-S2', '2026-S1'];
  const charts = [
    lines(
      'trend',
      'Évolution',
      semesters,
      NAMES.map((name, i) => ({ name, values: [i, i + 1, i + 2] })),
      'locaux',
      f,
      '{series} : {values}',
    ),
    bars(
      'grouped',
      'Par département',
      ['Loire-Atlantique', 'Vendée'],
      NAMES.map((name, i) => ({ name, values: [i, i + 1] })),
      'locaux',
      f,
    ),
  ];

  it.each(charts.map((c) => [c.key, c]))('fits every text of the %s chart, legend included, within its viewBox', (_, chart) => {
    const [width, height] = viewBoxOf(chart.svg);
    const texts = textsOf(chart.svg);
    for (const name of NAMES) expect(texts.map((t) => t.text)).toContain(name);
    for (const t of texts.filter((t) => t.anchor === 'start')) {
      expect(t.x + widthOf(t.text, t.size)).toBeLessThanOrEqual(width);
      expect(t.y).toBeLessThanOrEqual(height);
    }
  });

  it('wraps onto a second row rather than running past the right edge', () => {
    const legendRows = new Set(
      textsOf(charts[0].svg)
        .filter((t) => NAMES.includes(t.text))
        .map((t) => t.y),
    );
    expect(legendRows.size).toBeGreaterThan(1);
  });
});
