import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commitmentsReportSection } from '../commitments/commitments.report-section.js';
import { conventionsReportSection } from '../conventions/conventions.report-section.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { TerritoryService } from '../territory/territory.service.js';
import { CHECKLIST } from './checklist.js';
import { generateReport } from './report-generator.js';
import type { ReportCheckpoint, ReportCheckpoints } from './log-fold.js';
import type { ReportSection } from './report-section.js';
import { cutoffOf, parseSemester } from './semester.js';

const territories = new TerritoryService();
territories.load();
const S1 = parseSemester('2026-S1')!;
const S2 = parseSemester('2026-S2')!;

describe('Semestrial report generator', () => {
  let dir: string;
  let store: SqliteEventStore;
  let now: Date;
  const revisions = new Map<string, number>();
  const sections: ReportSection[] = [conventionsReportSection(), commitmentsReportSection(0.1)];

  /** Appends as the command path would, at the clock's current time. */
  async function record(streamId: string, type: string, data: Record<string, unknown>, occurredAt: string, recordedAt: string) {
    now = new Date(recordedAt);
    const id = randomUUID();
    const result = await store.append(
      streamId,
      [
        {
          id,
          type,
          data,
          metadata: { commandId: id, correlationId: id, causationId: id, actingActorId: 'cd-44', principal: 'agent', occurredAt, schemaVersion: 1 },
        },
      ],
      revisions.get(streamId) ?? 'no_stream',
    );
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

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scoran-report-'));
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
    await record('commitment-rennes', 'CommitmentMade', made('rennes', '35238', '2026-01-10'), '2026-01-10T09:00:00Z', '2026-01-10T09:00:02Z');
    await record(
      'commitment-nantes',
      'CommitmentProgressReported',
      { commitmentId: 'nantes', value: 300, asOf: '2026-05-31', source: 'declared', note: null, supersedesCurrent: true },
      '2026-06-02T09:00:00Z',
      '2026-06-02T09:00:01Z',
    );
    // Recorded just before the S1 cut-off (23:59 in Paris on 30 June), then just after it.
    await record(
      'commitment-nantes',
      'CommitmentRevised',
      {
        commitmentId: 'nantes',
        target: { quantity: 1200, unit: 'ftth_premises' },
        dueDate: '2027-03-31',
        previousTarget: { quantity: 1000, unit: 'ftth_premises' },
        previousDueDate: '2027-03-31',
        reason: 'Avenant',
      },
      '2026-06-30T21:00:00Z',
      '2026-06-30T21:59:59Z',
    );
    await record('commitment-nantes', 'CommitmentFulfilled', { commitmentId: 'nantes', note: null }, '2026-07-15T09:00:00Z', '2026-07-15T09:00:00Z');
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the region’s records as known at the cut-off, pinned to the last position before it', async () => {
    const report = await generateReport(store, sections, territories, { region: '52', semester: S1 });
    expect(report.content.cutoff).toBe('2026-06-30T22:00:00.000Z');
    expect(report.position).toBe(5n);
    const commitments = report.content.sections.find((s) => s.key === 'commitments')!;
    // Rennes is in Brittany (53): not in this region's report.
    expect(commitments.tables[0].rows).toEqual([
      {
        commitment: 'nantes',
        actor: 'Département de Loire-Atlantique',
        subject: 'fixed_coverage',
        title: 'FttH 44109',
        target: 1200,
        unit: 'ftth_premises',
        current_value: 300,
        as_of: '2026-05-31',
        // The value's source and who recorded it: the sources annex lists them.
        progress_source: 'declared',
        reported_by: 'Département de Loire-Atlantique',
        due_date: '2027-03-31',
        // 171 of 445 days elapsed: the linear path is at 38 %, less the 10 % threshold: 341 of 1,200.
        standing: 'at_risk',
        previous_standing: null,
      },
    ]);
    expect(commitments.summary).toContainEqual(['made this semester', 1]);
    expect(report.content.sections.find((s) => s.key === 'forward-calendar')!.tables[0].rows).toEqual([
      {
        date: '2027-03-31',
        kind: 'commitment_due',
        record: 'commitment-nantes',
        label: 'FttH 44109',
        actor: 'Département de Loire-Atlantique',
        milestone: null,
        quantity: 1200,
        unit: 'ftth_premises',
      },
    ]);
    expect(report.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(report.json)).toEqual(JSON.parse(JSON.stringify(report.content)));
  });

  it('gives the same bytes again after later corrections, and lists them in the next report', async () => {
    const before = await generateReport(store, sections, territories, { region: '52', semester: S1 });
    // In August, a report as of May is corrected: a fact about S1 recorded in S2.
    await record(
      'commitment-nantes',
      'CommitmentProgressReported',
      { commitmentId: 'nantes', value: 450, asOf: '2026-05-31', source: 'operator_data', note: 'corrigé', supersedesCurrent: true },
      '2026-06-01T10:00:00Z',
      '2026-08-01T10:00:00Z',
    );
    const again = await generateReport(store, sections, territories, { region: '52', semester: S1 });
    expect(again.json).toBe(before.json);
    expect(again.sha256).toBe(before.sha256);

    const next = await generateReport(store, sections, territories, { region: '52', semester: S2 });
    const corrections = next.content.sections.find((s) => s.key === 'corrections')!;
    expect(corrections.tables[0].rows).toEqual([
      expect.objectContaining({ occurred_on: '2026-06-01', recorded_on: '2026-08-01', record: 'commitment-nantes', what: 'commitment progress reported' }),
    ]);
    const commitments = next.content.sections.find((s) => s.key === 'commitments')!;
    expect(commitments.tables[0].rows[0]).toMatchObject({
      standing: 'fulfilled',
      previous_standing: 'at_risk',
      current_value: 450,
      progress_source: 'operator_data',
    });
    expect(next.content.cutoff).toBe(cutoffOf(S2));
    expect(next.position).toBe(7n);
  });

  it('takes another cut-off when given one', async () => {
    const early = await generateReport(store, sections, territories, { region: '52', semester: S2, cutoff: '2026-07-31T00:00:00Z' });
    expect(early.position).toBe(6n);
    expect(early.content.sections.find((s) => s.key === 'corrections')!.tables[0].rows).toEqual([]);
  });

  it('refuses an unknown region', async () => {
    await expect(generateReport(store, sections, territories, { region: '99', semester: S1 })).rejects.toThrow('No region 99');
  });

  it('lists every checklist line with the sections that answer it', async () => {
    const report = await generateReport(store, sections, territories, { region: '52', semester: S1 });
    expect(report.content.checklist.map((c) => c.line)).toEqual([...CHECKLIST]);
    expect(report.content.checklist.find((c) => c.line === 'commitments made by the actors and their status')!.sections).toEqual(['commitments']);
  });

  it('starts from the checkpoint at the previous cut-off, with the same bytes as a full replay', async () => {
    const saved = new Map<string, ReportCheckpoint>();
    const checkpoints: ReportCheckpoints = {
      load: (_version, atOrBefore) => [...saved.values()].filter((c) => c.cutoff <= atOrBefore).sort((a, b) => (a.cutoff < b.cutoff ? 1 : -1))[0],
      save: (_version, checkpoint) => void saved.set(checkpoint.cutoff, checkpoint),
      has: (_version, cutoff) => saved.has(cutoff),
    };
    let eventsRead = 0;
    const counting = Object.create(store, {
      readAll: {
        value: async (options: Parameters<typeof store.readAll>[0]) => {
          const page = await store.readAll(options);
          eventsRead += page.events.length;
          return page;
        },
      },
    }) as typeof store;

    const fullS1 = await generateReport(store, sections, territories, { region: '52', semester: S1 });
    const withS1 = await generateReport(counting, sections, territories, { region: '52', semester: S1 }, { checkpoints });
    expect(withS1.json).toBe(fullS1.json);
    // Passing both cut-offs (2025-S2's and 2026-S1's) left a checkpoint at each.
    expect([...saved.keys()].sort()).toEqual([cutoffOf(parseSemester('2025-S2')!), cutoffOf(S1)]);

    // Once the log has passed a cut-off, that semester's report is read from the frozen fold: no replay.
    eventsRead = 0;
    const frozen = await generateReport(counting, sections, territories, { region: '52', semester: S1 }, { checkpoints });
    expect(eventsRead).toBe(0);
    expect(frozen.json).toBe(fullS1.json);
    expect(frozen.position).toBe(fullS1.position);

    eventsRead = 0;
    const fromCheckpoint = await generateReport(counting, sections, territories, { region: '52', semester: S2 }, { checkpoints });
    expect(eventsRead).toBe(2); // only what was recorded after the S1 cut-off
    expect(fromCheckpoint.json).toBe((await generateReport(store, sections, territories, { region: '52', semester: S2 })).json);

    // A checkpoint the log no longer matches (an older backup restored) is not used.
    const checkpoint = saved.get(cutoffOf(S1))!;
    saved.set(cutoffOf(S1), { ...checkpoint, fold: { ...checkpoint.fold, last: { ...checkpoint.fold.last!, hash: '0'.repeat(64) }, states: [] } });
    eventsRead = 0;
    const replayed = await generateReport(counting, sections, territories, { region: '52', semester: S2 }, { checkpoints });
    expect(eventsRead).toBeGreaterThan(2);
    expect(replayed.json).toBe(fromCheckpoint.json);
  });
});
