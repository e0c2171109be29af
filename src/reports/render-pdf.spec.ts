import { CODE_FIELDS_OF_FEATURES } from '../app/features.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { TerritoryService } from '../territory/territory.service.js';
import { buildDocument } from './document/report-document.js';
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

/** An empty log's report with a commitments table of ROWS rows: a table that runs over dozens of pages. */
async function largeContent(dir: string): Promise<ReportContent> {
  const store = new SqliteEventStore({ path: join(dir, 'events.db'), synchronous: 'NORMAL' });
  try {
    const content = (
      await generateReport(
        store,
        reportSections({ commitments: { atRiskThreshold: 0.1, breachGraceDays: 0, lapseCheckMinutes: 60 } }),
        territories,
        CODE_FIELDS_OF_FEATURES,
        { region: '52', semester: { year: 2026, half: 1 } },
      )
    ).content;
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
  } finally {
    await store.close();
  }
}

describe('The PDF of a large report', () => {
  let dir: string;
  let content: ReportContent;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scoran-pdf-large-'));
    content = await largeContent(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const render = () =>
    renderPdf(
      buildDocument({
        content,
        sha256: 'a'.repeat(64),
        lang: 'fr',
        places: { departement: (code) => territories.departement(code)?.name, commune: (code) => territories.commune(code)?.name },
      }),
    );

  it('gives the same bytes when rendered again', async () => {
    expect((await render()).equals(await render())).toBe(true);
  }, 60_000);

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
