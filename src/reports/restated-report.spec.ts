import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commitmentsReportSection } from '../commitments/commitments.report-section.js';
import { specificationOf } from '../decider/given-when-then.js';
import type { EventMetadata } from '../event-store/event-store.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { TerritoryService } from '../territory/territory.service.js';
import { generateReport } from './report-generator.js';
import type { ReportSection } from './report-section.js';
import { generateRestatedReport, RESTATED_FORMAT } from './restated-report.js';
import { restatedReportDecider, type RestatedReportCommand } from './restated-report.decider.js';
import { parseSemester } from './semester.js';

const territories = new TerritoryService();
territories.load();
const S1 = parseSemester('2026-S1')!;
const S2 = parseSemester('2026-S2')!;
const BATCH = {
  batchId: 'import-0123456789abcdef',
  fileName: 'historique.xlsx',
  fileHash: '0'.repeat(64),
  sheet: 'Engagements',
  row: 2,
  importedBy: 'person-admin',
};

describe('Reports as issued and as known now', () => {
  let dir: string;
  let store: SqliteEventStore;
  let now: Date;
  const revisions = new Map<string, number>();
  const sections: ReportSection[] = [commitmentsReportSection(0.1)];

  async function record(
    streamId: string,
    type: string,
    data: Record<string, unknown>,
    occurredAt: string,
    recordedAt: string,
    extra: Partial<EventMetadata> = {},
  ) {
    now = new Date(recordedAt);
    const id = randomUUID();
    const metadata: EventMetadata = {
      commandId: id,
      correlationId: id,
      causationId: id,
      actingActorId: 'cd-44',
      principal: 'agent',
      occurredAt,
      schemaVersion: 1,
      ...extra,
    };
    const result = await store.append(streamId, [{ id, type, data, metadata }], revisions.get(streamId) ?? 'no_stream');
    revisions.set(streamId, result.nextRevision);
  }
  const made = (commitmentId: string, commune: string, madeOn: string) => ({
    commitmentId,
    committingActorId: 'cd-44',
    subject: 'fixed_coverage',
    title: `FttH ${commune}`,
    target: { quantity: 1000, unit: 'ftth_premises' },
    territories: [{ kind: 'commune', code: commune }],
    dueDate: '2027-03-31',
    madeOn,
    stemsFrom: null,
  });
  const progress = (commitmentId: string, value: number, asOf: string) => ({
    commitmentId,
    value,
    asOf,
    source: 'declared',
    note: null,
    supersedesCurrent: true,
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scoran-restated-'));
    now = new Date('2026-01-01T00:00:00Z');
    store = new SqliteEventStore({ path: join(dir, 'events.db'), synchronous: 'NORMAL', clock: () => now });
    await record(
      'actor-cd-44',
      'ActorRegistered',
      { actorId: 'cd-44', kind: 'departement', name: 'Département de Loire-Atlantique', territories: [{ kind: 'departement', code: '44' }], siren: null },
      '2026-01-05T09:00:00Z',
      '2026-01-05T09:00:01Z',
    );
    await record('commitment-nantes', 'CommitmentMade', made('nantes', '44109', '2026-01-10'), '2026-01-10T09:00:00Z', '2026-01-10T09:00:01Z');
    await record('commitment-nantes', 'CommitmentProgressReported', progress('nantes', 300, '2026-05-31'), '2026-06-02T09:00:00Z', '2026-06-02T09:00:01Z');
    // In August, three kinds of facts about S1: a correction of a record the S1 report showed,
    await record('commitment-nantes', 'CommitmentProgressReported', progress('nantes', 450, '2026-06-15'), '2026-06-15T09:00:00Z', '2026-08-01T10:00:00Z');
    // a record of S1 first recorded late, by hand,
    await record('commitment-angers', 'CommitmentMade', made('angers', '49007', '2026-03-01'), '2026-03-01T09:00:00Z', '2026-08-02T10:00:00Z');
    // and a record of S1 imported from a file (two facts, one batch).
    await record('commitment-laval', 'CommitmentMade', made('laval', '53130', '2026-02-01'), '2026-02-01T12:00:00Z', '2026-08-03T10:00:00Z', {
      source: 'import',
      importBatch: BATCH,
    });
    await record('commitment-laval', 'CommitmentProgressReported', progress('laval', 200, '2026-05-01'), '2026-05-01T12:00:00Z', '2026-08-03T10:00:01Z', {
      source: 'import',
      importBatch: { ...BATCH, sheet: 'Avancement' },
    });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the next report tells corrections, late recordings and imports apart, one line per import batch', async () => {
    const next = await generateReport(store, sections, territories, { region: '52', semester: S2 });
    const corrections = next.content.sections.find((s) => s.key === 'corrections')!;
    const table = (name: string) => corrections.tables.find((t) => t.name === name)!.rows;
    expect(table('corrections')).toEqual([expect.objectContaining({ record: 'commitment-nantes', occurred_on: '2026-06-15', recorded_on: '2026-08-01' })]);
    expect(table('late-recordings')).toEqual([expect.objectContaining({ record: 'commitment-angers', occurred_on: '2026-03-01' })]);
    expect(table('import-batches')).toEqual([
      {
        batch: BATCH.batchId,
        file: 'historique.xlsx',
        facts: 2,
        records: 1,
        occurred_from: '2026-02-01',
        occurred_to: '2026-05-01',
        recorded_on: '2026-08-03',
      },
    ]);
    expect(corrections.summary).toEqual([
      ['corrections recorded this semester', 1],
      ['late recordings', 1],
      ['import batches', 1],
      ['imported facts', 2],
    ]);
  });

  it('restates a past semester with everything recorded since, and says what differs from the report as issued', async () => {
    const asIssued = await generateReport(store, sections, territories, { region: '52', semester: S1 });
    const rowsOf = (content: typeof asIssued.content) => content.sections.find((s) => s.key === 'commitments')!.tables[0].rows;
    expect(rowsOf(asIssued.content).map((r) => r.commitment)).toEqual(['nantes']);

    const restated = await generateRestatedReport(store, sections, territories, { region: '52', semester: S1 }, asIssued);
    expect(restated.content.format).toBe(RESTATED_FORMAT);
    expect(restated.content.asIssued.sha256).toBe(asIssued.sha256);
    expect(restated.content.basis).toEqual({ asKnownAt: '7', recordedUntil: '2026-08-03T10:00:01.000Z' });
    const rows = rowsOf(restated.content);
    expect(rows.map((r) => r.commitment)).toEqual(['angers', 'laval', 'nantes']);
    expect(rows.find((r) => r.commitment === 'nantes')).toMatchObject({ current_value: 450, as_of: '2026-06-15' });

    const since = restated.content.sections.find((s) => s.key === 'corrections')!;
    expect(since.title).toBe('Recorded after the report as issued');
    expect(since.summary).toEqual([
      ['corrections recorded this semester', 1],
      ['late recordings', 1],
      ['import batches', 1],
      ['imported facts', 2],
    ]);
    const differences = restated.content.sections.find((s) => s.key === 'differences')!;
    expect(differences.tables[0].rows).toContainEqual({ section: 'commitments', figure: 'made this semester', as_issued: 1, as_known_now: 3 });
    expect(differences.tables[1].rows).toContainEqual(
      expect.objectContaining({ section: 'commitments', rows_as_issued: 1, rows_as_known_now: 3, new_or_changed: 3, gone_or_changed: 1 }),
    );
  });

  it('gives the same bytes again when pinned to its position, whatever is recorded later', async () => {
    const asIssued = await generateReport(store, sections, territories, { region: '52', semester: S1 });
    const first = await generateRestatedReport(store, sections, territories, { region: '52', semester: S1 }, asIssued);
    await record('commitment-nantes', 'CommitmentProgressReported', progress('nantes', 500, '2026-06-20'), '2026-06-20T09:00:00Z', '2026-09-01T10:00:00Z');
    const pinned = await generateRestatedReport(store, sections, territories, { region: '52', semester: S1, upTo: first.position }, asIssued);
    expect(pinned.sha256).toBe(first.sha256);
    const now = await generateRestatedReport(store, sections, territories, { region: '52', semester: S1 }, asIssued);
    expect(now.sha256).not.toBe(first.sha256);
    expect(now.content.sections.find((s) => s.key === 'commitments')!.tables[0].rows.find((r) => r.commitment === 'nantes')).toMatchObject({
      current_value: 500,
    });
  });
});

describe('Restated report decider', () => {
  const spec = specificationOf(restatedReportDecider);
  const restate = (overrides: Partial<RestatedReportCommand> = {}): RestatedReportCommand => ({
    type: 'RestateReport',
    principal: { actorId: 'sgar-52', role: 'commission_secretariat' },
    region: '52',
    semester: '2015-S1',
    cutoffPassed: true,
    sha256: 'a'.repeat(64),
    position: '900',
    cutoff: '2015-06-30T22:00:00.000Z',
    restates: { version: 1, sha256: 'b'.repeat(64) },
    asIssuedSha256: 'b'.repeat(64),
    recordedSince: 69,
    ...overrides,
  });
  const restated = (command: RestatedReportCommand) => {
    const { type: _type, principal: _principal, cutoffPassed: _passed, ...data } = command;
    return { type: 'ReportRestated' as const, data };
  };

  it('records a restatement referencing the issued original', () => {
    spec
      .given([])
      .when(restate())
      .then([restated(restate())]);
  });
  it('restates a semester whose report was never issued (restates: null)', () => {
    spec
      .given([])
      .when(restate({ restates: null }))
      .then([restated(restate({ restates: null }))]);
  });
  it('refuses when nothing was recorded after the cut-off', () => {
    spec
      .given([])
      .when(restate({ recordedSince: 0 }))
      .thenRejects('conflict', /as known now is the report as issued/);
  });
  it('refuses the same restatement twice, accepts a new one', () => {
    spec
      .given([restated(restate())])
      .when(restate())
      .thenRejects('conflict', /already issued/);
    spec
      .given([restated(restate())])
      .when(restate({ sha256: 'c'.repeat(64), position: '950' }))
      .then([restated(restate({ sha256: 'c'.repeat(64), position: '950' }))]);
  });
  it('is for the secretariat or an admin, once the semester is over', () => {
    spec
      .given([])
      .when(restate({ principal: { actorId: 'cd-44', role: 'representative' } }))
      .thenRejects('forbidden');
    spec
      .given([])
      .when(restate({ cutoffPassed: false }))
      .thenRejects('conflict', /not over/);
  });
});
