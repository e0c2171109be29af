import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReportScheduler } from '../../src/reports/report.scheduler.js';
import { ReportsService } from '../../src/reports/reports.service.js';
import { countColour, decodePng } from '../png.js';
import { getBytes } from './http-get.js';
import { codesOf, newCommandId, startTestService, type TestService, registerPrincipals } from './harness.js';

/** Headless Chromium, if installed (.ci/run installs the Debian package `chromium`). */
const CHROMIUM = ['chromium', 'chromium-browser', 'google-chrome'].find((name) => {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

const REGISTER = `mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }`;
const MAKE = `mutation($input: MakeCommitmentInput!) { makeCommitment(input: $input) { revision } }`;
const REPORT = `query($region: String!, $semester: String!, $cutoff: DateTime) {
  semestrialReport(region: $region, semester: $semester, cutoff: $cutoff) {
    region regionName semester period { from to } cutoff position sha256 provisional
    sections { key title checklist summary { label value } tables { name columns rows } charts { name labels series { name values } } }
    checklist { line sections } issued { version sha256 } links { json html pdf csv } } }`;
const ISSUED = `query($region: String) { issuedReports(region: $region) { region semester version sha256 position cutoff recipients reason issuedBy } }`;
const ISSUE = `mutation($input: IssueReportInput!) { issueSemestrialReport(input: $input) { replayed issued { semester version sha256 } } }`;
const REISSUE = `mutation($input: ReissueReportInput!) { reissueSemestrialReport(input: $input) { replayed issued { semester version sha256 reason } } }`;

describe('Semestrial reports over HTTP', () => {
  let service: TestService;
  let admin: string;
  let secretariat: string;

  beforeAll(async () => {
    service = await startTestService();
    await registerPrincipals(service, 'sgar-52');
    admin = await service.token('sgar-52', 'admin');
    secretariat = await service.token('sgar-52', 'commission_secretariat');
    for (const [actorId, code] of [
      ['cd-44', '44'],
      ['cd-35', '35'],
    ] as const) {
      const registered = await service.graphql(
        REGISTER,
        { input: { commandId: newCommandId(), actorId, kind: 'DEPARTEMENT', name: `Département ${code}`, territories: [{ kind: 'DEPARTEMENT', code }] } },
        admin,
      );
      expect(registered.body.errors).toBeUndefined();
    }
    for (const [actorId, commitmentId, commune, dueDate] of [
      ['cd-44', 'nantes', '44109', '2027-03-31'],
      ['cd-44', 'saint-nazaire', '44184', '2020-12-31'],
      ['cd-35', 'rennes', '35238', '2027-03-31'],
    ] as const) {
      const made = await service.graphql(
        MAKE,
        {
          input: {
            commandId: newCommandId(),
            commitmentId,
            committingActorId: actorId,
            subject: 'FIXED_COVERAGE',
            title: `FttH ${commune}`,
            target: { quantity: 1000, unit: 'FTTH_PREMISES' },
            territories: [{ kind: 'COMMUNE', code: commune }],
            dueDate,
            occurredAt: '2020-01-15T09:00:00Z',
          },
        },
        await service.token(actorId, 'representative'),
      );
      expect(made.body.errors).toBeUndefined();
    }
  });
  afterAll(() => service.close());

  const get = (path: string, token: string | null = admin) => getBytes(service.app, path, token);

  it('serves the report in GraphQL with every section, the checklist and the links', async () => {
    const response = await service.graphql(REPORT, { region: '52', semester: '2026-S2' }, admin);
    expect(response.body.errors).toBeUndefined();
    const report = response.body.data!.semestrialReport;
    expect(report).toMatchObject({
      region: '52',
      regionName: 'Pays de la Loire',
      semester: '2026-S2',
      period: { from: '2026-07-01', to: '2026-12-31' },
      cutoff: '2026-12-31T23:00:00.000Z',
      provisional: true,
      issued: [],
    });
    expect(report.sections.map((s: { key: string }) => s.key)).toEqual([
      'network-projects',
      'conventions',
      'commitments',
      'operator-commitments',
      'white-zones',
      'usage-projects',
      'concertation',
      'forward-calendar',
      'corrections',
    ]);
    const commitments = report.sections.find((s: { key: string }) => s.key === 'commitments');
    // Brittany's commitment stays out of the Pays de la Loire report.
    expect(commitments.tables[0].rows.map((r: { commitment: string; standing: string }) => [r.commitment, r.standing])).toEqual([
      ['saint-nazaire', 'late'],
      ['nantes', 'at_risk'],
    ]);
    expect(commitments.charts[0]).toEqual({
      name: 'commitments-by-standing',
      labels: ['on_track', 'at_risk', 'late', 'breached', 'fulfilled', 'withdrawn'],
      series: [{ name: 'commitments', values: [0, 1, 1, 0, 0, 0] }],
    });
    expect(report.checklist.find((c: { line: string }) => c.line === 'commitments made by the actors and their status').sections).toEqual([
      'commitments',
      'operator-commitments',
    ]);
    expect(report.links.html).toBe('/reports/52/2026-S2/report.html?lang=fr');

    const again = (await service.graphql(REPORT, { region: '52', semester: '2026-S2' }, admin)).body.data!.semestrialReport;
    expect(again.sha256).toBe(report.sha256);
  });

  it('refuses a bad region or semester, and needs a token', async () => {
    expect(codesOf(await service.graphql(REPORT, { region: '99', semester: '2026-S2' }, admin))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await service.graphql(REPORT, { region: '52', semester: '2026-S3' }, admin))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await service.graphql(REPORT, { region: '52', semester: '2026-S2' }))).toEqual(['UNAUTHENTICATED']);
  });

  it('downloads JSON whose SHA-256 is the report’s, HTML with drawn charts, CSV and a reproducible PDF', async () => {
    const json = await get('/reports/52/2026-S2/report.json');
    expect(json.status).toBe(200);
    const sha256 = createHash('sha256')
      .update(json.body as Buffer)
      .digest('hex');
    expect(json.headers['x-report-sha256']).toBe(sha256);
    expect(JSON.parse((json.body as Buffer).toString()).region).toEqual({ code: '52', name: 'Pays de la Loire' });

    const html = (await get('/reports/52/2026-S2/report.html')).body.toString();
    expect(html).toContain('<figure class="chart" data-chart="commitments-by-standing"');
    // One horizontal bar per standing with commitments: two standings have one commitment each, the others none.
    const chart = /<figure class="chart" data-chart="commitments-by-standing"[\s\S]*?<\/figure>/.exec(html)![0];
    const bars = [...chart.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="([\d.]+)" fill="#0072B2"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(bars).toHaveLength(2);
    expect(bars.every(([width, height]) => width > 100 && height > 5)).toBe(true);
    // Its text alternative names every standing.
    expect(chart).toContain('dans les temps 0');
    expect(html).toContain(sha256);

    const csv = await get('/reports/52/2026-S2/tables/commitments.csv');
    expect(csv.status).toBe(200);
    // Recorded this semester: no standing at the previous report.
    const lines = csv.body.toString().split('\r\n');
    expect(lines[0]).toBe('commitment,actor,subject,title,target,unit,current_value,as_of,progress_source,reported_by,due_date,standing,previous_standing');
    expect(lines[1]).toBe('saint-nazaire,Département 44,fixed_coverage,FttH 44184,1000,ftth_premises,,,,,2020-12-31,late,');

    const pdf = await get('/reports/52/2026-S2/report.pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect(Buffer.compare(pdf.body as Buffer, (await get('/reports/52/2026-S2/report.pdf')).body as Buffer)).toBe(0);

    expect((await get('/reports/52/2026-S2/report.json', null)).status).toBe(401);
    const bad = await get('/reports/52/2026-S9/report.json');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString())).toMatchObject({ error: { code: 'BAD_USER_INPUT', fields: ['semester'] } });
    expect((await get('/reports/52/2026-S2/report.docx')).status).toBe(400);
    expect((await get('/reports/52/2026-S2/tables/nothing.csv')).status).toBe(404);
    expect((await get('/reports/52/2026-S2/report.json?cutoff=yesterday')).status).toBe(400);
  });

  it('issues a report only once its semester is over, and only once', async () => {
    const early = await service.graphql(ISSUE, { input: { commandId: newCommandId(), region: '52', semester: '2026-S2' } }, secretariat);
    expect(codesOf(early)).toEqual(['CONFLICT']);
    expect(
      codesOf(
        await service.graphql(
          ISSUE,
          { input: { commandId: newCommandId(), region: '52', semester: '2026-S1' } },
          await service.token('cd-44', 'representative'),
        ),
      ),
    ).toEqual(['FORBIDDEN']);

    const issue = { commandId: newCommandId(), region: '52', semester: '2026-S1' };
    const issued = await service.graphql(ISSUE, { input: issue }, secretariat);
    expect(issued.body.errors).toBeUndefined();
    expect(issued.body.data!.issueSemestrialReport).toMatchObject({ replayed: false, issued: { semester: '2026-S1', version: 1 } });
    expect((await service.graphql(ISSUE, { input: issue }, secretariat)).body.data!.issueSemestrialReport.replayed).toBe(true);
    // Issuing sealed the log, the issue event included, and a replay seals nothing more.
    const seals = (await service.graphql(`{ seals { treeSize lastPosition } }`, {}, admin)).body.data!.seals as { treeSize: number; lastPosition: string }[];
    const issuedEvent = (await service.graphql(`{ auditTrail(filter: { types: ["ReportIssued"] }) { edges { node { position } } } }`, {}, admin)).body.data!
      .auditTrail.edges[0].node.position;
    expect(seals).toHaveLength(1);
    expect(BigInt(seals[0].lastPosition)).toBeGreaterThanOrEqual(BigInt(issuedEvent));
    expect(codesOf(await service.graphql(ISSUE, { input: { ...issue, commandId: newCommandId() } }, secretariat))).toEqual(['CONFLICT']);

    expect(
      codesOf(await service.graphql(REISSUE, { input: { commandId: newCommandId(), region: '52', semester: '2026-S1', reason: ' ' } }, secretariat)),
    ).toEqual(['BAD_USER_INPUT']);
    const reissued = await service.graphql(
      REISSUE,
      { input: { commandId: newCommandId(), region: '52', semester: '2026-S1', reason: 'Destinataires complétés' } },
      secretariat,
    );
    expect(reissued.body.data!.reissueSemestrialReport.issued).toMatchObject({ version: 2, reason: 'Destinataires complétés' });
    // The document of the re-issued report says which version it replaces and why.
    const html = (await get('/reports/52/2026-S1/report.html')).body.toString();
    expect(html).toContain('<dt>Motif de la réémission</dt><dd>Destinataires complétés</dd>');
    expect(html).toMatch(/<dt>Remplace<\/dt><dd>la version 1, d’empreinte [0-9a-f]{64}<\/dd>/);
    expect(html).toMatch(/version 2\)/);
  });

  it('two instances issuing at once record one report', async () => {
    const reports = service.app.get(ReportsService);
    const sender = { principal: { subject: 'system', actorId: 'scoran-ledger', role: 'admin' as const }, subject: 'system' };
    const outcomes = await Promise.allSettled([
      reports.issue({ region: '52', semester: '2025-S2' }, sender),
      reports.issue({ region: '52', semester: '2025-S2' }, { ...sender, subject: 'other-instance' }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled' && !o.value.result.replayed)).toHaveLength(1);
    expect(reports.issued({ region: '52', semester: '2025-S2' })).toHaveLength(1);
  });

  it('catches up after downtime on every semester missed, once', async () => {
    const scheduler = service.app.get(ReportScheduler);
    // As if the service had been down until July 2027: 2026-S2 and 2027-S1 are due for both regions.
    const issued = await scheduler.catchUp(new Date('2027-07-02T00:00:00Z'));
    expect(issued).toEqual(['52/2026-S2', '52/2027-S1', '53/2026-S2', '53/2027-S1']);
    expect(await scheduler.catchUp(new Date('2027-07-02T00:00:00Z'))).toEqual([]);
    const rows = (await service.graphql(ISSUED, { region: '53' }, admin)).body.data!.issuedReports;
    expect(rows.map((r: { semester: string; version: number }) => [r.semester, r.version])).toEqual([
      ['2026-S2', 1],
      ['2027-S1', 1],
    ]);
    expect(rows[0]).toMatchObject({ recipients: ['mission-france-thd', 'datar'], issuedBy: 'system:semestrial-reports', reason: null });
  });

  // Skipped only when no Chromium is installed, and said so in the output (see .ci/run).
  (CHROMIUM ? it : it.skip)(
    `draws the charts when the HTML page is rendered in headless Chromium${CHROMIUM ? '' : ' (NOT RUN: no chromium installed)'}`,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'scoran-chromium-'));
      try {
        const page = join(dir, 'report.html');
        // The commitments chapter's chart, with the document's own head (style sheet), on a page of its own: a short screenshot.
        const html = (await get('/reports/52/2026-S2/report.html')).body.toString();
        const head = /^[\s\S]*?<\/head>/.exec(html)![0];
        const figure = /<figure class="chart" data-chart="commitments-by-standing"[\s\S]*?<\/figure>/.exec(html)![0];
        writeFileSync(page, `${head}<body>${figure}</body></html>`);
        const screenshot = join(dir, 'report.png');
        const profile = join(dir, 'profile');
        execFileSync(
          CHROMIUM!,
          [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            `--user-data-dir=${profile}`,
            '--hide-scrollbars',
            '--window-size=1000,800',
            `--screenshot=${screenshot}`,
            `file://${page}`,
          ],
          { stdio: 'ignore', timeout: 60_000 },
        );
        const image = decodePng(readFileSync(screenshot));
        expect(image.width).toBe(1000);
        // Two bars in the first series colour (#0072B2), each about 360 x 14 px at this width.
        const drawn = countColour(image, [0x00, 0x72, 0xb2]);
        expect(drawn).toBeGreaterThan(2 * 300 * 10);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  if (!CHROMIUM) {
    it('reports that the Chromium rendering check was not run', () => {
      process.stdout.write('\nHTML report rendering check NOT RUN: no chromium on PATH (apt-get install chromium).\n');
      expect(CHROMIUM).toBeUndefined();
    });
  }
});
