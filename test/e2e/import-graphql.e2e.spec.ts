import { sampleRegion } from '../../bench/import-data.js';
import { workbookOf } from '../../src/import/template.js';
import { getBytes } from './http-get.js';
import { codesOf, newCommandId, registerPrincipals, startTestService, type TestService } from './harness.js';

const TIMEOUT = 240_000;
const IMPORT = `mutation($input: ImportFileInput!) {
  importSpreadsheet(input: $input) { batchId fileName mode ok rows commands alreadyRecorded recorded problems { sheet row column cell code message } }
}`;
const RESTATED = `query($semester: String!) {
  restatedReport(region: "52", semester: $semester) {
    asKnownAt recordedSince
    asIssued { sha256 sections { key summary { label value } } }
    asKnownNow { sha256 links { html pdf json csv } sections { key summary { label value } tables { name rows } } }
    restatements { number sha256 position restatesVersion }
  }
}`;
const RESTATE = `mutation($input: IssueReportInput!) {
  issueRestatedReport(input: $input) { replayed restatement { number sha256 position restatesVersion asIssuedSha256 recordedSince issuedBy } }
}`;

describe('Import over GraphQL, then the past semesters restated as known now', () => {
  let service: TestService;
  let admin: string;
  let content: string;

  beforeAll(async () => {
    service = await startTestService();
    // Tokens must name registered actors: the admin's own, and a secretariat the workbook does not bring.
    await registerPrincipals(service, 'scoran-ledger', 'dreal-52');
    admin = await service.token('scoran-ledger', 'admin');
    content = (await workbookOf(sampleRegion(1), 'fr')).toString('base64');
  }, TIMEOUT);
  afterAll(async () => {
    await service?.close();
  });

  it('refuses hostile or unauthorised uploads with a typed error, writing nothing', async () => {
    const trailSize = async () => (await service.graphql('{ auditTrail(first: 1) { totalCount } }', {}, admin)).body.data!.auditTrail.totalCount as number;
    const before = await trailSize();
    const secretariat = await service.token('dreal-52', 'commission_secretariat');
    expect(codesOf(await service.graphql(IMPORT, { input: { fileName: 'region.xlsx', contentBase64: content } }, secretariat))).toEqual(['FORBIDDEN']);
    expect(codesOf(await service.graphql(IMPORT, { input: { fileName: 'region.xlsx', contentBase64: '%%% pas du base64 %%%' } }, admin))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codesOf(await service.graphql(IMPORT, { input: { fileName: '../../etc/passwd', contentBase64: content } }, admin))).toEqual(['BAD_USER_INPUT']);
    const garbage = await service.graphql(
      IMPORT,
      { input: { fileName: 'region.xlsx', contentBase64: Buffer.from('not a workbook').toString('base64') } },
      admin,
    );
    expect(garbage.body.data!.importSpreadsheet).toMatchObject({ ok: false, problems: [{ code: 'UNREADABLE_FILE' }] });
    expect(await trailSize()).toBe(before);
  });

  it(
    'dry-runs, commits, and shows the batch in the audit trail',
    async () => {
      const dry = await service.graphql(IMPORT, { input: { fileName: 'historique.xlsx', contentBase64: content } }, admin);
      expect(dry.body.data!.importSpreadsheet).toMatchObject({ mode: 'dry-run', ok: true, recorded: 0, problems: [] });
      const done = await service.graphql(IMPORT, { input: { fileName: 'historique.xlsx', contentBase64: content, commit: true } }, admin);
      const report = done.body.data!.importSpreadsheet;
      expect(report).toMatchObject({ mode: 'commit', ok: true, problems: [] });
      expect(report.recorded).toBe(report.commands);

      const trail = await service.graphql(
        `query($batch: ID!) { auditTrail(first: 3, filter: { importBatch: $batch }) { totalCount edges { node { type metadata { principal source importBatch { batchId fileName sheet row importedBy } } } } } }`,
        { batch: report.batchId },
        admin,
      );
      expect(trail.body.errors).toBeUndefined();
      expect(trail.body.data!.auditTrail.totalCount).toBeGreaterThanOrEqual(report.commands);
      expect(trail.body.data!.auditTrail.edges[0].node).toEqual({
        type: 'ActorRegistered',
        metadata: {
          principal: 'import:person-scoran-ledger-admin',
          source: 'import',
          importBatch: { batchId: report.batchId, fileName: 'historique.xlsx', sheet: 'Acteurs', row: 2, importedBy: 'person-scoran-ledger-admin' },
        },
      });
    },
    TIMEOUT,
  );

  it(
    'shows a past semester as issued (empty: nothing was recorded by its cut-off) and as known now, side by side',
    async () => {
      const { body } = await service.graphql(RESTATED, { semester: '2016-S2' }, admin);
      expect(body.errors).toBeUndefined();
      const restated = body.data!.restatedReport;
      const figure = (sections: { key: string; summary: { label: string; value: unknown }[] }[], key: string, label: string) =>
        sections.find((s) => s.key === key)!.summary.find((f) => f.label === label)?.value;
      expect(figure(restated.asIssued.sections, 'white-zones', 'zones')).toBe(0);
      expect(figure(restated.asKnownNow.sections, 'white-zones', 'zones')).toBeGreaterThan(0);
      const corrections = restated.asKnownNow.sections.find((s: { key: string }) => s.key === 'corrections');
      const batches = corrections.tables.find((t: { name: string }) => t.name === 'import-batches').rows;
      expect(batches).toHaveLength(1);
      expect(batches[0]).toMatchObject({ file: 'historique.xlsx' });
      expect(restated.recordedSince).toBe(batches[0].facts);
      const differences = restated.asKnownNow.sections.find((s: { key: string }) => s.key === 'differences');
      expect(differences.tables[0].rows).toContainEqual(expect.objectContaining({ section: 'white-zones', as_issued: 0 }));
      expect(restated.restatements).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'issues the restated report as an event of its own, downloadable in every format with the same bytes',
    async () => {
      const issued = await service.graphql(RESTATE, { input: { commandId: newCommandId(), region: '52', semester: '2016-S2' } }, admin);
      expect(issued.body.errors).toBeUndefined();
      const { restatement } = issued.body.data!.issueRestatedReport;
      expect(restatement).toMatchObject({ number: 1, restatesVersion: null, issuedBy: 'person-scoran-ledger-admin' });
      expect(restatement.recordedSince).toBeGreaterThan(100);

      const again = await service.graphql(RESTATE, { input: { commandId: newCommandId(), region: '52', semester: '2016-S2' } }, admin);
      expect(codesOf(again)).toEqual(['CONFLICT']);

      const base = `/reports/52/2016-S2`;
      const json = await getBytes(service.app, `${base}/report.json?basis=known-now&asKnownAt=${restatement.position}`, admin);
      expect(json.status).toBe(200);
      expect(json.headers['x-report-sha256']).toBe(restatement.sha256);
      const html = await getBytes(service.app, `${base}/report.html?basis=known-now&asKnownAt=${restatement.position}`, admin);
      expect(html.status).toBe(200);
      expect(html.headers['x-report-sha256']).toBe(restatement.sha256);
      // The French document (the default) names the chapter in its catalogue's words.
      expect(html.body.toString('utf8')).toContain('Écarts avec le rapport tel qu’émis');
      const pdf = await getBytes(service.app, `${base}/report.pdf?basis=known-now&asKnownAt=${restatement.position}`, admin);
      expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
      const csv = await getBytes(service.app, `${base}/tables/import-batches.csv?basis=known-now&asKnownAt=${restatement.position}`, admin);
      expect(csv.body.toString('utf8')).toContain('historique.xlsx');
      const bad = await getBytes(service.app, `${base}/report.json?basis=soon`, admin);
      expect(bad.status).toBe(400);

      const listed = await service.graphql(RESTATED, { semester: '2016-S2' }, admin);
      expect(listed.body.data!.restatedReport.restatements).toEqual([
        { number: 1, sha256: restatement.sha256, position: restatement.position, restatesVersion: null },
      ]);
    },
    TIMEOUT,
  );
});
