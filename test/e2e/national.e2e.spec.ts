import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { loadDemo, loadRegionalInstance } from '../../src/demo/demo-loader.js';
import { NationalScheduler } from '../../src/national/national.scheduler.js';
import { runVerifyCli } from '../../src/cli/verify-cli.js';
import { runGuide } from './guide-examples.js';
import { getBytes } from './http-get.js';
import { codesOf, newCommandId, registerPrincipals, startTestService, type TestService } from './harness.js';

const REGISTER = `mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }`;
const MAKE = `mutation($input: MakeCommitmentInput!) { makeCommitment(input: $input) { revision } }`;
const ISSUE = `mutation($input: IssueReportInput!) { issueSemestrialReport(input: $input) { replayed } }`;
const REPORT = `query($region: String!, $semester: String!) { semestrialReport(region: $region, semester: $semester) { sha256 sections { key summary { label value } } } }`;
const BUNDLE = `query($region: String!, $semester: String!, $sinceTreeSize: Int, $sinceRoot: String) { submissionBundle(region: $region, semester: $semester, sinceTreeSize: $sinceTreeSize, sinceRoot: $sinceRoot) }`;
const SUBMIT = `mutation($input: SubmitRegionalReportInput!) { submitRegionalReport(input: $input) { replayed submission { region semester number sha256 treeSize root } } }`;
const SUBMISSIONS = `query($region: String) { regionalSubmissions(region: $region) { region semester number treeSize root } }`;
const SYNTHESIS = `query($semester: String!) { nationalSynthesis(semester: $semester) {
  semester previousSemester sha256 reported missing
  regions { region name status source sha256 version issuedBy sealTreeSize sealRoot figures { key value previous change } }
  totals { key value previous change } rankings { key regions } issued { version sha256 missing } } }`;
const ISSUE_SYNTHESIS = `mutation($input: IssueNationalSynthesisInput!) { issueNationalSynthesis(input: $input) { replayed sealTreeSize synthesis { sha256 issued { version sha256 } } } }`;

/** A region's actors and two commitments made in 2024 and 2025, and its reports of 2025-S1 and 2025-S2 issued. */
async function regionWithReports(service: TestService, region: string, secretariatId: string, commune: string, semesters = ['2025-S1', '2025-S2']) {
  const admin = await service.token(secretariatId, 'admin');
  const cd = `cd-${commune.slice(0, 2)}`;
  for (const [actorId, kind, territories] of [
    [secretariatId, 'STATE_IN_REGION', [{ kind: 'REGION', code: region }]],
    [cd, 'DEPARTEMENT', [{ kind: 'DEPARTEMENT', code: commune.slice(0, 2) }]],
  ] as const) {
    const registered = await service.graphql(REGISTER, { input: { commandId: newCommandId(), actorId, kind, name: actorId, territories } }, admin);
    expect(registered.body.errors).toBeUndefined();
  }
  const representative = await service.token(cd, 'representative');
  for (const [id, quantity, at] of [
    ['a', 1200, '2025-02-01T09:00:00Z'],
    ['b', 300, '2025-09-01T09:00:00Z'],
  ] as const) {
    const made = await service.graphql(
      MAKE,
      {
        input: {
          commandId: newCommandId(),
          commitmentId: `ftth-${region}-${id}`,
          committingActorId: cd,
          subject: 'FIXED_COVERAGE',
          title: `FttH ${commune} ${id}`,
          target: { quantity, unit: 'FTTH_PREMISES' },
          territories: [{ kind: 'COMMUNE', code: commune }],
          dueDate: '2027-12-31',
          occurredAt: at,
        },
      },
      representative,
    );
    expect(made.body.errors).toBeUndefined();
  }
  const secretariat = await service.token(secretariatId, 'commission_secretariat');
  for (const semester of semesters) {
    const issued = await service.graphql(ISSUE, { input: { commandId: newCommandId(), region, semester } }, secretariat);
    expect(issued.body.errors).toBeUndefined();
  }
  return secretariat;
}

const numericSummary = (report: { sections: { key: string; summary: { label: string; value: string }[] }[] }) =>
  report.sections.flatMap((s) => s.summary.filter((x) => /^-?\d+(\.\d+)?$/.test(x.value)).map((x) => [`${s.key}: ${x.label}`, Number(x.value)] as const));

describe('National view: synthesis and submitted bundles (two instances, real HTTP)', () => {
  let national: TestService;
  let bfc: TestService;
  let datar: string;
  let auditor: string;
  let sgar52: string;
  let sgar27OnNational: string;
  let bundleS1: string;
  let bundleS2: string;

  beforeAll(async () => {
    national = await startTestService();
    bfc = await startTestService();
    await registerPrincipals(national, 'datar', 'cour-des-comptes');
    datar = await national.token('datar', 'national_body');
    auditor = await national.token('cour-des-comptes', 'auditor');
    sgar52 = await regionWithReports(national, '52', 'sgar-52', '44109');
    // Bourgogne-Franche-Comté runs its own instance: its reports reach the national one as bundles.
    const sgar27 = await regionWithReports(bfc, '27', 'sgar-27', '21231', ['2025-S1']);
    const registered = await national.graphql(
      REGISTER,
      {
        input: {
          commandId: newCommandId(),
          actorId: 'sgar-27',
          kind: 'STATE_IN_REGION',
          name: 'SGAR Bourgogne-Franche-Comté',
          territories: [{ kind: 'REGION', code: '27' }],
        },
      },
      await national.token('sgar-52', 'admin'),
    );
    expect(registered.body.errors).toBeUndefined();
    sgar27OnNational = await national.token('sgar-27', 'commission_secretariat');
    const reader = await bfc.token('sgar-27', 'commission_secretariat');
    bundleS1 = (await bfc.graphql(BUNDLE, { region: '27', semester: '2025-S1' }, reader)).body.data!.submissionBundle;
    // The S2 report is issued after the S1 bundle left: its seal covers a longer log.
    expect((await bfc.graphql(ISSUE, { input: { commandId: newCommandId(), region: '27', semester: '2025-S2' } }, sgar27)).body.errors).toBeUndefined();
  });
  afterAll(async () => {
    await national.close();
    await bfc.close();
  });

  const submit = (bundle: string, token = sgar27OnNational, region = '27') =>
    national.graphql(SUBMIT, { input: { commandId: newCommandId(), region, bundle } }, token);
  const accepted = async () =>
    (await national.graphql(SUBMISSIONS, { region: '27' }, auditor)).body.data!.regionalSubmissions as { treeSize: number; root: string; semester: string }[];
  async function refused(bundle: string, refusal: RegExp, token?: string, region?: string) {
    const before = (await accepted()).length;
    const response = await submit(bundle, token, region);
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors![0].message).toMatch(refusal);
    expect(await accepted()).toHaveLength(before);
  }

  it('accepts a first bundle, then the next one proved consistent with it', async () => {
    const first = await submit(bundleS1);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data!.submitRegionalReport.submission).toMatchObject({ region: '27', semester: '2025-S1', number: 1 });
    const since = first.body.data!.submitRegionalReport.submission;
    bundleS2 = (
      await bfc.graphql(
        BUNDLE,
        { region: '27', semester: '2025-S2', sinceTreeSize: since.treeSize, sinceRoot: since.root },
        await bfc.token('sgar-27', 'auditor'),
      )
    ).body.data!.submissionBundle;
    const s2 = JSON.parse(bundleS2);
    // Bad bundles first: the figures changed after issue, an inclusion proof under another root.
    await refused(JSON.stringify({ ...s2, report: s2.report.replace('"2025-S2"', '"2025-S2" ') }), /report-bytes-changed/);
    const otherRoot = s2.seal.root.slice(0, 63) + (s2.seal.root.endsWith('0') ? '1' : '0');
    await refused(JSON.stringify({ ...s2, seal: { ...s2.seal, root: otherRoot } }), /inclusion-failed/);
    expect(s2.seal.treeSize).toBeGreaterThan(since.treeSize);
    expect(s2.consistencyPath.length).toBeGreaterThan(0);
    const second = await submit(bundleS2);
    expect(second.body.errors).toBeUndefined();
    expect((await accepted()).map((s) => s.semester)).toEqual(['2025-S1', '2025-S2']);
  });

  it('refuses replayed bundles and bundles of another region, recording nothing', async () => {
    // A replayed older bundle.
    await refused(bundleS1, /replayed/);
    // A bundle for another region than the submitter's: the guard refuses a region outside the caller's, the check a bundle of another region.
    await refused(bundleS2, /another-region/, sgar52, '52');
    expect(codesOf(await submit(bundleS2, sgar52, '27'))).toEqual(['FORBIDDEN']);
    expect(codesOf(await submit('not json'))).toEqual(['BAD_USER_INPUT']);
  });

  it('checks a bundle offline with npm run verify, as the national instance does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    try {
      const file = join(dir, 'bundle.json');
      writeFileSync(file, bundleS2);
      const first = JSON.parse(bundleS1).seal;
      expect(await runVerifyCli(['--bundle', file, '--region', '27', '--previous-size', String(first.treeSize), '--previous-root', first.root])).toEqual({
        code: 0,
        output: expect.stringMatching(
          /^OK: region 27 2025-S2 report [0-9a-f]{64}, issued .* by person-sgar-27-commission_secretariat, included in the seal of \d+ events, root [0-9a-f]{64}, consistent with the seal of \d+ events$/,
        ),
      });
      expect(await runVerifyCli(['--bundle', file])).toMatchObject({ code: 0, output: expect.stringMatching(/consistency not checked/) });
      expect(await runVerifyCli(['--bundle', file, '--region', '52'])).toMatchObject({ code: 1, output: expect.stringMatching(/another-region/) });
      const s2 = JSON.parse(bundleS2);
      writeFileSync(file, JSON.stringify({ ...s2, report: s2.report.replace('"2025-S2"', '"2025-S2" ') }));
      expect(await runVerifyCli(['--bundle', file])).toMatchObject({ code: 1, output: expect.stringMatching(/report-bytes-changed/) });
      expect((await runVerifyCli(['--bundle', file, '--previous-size', '3'])).code).toBe(2);
      expect((await runVerifyCli(['--bundle', join(dir, 'none.json')])).code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a log that was rewritten rather than appended to', async () => {
    // The region restarts its instance from scratch and issues the same semester again: a root that does not extend the accepted one.
    const reset = await startTestService();
    try {
      await regionWithReports(reset, '27', 'sgar-27', '21054');
      const last = (await accepted()).at(-1)!;
      const fresh = JSON.parse(
        (await reset.graphql(BUNDLE, { region: '27', semester: '2025-S2' }, await reset.token('sgar-27', 'auditor'))).body.data!.submissionBundle,
      );
      await refused(
        JSON.stringify({ ...fresh, previous: { treeSize: last.treeSize, root: last.root }, consistencyPath: JSON.parse(bundleS2).consistencyPath }),
        /inconsistent.*rewritten/,
      );
      await refused(JSON.stringify(fresh), /previous-root-mismatch/);
    } finally {
      await reset.close();
    }
  });

  it('puts every region side by side, figures as in the regional reports, the missing listed', async () => {
    const response = await national.graphql(SYNTHESIS, { semester: '2025-S2' }, auditor);
    expect(response.body.errors).toBeUndefined();
    const synthesis = response.body.data!.nationalSynthesis;
    expect(synthesis.regions).toHaveLength(18);
    expect(synthesis.reported).toBe(2);
    expect(synthesis.missing).toContain('11');
    expect(synthesis.missing).not.toContain('27');
    const row52 = synthesis.regions.find((r: { region: string }) => r.region === '52');
    const row27 = synthesis.regions.find((r: { region: string }) => r.region === '27');
    expect(row52).toMatchObject({ status: 'issued', source: 'issued-here', version: 1 });
    expect(row27).toMatchObject({ status: 'issued', source: 'submitted', sealTreeSize: JSON.parse(bundleS2).seal.treeSize });
    for (const [service, row, region] of [
      [national, row52, '52'],
      [bfc, row27, '27'],
    ] as const) {
      const report = (await service.graphql(REPORT, { region, semester: '2025-S2' }, await service.token(region === '52' ? 'sgar-52' : 'sgar-27', 'auditor')))
        .body.data!.semestrialReport;
      expect(row.sha256).toBe(report.sha256);
      expect(row.figures.map((f: { key: string; value: number }) => [f.key, f.value])).toEqual(numericSummary(report));
    }
    // Changes since 2025-S1: the commitment made in September counts in S2 only.
    expect(row52.figures.every((f: { previous: number | null }) => f.previous !== null)).toBe(true);
    expect(synthesis.rankings.map((r: { regions: string[] }) => [...r.regions].sort())).toEqual(synthesis.rankings.map(() => ['27', '52']));
    const total = synthesis.totals.find((t: { key: string }) => t.key === row52.figures[0].key);
    expect(total.value).toBe(row52.figures[0].value + row27.figures.find((f: { key: string }) => f.key === row52.figures[0].key).value);
  });

  it('regenerates byte-identical; issued by a national body only, sealed', async () => {
    const a = await getBytes(national.app, '/national/2025-S2/synthesis.json', datar);
    const b = await getBytes(national.app, '/national/2025-S2/synthesis.json', datar);
    expect(a.status).toBe(200);
    expect(Buffer.compare(a.body, b.body)).toBe(0);
    const sha = (await national.graphql(SYNTHESIS, { semester: '2025-S2' }, datar)).body.data!.nationalSynthesis.sha256;
    expect(a.headers['x-synthesis-sha256']).toBe(sha);
    expect(codesOf(await national.graphql(ISSUE_SYNTHESIS, { input: { commandId: newCommandId(), semester: '2025-S2' } }, sgar52))).toEqual(['FORBIDDEN']);
    expect(codesOf(await national.graphql(ISSUE_SYNTHESIS, { input: { commandId: newCommandId(), semester: '2025-S2' } }, auditor))).toEqual(['FORBIDDEN']);
    const issued = await national.graphql(ISSUE_SYNTHESIS, { input: { commandId: newCommandId(), semester: '2025-S2' } }, datar);
    expect(issued.body.errors).toBeUndefined();
    expect(issued.body.data!.issueNationalSynthesis).toMatchObject({ replayed: false, synthesis: { sha256: sha, issued: [{ version: 1, sha256: sha }] } });
    expect(issued.body.data!.issueNationalSynthesis.sealTreeSize).toBeGreaterThan(0);
    expect(codesOf(await national.graphql(ISSUE_SYNTHESIS, { input: { commandId: newCommandId(), semester: '2025-S2' } }, datar))).toEqual(['CONFLICT']);
    expect(codesOf(await national.graphql(ISSUE_SYNTHESIS, { input: { commandId: newCommandId(), semester: '2099-S1' } }, datar))).toEqual(['CONFLICT']);
  });

  it('shows a regional actor its own region’s row and the national totals', async () => {
    const seen = (await national.graphql(SYNTHESIS, { semester: '2025-S2' }, sgar52)).body.data!.nationalSynthesis;
    expect(seen.regions.map((r: { region: string }) => r.region)).toEqual(['52']);
    expect(seen.totals.length).toBeGreaterThan(0);
    // The filtered download is not the whole synthesis: no header claims it is; one hashes what was served.
    const served = await getBytes(national.app, '/national/2025-S2/synthesis.json', sgar52);
    expect(served.headers['x-synthesis-sha256']).toBeUndefined();
    expect(served.headers['x-full-synthesis-sha256']).toBe(seen.sha256);
    expect(served.headers['x-content-sha256']).toBe(createHash('sha256').update(served.body).digest('hex'));
    expect(served.headers['x-content-sha256']).not.toBe(seen.sha256);
    const whole = await getBytes(national.app, '/national/2025-S2/synthesis.json', datar);
    expect(whole.headers['x-content-sha256']).toBe(whole.headers['x-synthesis-sha256']);
  });

  it('serves the synthesis as an HTML page in French by default, English on request, with a chart', async () => {
    const fr = await getBytes(national.app, '/national/2025-S2/synthesis.html', auditor);
    expect(fr.status).toBe(200);
    const html = fr.body.toString('utf8');
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Synthèse nationale');
    expect(html).toContain('Bourgogne-Franche-Comté');
    expect(html).toContain('<svg');
    const en = (await getBytes(national.app, '/national/2025-S2/synthesis.html?lang=en', auditor)).body.toString('utf8');
    expect(en).toContain('National synthesis');
    expect((await getBytes(national.app, '/national/2025-S2/synthesis.pdfx', auditor)).status).toBe(400);
    const csv = (await getBytes(national.app, '/national/2025-S2/synthesis.csv', auditor)).body.toString('utf8').trimEnd().split('\r\n');
    expect(csv).toHaveLength(1 + 18 + 1);
    expect(csv[0]).toMatch(/^region,name,status,source,issued_at,issued_by,sha256,seal_tree_size,seal_root,network-projects: projects,/);
    expect(csv.find((line: string) => line.startsWith('27,'))).toMatch(/^27,Bourgogne-Franche-Comté,issued,submitted,/);
    const pdf = await getBytes(national.app, '/national/2025-S2/synthesis.pdf', auditor);
    expect(pdf.status).toBe(200);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(Buffer.compare(pdf.body, (await getBytes(national.app, '/national/2025-S2/synthesis.pdf', auditor)).body)).toBe(0);
    const pdfText = execFileSync('pdftotext', ['-', '-'], { input: pdf.body }).toString('utf8');
    expect(pdfText).toContain('Synthèse nationale des SCORAN');
    expect(pdfText).toContain('Bourgogne-Franche-Comté (27)');
    const xlsx = await getBytes(national.app, '/national/2025-S2/synthesis.xlsx', auditor);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Les régions', 'Totaux nationaux']);
    expect(workbook.worksheets[0].rowCount).toBe(19);
    expect(workbook.worksheets[0].getRow(1).getCell(1).text).toBe('Région');
    expect((await getBytes(national.app, '/national/2025-S9/synthesis.json', auditor)).status).toBe(400);
    expect((await getBytes(national.app, '/national/2025-S2/synthesis.json', null)).status).toBe(401);
  });

  it('runs the examples of docs/national.md as written', async () => {
    await runGuide(national, 'national.md');
  });
});

describe('National view of the demo: three regions, two paths, figures as in the regional reports', () => {
  let service: TestService;
  /** Bretagne's history recorded again on an instance of the test's own: its reports, to compare with what was submitted. */
  let bretagne: TestService;
  let auditor: string;

  beforeAll(async () => {
    service = await startTestService();
    const loaded = await loadDemo(service.app);
    expect(loaded.submitted.length).toBeGreaterThan(10);
    auditor = await service.token('datar', 'auditor');
    bretagne = await startTestService();
    expect(await loadRegionalInstance(bretagne.app)).toEqual(loaded.submitted.map((s) => s.slice(3)));
  }, 240_000);
  afterAll(async () => {
    await service?.close();
    await bretagne?.close();
  });

  it.each(['2017-S2', '2019-S1', '2020-S2'])('matches the regional reports figure by figure, non-zero figures included (%s)', async (semester) => {
    const response = await service.graphql(SYNTHESIS, { semester }, auditor);
    expect(response.body.errors).toBeUndefined();
    const synthesis = response.body.data!.nationalSynthesis;
    expect(synthesis.reported).toBe(3);
    expect(synthesis.missing).toHaveLength(15);
    const row = (region: string) => synthesis.regions.find((r: { region: string }) => r.region === region);
    for (const region of ['52', '27']) {
      expect(row(region)).toMatchObject({ status: 'issued', source: 'issued-here' });
      const report = (await service.graphql(REPORT, { region, semester }, auditor)).body.data!.semestrialReport;
      expect(row(region).sha256).toBe(report.sha256);
      const figures = row(region).figures.map((f: { key: string; value: number }) => [f.key, f.value]);
      expect(figures).toEqual(numericSummary(report));
      // A comparison worth the name: the regions have RIPs, meetings, commitments by then.
      expect(figures.filter(([, value]: [string, number]) => value > 0).length).toBeGreaterThanOrEqual(8);
      expect(row(region).figures.find((f: { key: string }) => f.key === 'network-projects: FttH premises planned').value).toBeGreaterThan(0);
    }
    // Bretagne's row is the report its own instance issued, sealed and submitted: the same history recorded
    // on another instance issues the same bytes, so its report gives the row figure by figure.
    const own = (await bretagne.graphql(REPORT, { region: '53', semester }, await bretagne.token('sgar-53', 'auditor'))).body.data!.semestrialReport;
    expect(row('53').sha256).toBe(own.sha256);
    expect(row('53').figures.map((f: { key: string; value: number }) => [f.key, f.value])).toEqual(numericSummary(own));
    const submissions = (
      await service.graphql(`query($region: String) { regionalSubmissions(region: $region) { semester sha256 treeSize } }`, { region: '53' }, auditor)
    ).body.data!.regionalSubmissions as { semester: string; sha256: string; treeSize: number }[];
    const accepted = submissions.find((s) => s.semester === semester)!;
    expect(row('53')).toMatchObject({ status: 'issued', source: 'submitted', sha256: accepted.sha256, sealTreeSize: accepted.treeSize });
    expect(row('53').figures.find((f: { key: string }) => f.key === 'network-projects: FttH premises planned').value).toBe(1_160_000);
    // National totals add the three regions up, figure by figure.
    for (const total of synthesis.totals as { key: string; value: number }[]) {
      const sum = ['52', '27', '53'].reduce((acc, region) => acc + (row(region).figures.find((f: { key: string }) => f.key === total.key)?.value ?? 0), 0);
      expect(total.value).toBeCloseTo(sum, 6);
    }
    expect(synthesis.totals.find((t: { key: string }) => t.key === 'network-projects: FttH premises connectable').value).toBeGreaterThan(0);
  });

  it('is issued by the scheduler once the regions’ deadline is past, listing the regions still missing', async () => {
    const scheduler = service.app.get(NationalScheduler, { strict: false });
    // 2016-03-01: the deadline of 2015-S2 (cut-off + 30 days) is past, that of 2016-S1 is not.
    const issued = await scheduler.catchUp(new Date('2016-03-01T00:00:00Z'));
    expect(issued.map((s) => s.semester)).toEqual(['2014-S1', '2014-S2', '2015-S1', '2015-S2']);
    // Bourgogne-Franche-Comté did not exist before 2016: missing, as the regions with no report at all.
    for (const { missing } of issued) {
      expect(missing).toContain('27');
      expect(missing).not.toContain('52');
      expect(missing).not.toContain('53');
      expect(missing).toHaveLength(16);
    }
    const response = await service.graphql(SYNTHESIS, { semester: '2015-S2' }, auditor);
    expect(response.body.data!.nationalSynthesis.issued).toEqual([
      { version: 1, sha256: response.body.data!.nationalSynthesis.sha256, missing: issued[3].missing },
    ]);
    expect(await scheduler.catchUp(new Date('2016-03-01T00:00:00Z'))).toEqual([]);
  });

  it('compares governance region by region: votes, consensus, quorum failures, delays, breaches', async () => {
    const QUERY = `query($regions: [String!]) { regionalGovernance(regions: $regions) { region decisions byVote byConsensus adopted rejected quorumFailures commitmentsFromDecisions medianDaysDecisionToCommitment commitments commitmentsBreached } }`;
    const all = (await service.graphql(QUERY, {}, await service.token('datar', 'national_body'))).body.data!.regionalGovernance as Record<
      string,
      number | string | null
    >[];
    expect(all).toHaveLength(18);
    const of = (region: string) => all.find((r) => r.region === region)!;
    // Bourgogne-Franche-Comté: the July 2018 vote without quorum, the telemedicine commitment declared breached.
    expect(of('27')).toMatchObject({ quorumFailures: 1, commitmentsBreached: 1, commitmentsFromDecisions: 4 });
    expect(of('27').byVote).toBeGreaterThan(0);
    expect(of('27').byConsensus).toBeGreaterThan(0);
    expect(of('27').decisions).toBe((of('27').byVote as number) + (of('27').byConsensus as number));
    expect(of('52')).toMatchObject({ quorumFailures: 0, commitmentsFromDecisions: 5 });
    expect(of('52').medianDaysDecisionToCommitment).toBe(0);
    // Bretagne's records are on its own instance: nothing here but its reports.
    expect(of('53')).toMatchObject({ decisions: 0, commitments: 0 });
    // A regional actor compares its own region only.
    const sgar27 = await service.token('sgar-27', 'commission_secretariat');
    expect(((await service.graphql(QUERY, {}, sgar27)).body.data!.regionalGovernance as { region: string }[]).map((r) => r.region)).toEqual(['27']);
    expect(codesOf(await service.graphql(QUERY, { regions: ['52'] }, sgar27))).toEqual(['FORBIDDEN']);
    expect(codesOf(await service.graphql(QUERY, { regions: ['99'] }, auditor))).toEqual(['BAD_USER_INPUT']);
    // The decision register and the causation of a decision, across regions then for one.
    const decision = (
      await service.graphql(`{ meeting(id: "ccrant-27-2017-12-12") { decisions { itemId eventId } } }`, {}, auditor)
    ).body.data!.meeting.decisions.find((d: { itemId: string }) => d.itemId === 'telemed');
    const CAUSATION = `query($id: ID!, $region: String) { causation(eventId: $id, region: $region) { descendants { event { type streamId } } } }`;
    const led = (await service.graphql(CAUSATION, { id: decision.eventId }, await service.token('datar', 'national_body'))).body.data!.causation
      .descendants as { event: { type: string } }[];
    expect(led.map((n) => n.event.type)).toContain('CommitmentMade');
    const elsewhere = (await service.graphql(CAUSATION, { id: decision.eventId, region: '52' }, auditor)).body.data!.causation.descendants as unknown[];
    expect(elsewhere).toHaveLength(1); // the root only: nothing it led to concerns Pays de la Loire
    const registers = await service.graphql(
      `{ all: decisions(first: 1) { totalCount } bfc: decisions(filter: { regionCode: "27" }, first: 1) { totalCount } }`,
      {},
      auditor,
    );
    expect(registers.body.data!.all.totalCount).toBe((of('27').decisions as number) + (of('52').decisions as number));
    expect(registers.body.data!.bfc.totalCount).toBe(of('27').decisions);
  });

  it('draws the national trend over every semester, with a cover and a seal section, in the HTML and the PDF', async () => {
    const datar = await service.token('datar', 'national_body');
    const issued = await service.graphql(ISSUE_SYNTHESIS, { input: { commandId: newCommandId(), semester: '2020-S2' } }, datar);
    expect(issued.body.errors).toBeUndefined();
    const root = issued.body.data!.issueNationalSynthesis.synthesis.sha256 as string;
    const html = (await getBytes(service.app, '/national/2020-S2/synthesis.html', auditor)).body.toString('utf8');
    expect(html).toContain('<header class="cover">');
    expect(html).toContain('Évolution nationale sur tous les semestres');
    // One point per semester from 2014-S1 to 2020-S2: fourteen labels on the trend's axis, the reporting regions per semester.
    expect(html).toContain('Régions ayant émis, par semestre : 2014-S1 2, 2014-S2 2, 2015-S1 2, 2015-S2 2, 2016-S1 3');
    expect(html).toMatch(
      /<section class="seal"><h2>Émission et scellement<\/h2><p>Synthèse émise \(version 1\)[^<]*<\/p><p>L’émission est scellée dans le journal : arbre de [\d\u202f ]+ événements, racine [0-9a-f]{64}\.<\/p>/,
    );
    expect(html).toContain(root);
    const pdf = await getBytes(service.app, '/national/2020-S2/synthesis.pdf?lang=en', auditor);
    const text = execFileSync('pdftotext', ['-', '-'], { input: pdf.body }).toString('utf8');
    expect(text).toContain('National trend over every semester');
    expect(text).toContain('Issue and seal');
    expect(text).toMatch(/The issue is sealed in the log: a tree of [\d, ]+ events/);
    // The cover is a page of its own: the regions start on page 2.
    const firstPage = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-', '-'], { input: pdf.body }).toString('utf8');
    expect(firstPage).toContain('Regions that issued their report: 3 out of 18; regions missing: 15.');
    expect(firstPage).not.toContain('Regions without a report');
  });
});
