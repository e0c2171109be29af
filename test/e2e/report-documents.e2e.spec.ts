import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { loadDemo } from '../../src/demo/demo-loader.js';
import { countColour, decodePng } from '../png.js';
import { getBytes } from './http-get.js';
import { codesOf, newCommandId, startTestService, type TestService } from './harness.js';

/** Code identifiers a reader must never see: snake_case, camelCase enum keys, UUIDs. */
const CODE_IDENTIFIER = /\b[a-z]+_[a-z_]+\b|\b[a-z]+[A-Z][a-zA-Z]+\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/;
const FRENCH_HEADINGS = [
  'Synthèse du semestre',
  'Chiffres clés',
  'Faits marquants du semestre',
  'Réseaux d’initiative publique (RIP)',
  'Zones blanches',
  'Engagements des acteurs',
  'Carte des initiatives par département',
  'Annexe A. Tableaux complets',
  'Sources des chiffres',
];
const has = (name: string) => {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** The visible text of an HTML page: without the style sheet, tags, and entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t\r\n]+/g, ' ');
}

describe('The semestrial report as a document (Pays de la Loire demo, 2018-S2)', () => {
  let service: TestService;
  let token: string;
  let secretariat: string;
  const get = (path: string) => getBytes(service.app, path, token);

  beforeAll(async () => {
    service = await startTestService();
    const result = await loadDemo(service.app);
    expect(result.loaded).toBe(true);
    token = await service.token('region-52', 'representative');
    secretariat = await service.token('region-52', 'commission_secretariat');
  }, 180_000);

  afterAll(async () => {
    await service?.close();
  });

  it('is French by default: French headings, grouped numbers, dates in words, the cut-off in Paris time, no code identifier in the text', async () => {
    const response = await get('/reports/52/2018-S2/report.html');
    expect(response.status).toBe(200);
    expect(response.headers['content-language']).toBe('fr');
    const html = response.body.toString();
    expect(html).toContain('<html lang="fr">');
    const text = visibleText(html);
    for (const heading of FRENCH_HEADINGS) expect(text).toContain(heading);
    expect(text).toContain('état connu au 31 décembre 2018 à 23 h 59 (heure de Paris)');
    expect(text).toContain('du 1er juillet 2018 au 31 décembre 2018');
    // 533 000 000 € with narrow no-break spaces, and 555 000 premises.
    expect(text).toContain('533\u202f000\u202f000\u00a0€');
    expect(text).toContain('555\u202f000');
    expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}T/);
    const identifiers = text.replace(/[0-9a-f]{64}/g, '').match(new RegExp(CODE_IDENTIFIER, 'g')) ?? [];
    expect(identifiers).toEqual([]);
    // Human labels: projects by name, communes with their code.
    expect(text).toContain('Loire-Atlantique Très Haut Débit');
    expect(text).toMatch(/[A-ZÉ][\w’' -]+ \(44\d{3}\)/);
  });

  it('draws every chart with a title and a text alternative; every table complete', async () => {
    const html = (await get('/reports/52/2018-S2/report.html')).body.toString();
    const figures = [...html.matchAll(/<figure class="chart" data-chart="([^"]+)"[\s\S]*?<\/figure>/g)];
    expect(figures.map((f) => f[1])).toEqual(
      expect.arrayContaining([
        'premises-by-departement',
        'premises-over-semesters',
        'milestone-timeline',
        'financing-by-funder',
        'commitments-by-standing',
        'white-zones-by-kind-status',
        'usage-by-domain',
        'map-tiles',
      ]),
    );
    for (const [figure] of figures) {
      expect(figure).toMatch(/<figcaption>Graphique — .+<\/figcaption>/);
      expect(figure).toMatch(/<p class="alt"><strong>Lecture du graphique\s:<\/strong> .{20,}<\/p>/);
      expect((figure.match(/<(rect|path|circle)\b/g) ?? []).length).toBeGreaterThan(1);
      expect(figure).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    }
    const json = JSON.parse((await get('/reports/52/2018-S2/report.json')).body.toString());
    const rowsOf = (name: string) =>
      json.sections.flatMap((s: { tables: { name: string; rows: unknown[] }[] }) => s.tables).find((t: { name: string }) => t.name === name).rows.length;
    for (const name of ['decisions', 'network-phasing', 'white-zones', 'commitments']) {
      const table = new RegExp(`<table data-table="${name}">[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>`).exec(html)![1];
      expect((table.match(/<tr>/g) ?? []).length).toBe(rowsOf(name));
    }
  });

  it('is English on request, and refuses an unknown language writing nothing', async () => {
    const html = (await get('/reports/52/2018-S2/report.html?lang=en')).body.toString();
    expect(html).toContain('<html lang="en">');
    expect(visibleText(html)).toContain('as known on 31 December 2018 at 23:59 (Paris time)');
    expect(visibleText(html)).toContain('The semester in brief');
    for (const path of [
      '/reports/52/2018-S2/report.pdf?lang=de',
      '/reports/52/2018-S2/report.html?lang=FR',
      '/reports/52/2018-S2/tables/commitments.csv?dialect=excel-fr&lang=xx',
      '/reports/52/2018-S2/report.xlsx?lang=fr&lang=en',
    ]) {
      const bad = await get(path);
      expect(bad.status).toBe(400);
      expect(JSON.parse(bad.body.toString())).toMatchObject({ error: { code: 'BAD_USER_INPUT', fields: ['lang'] } });
    }
    const gql = await service.graphql(`{ semestrialReport(region: "52", semester: "2018-S2", lang: "de") { sha256 } }`, {}, token);
    expect(codesOf(gql)).toEqual(['BAD_USER_INPUT']);
    const en = await service.graphql(
      `{ semestrialReport(region: "52", semester: "2018-S2", lang: "en") { sections { key label tables { name columns columnLabels } } links { pdf } } }`,
      {},
      token,
    );
    expect(en.body.errors).toBeUndefined();
    const commitments = en.body.data!.semestrialReport.sections.find((s: { key: string }) => s.key === 'commitments');
    expect(commitments.label).toBe('Commitments of the actors');
    expect(commitments.tables[0].columns).toContain('due_date');
    expect(commitments.tables[0].columnLabels).toContain('Due date');
    expect(en.body.data!.semestrialReport.links.pdf).toBe('/reports/52/2018-S2/report.pdf?lang=en');
  });

  it('gives the same bytes on regeneration, in every format and both languages', async () => {
    for (const lang of ['fr', 'en']) {
      for (const format of ['html', 'pdf', 'xlsx']) {
        const first = (await get(`/reports/52/2018-S2/report.${format}?lang=${lang}`)).body as Buffer;
        const again = (await get(`/reports/52/2018-S2/report.${format}?lang=${lang}`)).body as Buffer;
        expect(first.length).toBeGreaterThan(1000);
        expect(Buffer.compare(first, again)).toBe(0);
      }
      const csv = (await get(`/reports/52/2018-S2/tables/commitments.csv?dialect=excel-fr&lang=${lang}`)).body as Buffer;
      expect(Buffer.compare(csv, (await get(`/reports/52/2018-S2/tables/commitments.csv?dialect=excel-fr&lang=${lang}`)).body as Buffer)).toBe(0);
    }
  }, 120_000);

  it('gives a workbook with a sheet per table, typed cells, frozen French headers; and a CSV French Excel opens', async () => {
    const xlsx = (await get('/reports/52/2018-S2/report.xlsx')).body as Buffer;
    const zip = await JSZip.loadAsync(xlsx);
    const workbook = await zip.file('xl/workbook.xml')!.async('string');
    const sheets = [...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]);
    expect(sheets).toEqual(expect.arrayContaining(['Sommaire', 'Engagements, par échéance', 'Inventaire des zones blanche']));
    const index = sheets.indexOf('Engagements, par échéance') + 1;
    const sheet = await zip.file(`xl/worksheets/sheet${index}.xml`)!.async('string');
    expect(sheet).toContain('state="frozen"');
    expect(sheet).toMatch(/<c r="[A-Z]+2"[^>]*><v>\d+<\/v><\/c>/); // a number stored as a number
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    expect(strings).toContain('Échéance');
    const csv = (await get('/reports/52/2018-S2/tables/commitments.csv?dialect=excel-fr')).body as Buffer;
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, first] = csv.toString('utf8').slice(1).split('\r\n');
    expect(header).toBe(
      'Acteur;Objet;Intitulé;Cible;Unité;Valeur atteinte;Situation au;Source de l’avancement;Avancement déclaré par;Échéance;Situation;Situation au rapport précédent',
    );
    expect(first).toMatch(/^[^;]+;[^;]+;[^;]+;\d+;[^;]+;\d*;(\d{2}\/\d{2}\/\d{4})?;[^;]*;[^;]*;\d{2}\/\d{2}\/\d{4};/);
  });

  (has('pdftotext') && has('pdftoppm') ? it : it.skip)(
    `gives a PDF with the French text, an embedded font, page numbers and drawn charts${has('pdftotext') ? '' : ' (NOT RUN: no poppler-utils)'}`,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'scoran-pdf-'));
      try {
        const file = join(dir, 'report.pdf');
        writeFileSync(file, (await get('/reports/52/2018-S2/report.pdf')).body as Buffer);
        const info = execFileSync('pdfinfo', [file]).toString();
        expect(info).toMatch(/Title:\s+Rapport semestriel SCORAN 2e semestre 2018 — Pays de la Loire/);
        expect(info).toMatch(/Tagged:\s+yes/);
        const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
        expect(pages).toBeGreaterThan(10);
        expect(execFileSync('pdffonts', [file]).toString()).toMatch(/DejaVuSans\s+CID TrueType\s+Identity-H\s+yes yes yes/);
        // -raw: in content order, without joining words hyphenated across lines ("Maine-\net-Loire" would read "MaineetLoire").
        const text = execFileSync('pdftotext', ['-raw', file, '-']).toString();
        for (const heading of FRENCH_HEADINGS) expect(text).toContain(heading);
        expect(text).toContain(`page ${pages} / ${pages}`);
        // pdftotext writes the narrow no-break spaces as spaces.
        expect(text).toMatch(/533\s000\s000\s€/);
        expect(text.replace(/[0-9a-f]{64}/g, '').match(new RegExp(CODE_IDENTIFIER, 'g')) ?? []).toEqual([]);
        // The first chart's page (found by its caption: the pages before it grow with the chapters): the grouped bars are drawn in #0072B2.
        const pageText = (n: number) =>
          execFileSync('pdftotext', ['-raw', '-f', String(n), '-l', String(n), file, '-'])
            .toString()
            .replace(/\s+/g, ' ');
        const chartPage = Array.from({ length: pages }, (_, i) => i + 1).find((n) =>
          pageText(n).includes('Graphique — Locaux FttH prévus, construits et raccordables par département'),
        );
        expect(chartPage).toBeDefined();
        execFileSync('pdftoppm', ['-r', '50', '-png', '-f', String(chartPage), '-l', String(chartPage), file, join(dir, 'page')]);
        const png = readdirSync(dir).find((name) => name.startsWith('page'))!;
        expect(countColour(decodePng(readFileSync(join(dir, png))), [0x00, 0x72, 0xb2], 12)).toBeGreaterThan(500);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );

  if (!has('pdftotext') || !has('pdftoppm')) {
    it('reports that the PDF reading check was not run', () => {
      process.stdout.write('\nPDF report reading check NOT RUN: no pdftotext/pdftoppm on PATH (apt-get install poppler-utils).\n');
      expect(has('pdftotext') && has('pdftoppm')).toBe(false);
    });
  }

  it('shows the secretariat’s draft text to the region’s actors, refuses bad text and comments on an issued report, writing nothing', async () => {
    const WRITE = `mutation($input: WriteReportSummaryInput!) { writeReportSummary(input: $input) { replayed draft { summary comments { chapter text } } } }`;
    const COMMENT = `mutation($input: CommentReportChapterInput!) { commentReportChapter(input: $input) { replayed draft { summary comments { chapter text } } } }`;
    const written = await service.graphql(
      WRITE,
      { input: { commandId: newCommandId(), region: '52', semester: '2026-S2', text: 'Un semestre de chantiers.\n\nLa Vendée rattrape son retard.' } },
      secretariat,
    );
    expect(written.body.errors).toBeUndefined();
    const commented = await service.graphql(
      COMMENT,
      { input: { commandId: newCommandId(), region: '52', semester: '2026-S2', chapter: 'white-zones', text: 'Deux zones restent sans solution.' } },
      secretariat,
    );
    expect(commented.body.data!.commentReportChapter.draft).toEqual({
      summary: 'Un semestre de chantiers.\n\nLa Vendée rattrape son retard.',
      comments: [{ chapter: 'white-zones', text: 'Deux zones restent sans solution.' }],
    });
    const draft = await service.graphql(`{ reportDraft(region: "52", semester: "2026-S2") { summary } }`, {}, token);
    expect(draft.body.data!.reportDraft.summary).toContain('chantiers');
    const html = visibleText((await get('/reports/52/2026-S2/report.html')).body.toString());
    expect(html).toContain('La Vendée rattrape son retard.');
    expect(html).toContain('Deux zones restent sans solution.');

    const before = draft.body.data!.reportDraft.summary;
    const refused = [
      await service.graphql(WRITE, { input: { commandId: newCommandId(), region: '52', semester: '2026-S2', text: 'sonnerie\u0007' } }, secretariat),
      await service.graphql(WRITE, { input: { commandId: newCommandId(), region: '52', semester: '2026-S2', text: 'x'.repeat(8001) } }, secretariat),
      await service.graphql(
        COMMENT,
        { input: { commandId: newCommandId(), region: '52', semester: '2018-S2', chapter: 'map', text: 'Trop tard.' } },
        secretariat,
      ),
      await service.graphql(WRITE, { input: { commandId: newCommandId(), region: '52', semester: '2026-S2', text: 'Pas mon rôle.' } }, token),
    ];
    expect(refused.map(codesOf)).toEqual([['BAD_USER_INPUT'], ['BAD_USER_INPUT'], ['CONFLICT'], ['FORBIDDEN']]);
    expect((await service.graphql(`{ reportDraft(region: "52", semester: "2026-S2") { summary } }`, {}, token)).body.data!.reportDraft.summary).toBe(before);
    expect(
      (await service.graphql(`{ reportDraft(region: "52", semester: "2018-S2") { summary comments { chapter } } }`, {}, token)).body.data!.reportDraft,
    ).toEqual({ summary: null, comments: [] });
  });

  it('shows, in a re-issue with new text, what changed against the version it replaces, word by word', async () => {
    const REISSUE = `mutation($input: ReissueReportInput!) { reissueSemestrialReport(input: $input) { issued { version } } }`;
    const reissue = (reason: string, summary: string, comment: string) =>
      service.graphql(
        REISSUE,
        { input: { commandId: newCommandId(), region: '52', semester: '2018-S2', reason, summary, comments: [{ chapter: 'white-zones', text: comment }] } },
        secretariat,
      );
    const first = await reissue('Synthèse ajoutée', 'Un semestre de chantiers en Vendée.', 'Deux zones restent sans solution.');
    expect(first.body.errors).toBeUndefined();
    const second = await reissue('Synthèse corrigée', 'Un semestre de chantiers en Sarthe.\n\nLes travaux avancent.', 'Deux zones restent sans solution.');
    const version = second.body.data!.reissueSemestrialReport.issued.version as number;
    const html = (await get('/reports/52/2018-S2/report.html')).body.toString();
    expect(html).toContain(`Modifications par rapport à la version ${version - 1}`);
    expect(html).toContain('chantiers en <del>Vendée</del><ins>Sarthe</ins>.<br><ins>Les travaux avancent.</ins>');
    expect(html).toContain(`Texte modifié depuis la version ${version - 1}`);
    // The unchanged comment shows no changes.
    expect(html.match(/class="changes"/g)).toHaveLength(1);
    // A bad text in a re-issue is refused like on the draft, and nothing is issued.
    const refused = await reissue('Encore', 'Un semestre\u0007', 'Deux zones.');
    expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
    const versions = (await service.graphql(`{ issuedReports(region: "52") { semester version } }`, {}, token)).body.data!.issuedReports.filter(
      (r: { semester: string }) => r.semester === '2018-S2',
    );
    expect(Math.max(...versions.map((r: { version: number }) => r.version))).toBe(version);
    if (has('pdftotext')) {
      const dir = mkdtempSync(join(tmpdir(), 'scoran-pdf-diff-'));
      try {
        writeFileSync(join(dir, 'report.pdf'), (await get('/reports/52/2018-S2/report.pdf')).body as Buffer);
        const text = execFileSync('pdftotext', ['-raw', join(dir, 'report.pdf'), '-']).toString();
        expect(text).toContain(`Modifications par rapport à la version ${version - 1}`);
        // The removed word and the added one are each read as such (ActualText), not run into the current text.
        expect(text.replace(/\s+/g, ' ')).toContain('Un semestre de chantiers en [texte retiré : Vendée] [texte ajouté : Sarthe] .');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});
