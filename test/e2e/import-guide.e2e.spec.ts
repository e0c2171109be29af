import { readFileSync } from 'node:fs';
import { IMPORT_KINDS } from '../../src/import/import-kinds.js';
import { examplesOf, runGuide } from './guide-examples.js';
import { codesOf, startTestService, type TestService } from './harness.js';

const guide = readFileSync(new URL('../../docs/import.md', import.meta.url), 'utf8');

describe('docs/import.md', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.close();
  });

  it('sends, in base64, exactly the CSV it shows', () => {
    const csv = /```csv\n([\s\S]*?)```/.exec(guide)![1];
    const dryRun = examplesOf(guide).find((e) => e.title === 'DryRun')!;
    expect(Buffer.from((dryRun.variables.input as { contentBase64: string }).contentBase64, 'base64').toString('utf8')).toBe(csv);
  });

  it('lists every column of every sheet, in French and English', () => {
    for (const kind of IMPORT_KINDS) {
      expect(guide).toContain(`### ${kind.fr} (${kind.en})`);
      for (const column of kind.columns) expect(guide).toContain(`| ${column.fr} | ${column.en} |`);
    }
  });

  it('runs its GraphQL examples as written, with the answers it describes', async () => {
    await runGuide(service, 'import.md');
    const token = await service.token('sgar-52', 'admin');
    const example = (title: string) => examplesOf(guide).find((e) => e.title === title)!;
    const dry = await service.graphql(example('DryRun').query, example('DryRun').variables, token);
    const answer = JSON.parse(/Answer: `(\{ "batchId"[^`]*\})`/.exec(guide)![1]);
    // Run after the commit: the same file now reads as already recorded, the rest of the answer as written.
    expect(dry.body.data!.importSpreadsheet).toMatchObject({
      batchId: answer.batchId,
      mode: 'dry-run',
      ok: true,
      rows: answer.rows,
      commands: answer.commands,
      recorded: 0,
    });
    const bad = await service.graphql(example('DryRunWithProblems').query, example('DryRunWithProblems').variables, token);
    expect(bad.body.data!.importSpreadsheet.problems.map((p: { cell: string; code: string }) => `${p.cell} ${p.code}`).sort()).toEqual([
      'A3 INVALID_TEXT',
      'D2 UNKNOWN_CODE',
      'E2 INVALID_DATE',
    ]);
    const trail = await service.graphql(example('ImportBatch').query, {}, await service.token('datar', 'auditor'));
    expect(trail.body.data!.auditTrail.totalCount).toBe(3);
    expect(trail.body.data!.auditTrail.edges.map((e: { node: { metadata: { importBatch: { row: number } } } }) => e.node.metadata.importBatch.row)).toEqual([
      2, 3, 4,
    ]);
    // The regulator's file: the CSV shown is the one sent; one report for rip-44, Paris reported, not recorded.
    const regulator = example('RegulatorFile');
    const shown = /```text\n(code_commune;[\s\S]*?)```/.exec(guide)![1];
    expect(Buffer.from((regulator.variables.input as { contentBase64: string }).contentBase64, 'base64').toString('utf8')).toBe(shown);
    const again = await service.graphql(regulator.query, regulator.variables, token);
    expect(again.body.data!.importSpreadsheet).toMatchObject({ ok: true, commands: 1, recorded: 0, notices: [{ cell: 'A4', code: 'OUTSIDE_PROJECTS' }] });
    expect(guide.replace(/\s+/g, ' ')).toContain(again.body.data!.importSpreadsheet.notices[0].message);
    const figures = await service.graphql(example('RegulatorFigures').query);
    expect(figures.body.data!.networkProject.indicatorHistory).toMatchObject([
      { asOf: '2021-09-30', ftthPremisesPlanned: 243_650, ftthPremisesConnectable: 233_430, source: 'REGULATOR_DATA' },
    ]);
    // The meetings CSV: the one shown is the one sent; the meeting is closed with the hash of the minutes' text.
    const meetings = example('ImportMeetings');
    const meetingsCsv = /```text\n(Identifiant;Région;Date de la réunion[\s\S]*?)```/.exec(guide)![1];
    expect(Buffer.from((meetings.variables.input as { contentBase64: string }).contentBase64, 'base64').toString('utf8')).toBe(meetingsCsv);
    const meeting = (await service.graphql(example('ImportedMeeting').query)).body.data!.meeting;
    expect(meeting).toMatchObject({ status: 'CLOSED', date: '2015-03-12', agenda: [{ itemId: 'p1' }, { itemId: 'p2' }], minutes: [{ version: 1 }] });
    expect(guide).toContain(`the text, \`${meeting.minutes[0].documentHash}\``);
    // startImport, then importJob polled with the id it gave (the guide's own run may still hold the lock a moment).
    let job;
    for (let attempt = 0; ; attempt++) {
      const started = await service.graphql(example('StartImport').query, example('StartImport').variables, token);
      if (!started.body.errors) {
        job = started.body.data!.startImport;
        break;
      }
      expect(codesOf(started)).toEqual(['CONFLICT']);
      if (attempt > 100) throw new Error('The guide’s import never finished');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(job).toMatchObject({ phase: 'validating', done: 0, total: null });
    let polled;
    do {
      await new Promise((resolve) => setTimeout(resolve, 50));
      polled = (await service.graphql(example('ImportJob').query, { id: job.id }, token)).body.data!.importJob;
    } while (polled.phase !== 'done' && polled.phase !== 'failed');
    expect(polled).toMatchObject({ phase: 'done', error: null, report: { ok: true, commands: 3, alreadyRecorded: 3, recorded: 0 } });
  });
});
