import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Principal } from '../../src/shared/principal.js';
import { IMPORT_KINDS } from '../../src/import/import-kinds.js';
import { importFile } from '../../src/import/importer.js';
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
  it('imports the workbook of its vote example, cell for cell, with the answer it describes', async () => {
    const section = /## A vote and the commitment it creates \(workbook\)\n([\s\S]*?)\n## /.exec(guide)![1];
    const workbook = new ExcelJS.Workbook();
    for (const [, name, table] of section.matchAll(/^#### (.+)\n\n((?:\|.*\n)+)/gm)) {
      const sheet = workbook.addWorksheet(name);
      const lines = table
        .trim()
        .split('\n')
        .filter((line) => !/^\|[-|]+\|$/.test(line));
      for (const line of lines)
        sheet.addRow(
          line
            .slice(1, -1)
            .split('|')
            .map((cell) => cell.trim() || null),
        );
    }
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Acteurs',
      'Commissions',
      'Réunions',
      'Présences',
      'Décisions',
      'Votes',
      'Votes exprimés',
      'Avancement',
    ]);
    const admin: Principal = { subject: 'person-admin', actorId: 'scoran-ledger', role: 'admin' };
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const report = await importFile(service.app, 'vote.xlsx', bytes, { principal: admin, commit: true });
    const commands = Number(/Answer: (\d+) commands recorded/.exec(section)![1]);
    expect(report).toMatchObject({ ok: true, problems: [], commands, recorded: commands });
    const { body } = await service.graphql(`{
      meeting(id: "ccrant-28-2016-03") { decisions { id kind mode outcome tally { for against abstain } quorum { members presentOrRepresented reached } commitmentId } }
      commitment(id: "ccrant-28-2016-03.p2.commitment") { committingActorId stemsFrom { decisionId } progress { value } }
      commission(regionCode: "28") { members { actorId } } }`);
    expect(body.data!.meeting.decisions[1]).toEqual({
      id: 'ccrant-28-2016-03.p2',
      kind: 'ACTION_REQUEST',
      mode: 'VOTE',
      outcome: 'ADOPTED',
      tally: { for: 2, against: 0, abstain: 1 },
      quorum: { members: 3, presentOrRepresented: 3, reached: true },
      commitmentId: 'ccrant-28-2016-03.p2.commitment',
    });
    expect(body.data!.commitment).toEqual({
      committingActorId: 'region-28',
      stemsFrom: { decisionId: 'ccrant-28-2016-03.p2' },
      progress: [{ value: 400_000 }],
    });
    expect(body.data!.commission.members.map((m: { actorId: string }) => m.actorId)).toEqual(['prefet-28', 'region-28', 'cd-14', 'orange-28']);
  });
});
