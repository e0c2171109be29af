import { readFileSync } from 'node:fs';
import { IMPORT_KINDS } from '../../src/import/import-kinds.js';
import { examplesOf, runGuide } from './guide-examples.js';
import { startTestService, type TestService } from './harness.js';

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
    expect(dry.body.data!.importSpreadsheet).toMatchObject({ batchId: answer.batchId, mode: 'dry-run', ok: true, rows: answer.rows, commands: answer.commands, recorded: 0 });
    const bad = await service.graphql(example('DryRunWithProblems').query, example('DryRunWithProblems').variables, token);
    expect(bad.body.data!.importSpreadsheet.problems.map((p: { cell: string; code: string }) => `${p.cell} ${p.code}`).sort()).toEqual(['A3 INVALID_TEXT', 'D2 UNKNOWN_CODE', 'E2 INVALID_DATE']);
    const trail = await service.graphql(example('ImportBatch').query, {}, await service.token('datar', 'auditor'));
    expect(trail.body.data!.auditTrail.totalCount).toBe(3);
    expect(trail.body.data!.auditTrail.edges.map((e: { node: { metadata: { importBatch: { row: number } } } }) => e.node.metadata.importBatch.row)).toEqual([2, 3, 4]);
  });
});
