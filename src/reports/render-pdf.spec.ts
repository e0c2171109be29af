import { CODE_FIELDS_OF_FEATURES } from '../app/features.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { TerritoryService } from '../territory/territory.service.js';
import { buildDocument, type ReportDocument } from './document/report-document.js';
import { generateReport, type ReportContent } from './report-generator.js';
import { reportSections } from '../app/report-sections.js';
import { renderPdf } from './render-pdf.js';

const territories = new TerritoryService();
territories.load();
const ROWS = 1500;
const has = (tool: string) => {
  try {
    execFileSync('which', [tool], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** The report of an empty log (region 52, 2026-S1). */
async function emptyContent(dir: string): Promise<ReportContent> {
  const store = new SqliteEventStore({ path: join(dir, 'events.db'), synchronous: 'NORMAL' });
  try {
    return (
      await generateReport(
        store,
        reportSections({ commitments: { atRiskThreshold: 0.1, breachGraceDays: 0, lapseCheckMinutes: 60 } }),
        territories,
        CODE_FIELDS_OF_FEATURES,
        { region: '52', semester: { year: 2026, half: 1 } },
      )
    ).content;
  } finally {
    await store.close();
  }
}

/** An empty log's report with a commitments table of ROWS rows: a table that runs over dozens of pages. */
async function largeContent(dir: string): Promise<ReportContent> {
  const content = await emptyContent(dir);
  const table = content.sections.find((s) => s.key === 'commitments')!.tables.find((t) => t.name === 'commitments')!;
  table.rows = Array.from({ length: ROWS }, (_, i) => ({
    commitment: `c-${i}`,
    actor: 'cd-44',
    subject: 'fixed_coverage',
    title: `Engagement numéro ${String(i).padStart(4, '0')} de couverture FttH`,
    target: 1000 + i,
    unit: 'ftth_premises',
    current_value: 500 + i,
    as_of: '2026-06-30',
    due_date: '2027-12-31',
    standing: 'on_track',
    previous_standing: 'at_risk',
  }));
  return content;
}

/** An element of the PDF's structure tree as poppler reads it: its type, attributes, text and children in reading order. */
interface Element {
  type: string;
  attributes: string;
  children: (Element | string)[];
}
const textOf = (e: Element | string): string => (typeof e === 'string' ? e : e.children.map(textOf).join(''));
/** Poppler joins the lines of a wrapped text without a space: texts are compared without their spaces. */
const bare = (text: string) => text.replace(/\s+/g, '');
const all = (e: Element, type: string): Element[] =>
  e.children.flatMap((c) => (typeof c === 'string' ? [] : [...(c.type === type ? [c] : []), ...all(c, type)]));

/** `pdfinfo -struct-text`, an indented listing, read back into a tree. */
function structureOf(file: string): Element {
  const root: Element = { type: '', attributes: '', children: [] };
  const stack: { element: Element; indent: number }[] = [{ element: root, indent: -1 }];
  for (const raw of execFileSync('pdfinfo', ['-struct-text', file], { maxBuffer: 1 << 28 })
    .toString()
    .split('\n')) {
    if (raw.trim() === '') continue;
    const indent = raw.search(/\S/);
    while (stack[stack.length - 1].indent >= indent) stack.pop();
    const parent = stack[stack.length - 1].element;
    const line = raw.trim();
    if (line.startsWith('"')) parent.children.push(line.slice(1, -1));
    else if (line.startsWith('/')) parent.attributes += line;
    else if (!line.startsWith('Object ')) {
      const element: Element = { type: /^\w+/.exec(line)![0], attributes: '', children: [] };
      parent.children.push(element);
      stack.push({ element, indent });
    }
  }
  return root;
}

/** The objects of the PDF's compressed object streams (the structure tree is written in them), as text. */
function objectStreams(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  return [...raw.matchAll(/\/Type \/ObjStm\n\/N \d+\n\/First \d+\n\/Filter \/FlateDecode\n\/Length (\d+)\n>>\nstream\n/g)]
    .map((m) => inflateSync(pdf.subarray(m.index + m[0].length, m.index + m[0].length + Number(m[1]))).toString('latin1'))
    .join('\n');
}

/** The Alt of the Figure elements (pdfinfo does not print it): UTF-16BE text strings with a byte-order mark, in hex. */
function altsOf(pdf: Buffer): string[] {
  return [...objectStreams(pdf).matchAll(/\/S \/Figure \/Alt <FEFF([0-9A-F]*)>/g)].map((m) => Buffer.from(m[1], 'hex').swap16().toString('utf16le'));
}

describe('The PDF of a large report', () => {
  let dir: string;
  let content: ReportContent;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scoran-pdf-large-'));
    content = await largeContent(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const build = () =>
    buildDocument({
      content,
      sha256: 'a'.repeat(64),
      lang: 'fr',
      places: { departement: (code) => territories.departement(code)?.name, commune: (code) => territories.commune(code)?.name },
    });
  const render = () => renderPdf(build());
  /** With a chart in the commitments chapter (an empty log draws none). */
  const withChart = (): ReportDocument => {
    const doc = build();
    doc.chapters
      .find((c) => c.tables.some((t) => t.key === 'commitments'))!
      .charts.push({
        key: 'test-chart',
        title: 'Locaux programmés par département',
        alt: 'Loire-Atlantique : 1 000 locaux ; Vendée : 500 locaux.',
        svg: '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><rect x="10" y="10" width="200" height="80" fill="#0072B2"/><rect x="10" y="100" width="100" height="80" fill="#E69F00"/></svg>',
      });
    return doc;
  };

  it('gives the same bytes when rendered again', async () => {
    expect((await render()).equals(await render())).toBe(true);
  }, 60_000);

  (has('pdfinfo') ? it : it.skip)(
    `is tagged: a structure tree in reading order, headings, figures with their text alternative, table cells${has('pdfinfo') ? '' : ' (NOT RUN: no poppler-utils)'}`,
    async () => {
      const doc = withChart();
      const file = join(dir, 'tagged.pdf');
      writeFileSync(file, await renderPdf(doc));
      expect(execFileSync('pdfinfo', [file]).toString()).toMatch(/Tagged:\s+yes/);
      const tree = structureOf(file);
      expect(tree.children.map((e) => (typeof e === 'string' ? e : e.type))).toEqual(['Document']);
      const document = tree.children[0] as Element;
      // A section per part: cover, contents, synthesis, checklist, each chapter, each annex; each headed by its H1.
      const sections = document.children.filter((e): e is Element => typeof e !== 'string' && e.type === 'Sect');
      expect(sections).toHaveLength(4 + doc.chapters.length + doc.annexes.length);
      const headings = sections.map((s) => bare(textOf(all(s, 'H1')[0])));
      expect(headings).toEqual(
        [
          doc.t.document.title,
          doc.t.document.contents,
          doc.t.document.synthesis,
          doc.t.document.checklist,
          ...doc.chapters.map((c) => `${c.number}. ${c.title}`),
          ...doc.annexes.map((a, i) => `${doc.t.document.annex} ${String.fromCharCode(65 + i)}. ${a.title}`),
        ].map(bare),
      );
      // The contents: an entry per heading, each a link.
      expect(all(document, 'TOCI').map((e) => bare(textOf(all(e, 'Link')[0])))).toEqual(headings.slice(2));
      expect(all(sections[2], 'H2').map(textOf)).toContain(doc.t.document.keyFigures);
      // The charts, in order: a Figure each, with its caption and its text alternative as Alt.
      const charts = doc.chapters.flatMap((c) => c.charts);
      expect(charts.map((c) => c.title)).toContain('Locaux programmés par département');
      expect(all(document, 'Figure').map((f) => bare(textOf(all(f, 'Caption')[0])))).toEqual(charts.map((c) => bare(`${doc.t.document.chart} — ${c.title}`)));
      expect(altsOf(readFileSync(file))).toEqual(charts.map((c) => c.alt));
      // The commitments table: its header once (TH, scope Column), then every row in order, a cell per column.
      const table = all(document, 'Table').find((t) => all(t, 'TD').some((td) => /Engagement numéro 0000/.test(textOf(td))))!;
      const rows = all(table, 'TR');
      const headers = doc.chapters.flatMap((c) => c.tables).find((t) => t.key === 'commitments')!.headers;
      expect(all(rows[0], 'TH').map((th) => th.attributes)).toEqual(headers.map(() => '/Scope /Column'));
      expect(all(rows[0], 'TH').map((th) => bare(textOf(th)))).toEqual(headers.map(bare));
      expect(all(table, 'TH')).toHaveLength(headers.length);
      const titles = rows.slice(1).map((r) =>
        all(r, 'TD')
          .map((td) => textOf(td).replace(/\s+/g, ''))
          .find((t) => t.startsWith('Engagementnuméro')),
      );
      expect(titles).toEqual(Array.from({ length: ROWS }, (_, i) => `Engagementnuméro${String(i).padStart(4, '0')}decouvertureFttH`));
      expect(rows.slice(1).every((r) => all(r, 'TD').length === headers.length)).toBe(true);
      // Running header, footer and page numbers are artifacts: not in the tree.
      expect(textOf(document)).not.toMatch(/page \d+ \/ \d+/);
    },
    120_000,
  );

  (has('pdftotext') ? it : it.skip)(
    `holds every row, the header on every page the table runs onto, and page n / N${has('pdftotext') ? '' : ' (NOT RUN: no poppler-utils)'}`,
    async () => {
      const file = join(dir, 'large.pdf');
      writeFileSync(file, await render());
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())![1]);
      const pageText = (n: number) => execFileSync('pdftotext', ['-raw', '-f', String(n), '-l', String(n), file, '-']).toString();
      const texts = Array.from({ length: pages }, (_, i) => pageText(i + 1));
      const all = texts.join('\n');
      for (let i = 0; i < ROWS; i++) expect(all).toContain(`Engagement numéro ${String(i).padStart(4, '0')} de couverture FttH`);
      // The table's pages (the synthesis's highlights, in bullets, name the same commitments).
      const tablePages = texts.filter((text) => /Engagement numéro \d{4}/.test(text) && !text.includes('•'));
      expect(tablePages.length).toBeGreaterThan(20);
      // The header row (its first cells) again on each of those pages, above its first row.
      for (const text of tablePages) {
        const header = text.search(/Acteur Objet Intitulé|Enregistrement Déclaré\s+par/);
        expect(header).toBeGreaterThanOrEqual(0);
        expect(header).toBeLessThan(text.search(/Engagement numéro \d{4}/));
      }
      texts.forEach((text, i) => expect(text).toContain(`page ${i + 1} / ${pages}`));
      // The contents give the page the commitments chapter starts on.
      const chapterPage = texts.findIndex((text) => /^\d+\. Engagements des acteurs$/.test(text.split('\n')[2])) + 1;
      expect(chapterPage).toBeGreaterThan(2);
      expect(texts[1]).toMatch(new RegExp(`Engagements des acteurs ${chapterPage}\\b`));
    },
    120_000,
  );
});

describe('The text of the PDF as extraction and screen readers read it', () => {
  let dir: string;
  let content: ReportContent;
  const summary =
    'Le déploiement de la fibre optique progresse dans les cinq départements de la région, avec un retard sur les zones rurales les plus isolées que le syndicat mixte compte résorber avant la fin de l’année prochaine grâce aux nouveaux marchés de travaux.';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scoran-pdf-text-'));
    content = await emptyContent(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The PDF of a re-issue whose summary changed: `previous` was the summary of the issue it replaces. */
  const reissue = async (previous: string) => {
    const file = join(dir, `reissue-${previous.length}.pdf`);
    writeFileSync(
      file,
      await renderPdf(
        buildDocument({
          content,
          sha256: 'b'.repeat(64),
          lang: 'fr',
          narrative: { summary, comments: {}, changedSince: { version: 1, keys: ['summary'], previous: { summary: previous, comments: {} } } },
        }),
      ),
    );
    return file;
  };

  (has('pdfinfo') && has('pdftotext') ? it : it.skip)(
    `reads the words struck out of a re-issue as removed, not as current text${has('pdfinfo') ? '' : ' (NOT RUN: no poppler-utils)'}`,
    async () => {
      const file = await reissue(summary.replace('cinq départements', 'quatre départements').replace('grâce aux nouveaux marchés', 'avec les marchés'));
      const text = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, ' ');
      // Each removed or added run is read as such, through its ActualText...
      for (const run of ['[texte retiré : quatre]', '[texte ajouté : cinq]', '[texte retiré : avec les]', '[texte ajouté : grâce aux nouveaux]'])
        expect(text).toContain(run);
      // ...and the struck-out words are never read as words of the text (the added ones are only read in their run).
      expect(text.replace(/\[texte retiré : [^\]]*\]/g, '')).not.toMatch(/quatre|avec les marchés/);
      // In the structure: the marked text is a paragraph with a Span per run (four runs here).
      const box = all(structureOf(file), 'P').find((p) => all(p, 'Span').length > 0)!;
      expect(all(box, 'Span')).toHaveLength(4);
    },
    120_000,
  );
});
