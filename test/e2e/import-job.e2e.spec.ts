import { sampleRegion } from '../../bench/import-data.js';
import { workbookOf } from '../../src/import/template.js';
import { codesOf, registerPrincipals, startTestService, type TestService } from './harness.js';

const TIMEOUT = 240_000;
const START = `mutation($input: ImportFileInput!) { startImport(input: $input) { id fileName mode phase done total report { ok } error } }`;
const JOB = `query($id: ID!) { importJob(id: $id) { id phase done total error finishedAt report { ok commands recorded alreadyRecorded problems { code } } } }`;

describe('An import over GraphQL followed while it runs (startImport, importJob)', () => {
  let service: TestService;
  let admin: string;
  let content: string;

  beforeAll(async () => {
    service = await startTestService();
    await registerPrincipals(service, 'scoran-ledger', 'dreal-52');
    admin = await service.token('scoran-ledger', 'admin');
    content = (await workbookOf(sampleRegion(1), 'fr')).toString('base64');
  }, TIMEOUT);
  afterAll(async () => {
    await service?.close();
  });

  it('refuses with typed errors, writing nothing: another role, a bad file, a bad mapping; and a job it does not know is null', async () => {
    const head = (await service.graphql('{ auditTrail(first: 1) { totalCount } }', {}, admin)).body.data!.auditTrail.totalCount;
    const secretariat = await service.token('dreal-52', 'commission_secretariat');
    expect(codesOf(await service.graphql(START, { input: { fileName: 'region.xlsx', contentBase64: content } }, secretariat))).toEqual(['FORBIDDEN']);
    expect(codesOf(await service.graphql(START, { input: { fileName: 'region.pdf', contentBase64: content } }, admin))).toEqual(['BAD_USER_INPUT']);
    expect(
      codesOf(
        await service.graphql(
          START,
          { input: { fileName: 'arcep.csv', contentBase64: content, deploymentMapping: { preset: 'arcep', quarter: 'hier' } } },
          admin,
        ),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await service.graphql(JOB, { id: 'b3c1d5e0-0000-4000-8000-000000000000' }, secretariat))).toEqual(['FORBIDDEN']);
    expect((await service.graphql(JOB, { id: 'b3c1d5e0-0000-4000-8000-000000000000' }, admin)).body.data!.importJob).toBeNull();
    expect((await service.graphql('{ auditTrail(first: 1) { totalCount } }', {}, admin)).body.data!.auditTrail.totalCount).toBe(head);
  });

  it(
    'answers at once, shows its phase and the commands recorded while it runs, then its report; a second import waits for the first',
    async () => {
      const started = await service.graphql(START, { input: { fileName: 'historique.xlsx', contentBase64: content, commit: true } }, admin);
      expect(started.body.errors).toBeUndefined();
      const job = started.body.data!.startImport;
      expect(job).toMatchObject({ fileName: 'historique.xlsx', mode: 'commit', phase: 'validating', done: 0, total: null, report: null, error: null });
      expect(codesOf(await service.graphql(START, { input: { fileName: 'autre.xlsx', contentBase64: content } }, admin))).toEqual(['CONFLICT']);

      const seen: { phase: string; done: number; total: number | null }[] = [];

      let last: any;
      for (;;) {
        last = (await service.graphql(JOB, { id: job.id }, admin)).body.data!.importJob;
        seen.push({ phase: last.phase, done: last.done, total: last.total });
        if (last.phase === 'done' || last.phase === 'failed') break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(last).toMatchObject({ phase: 'done', error: null, report: { ok: true, problems: [] } });
      expect(last.finishedAt).not.toBeNull();
      expect(last.report.recorded).toBe(last.report.commands);
      expect(last).toMatchObject({ done: last.report.commands, total: last.report.commands });
      // Seen on the way: the rehearsal (the long phase: every row through the API on a scratch copy),
      // its commands counted as they go; then the rehearsed events are recorded at once.
      const rehearsing = seen.filter((s) => s.phase === 'rehearsing');
      expect(rehearsing.some((s) => s.done > 0 && s.done < last.report.commands && s.total === last.report.commands)).toBe(true);
      for (let i = 1; i < rehearsing.length; i++) expect(rehearsing[i].done).toBeGreaterThanOrEqual(rehearsing[i - 1].done);

      // Once it is done, the next one runs: the same file again records nothing.
      const again = (await service.graphql(START, { input: { fileName: 'historique.xlsx', contentBase64: content, commit: true } }, admin)).body.data!
        .startImport;
      for (;;) {
        last = (await service.graphql(JOB, { id: again.id }, admin)).body.data!.importJob;
        if (last.phase === 'done' || last.phase === 'failed') break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(last.report).toMatchObject({ ok: true, recorded: 0, alreadyRecorded: last.report.commands });
    },
    TIMEOUT,
  );
});
