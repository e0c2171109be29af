import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '../event-store/event-store.js';
import type { ReadModelDatabase } from '../projections/projection.js';
import { openReadModelDatabase } from '../projections/read-model-database.js';
import { TerritoryService } from '../territory/territory.service.js';
import { summarize } from './audit-summary.js';
import { auditProjection, regionsNamedIn } from './audit.projection.js';
import { AuditReadModel } from './audit.read-model.js';

const territories = new TerritoryService();
territories.load();

/** A recorded event as the store would hand it to the projection (hashes are not checked here). */
function recorded(
  position: number,
  streamId: string,
  revision: number,
  type: string,
  ids: { eventId?: string; commandId: string; causationId?: string; correlationId?: string },
  data: Record<string, unknown> = {},
  extra: { actor?: string; principal?: string; occurredAt?: string; recordedAt?: string } = {},
): RecordedEvent {
  return {
    id: ids.eventId ?? `e${position}`,
    streamId,
    revision,
    position: BigInt(position),
    type,
    data,
    metadata: {
      commandId: ids.commandId,
      correlationId: ids.correlationId ?? ids.commandId,
      causationId: ids.causationId ?? ids.commandId,
      actingActorId: extra.actor ?? 'gigalis',
      principal: extra.principal ?? 'person-1',
      occurredAt: extra.occurredAt ?? '2026-01-01T00:00:00.000Z',
      schemaVersion: 1,
    },
    recordedAt: extra.recordedAt ?? `2026-01-01T00:00:${String(position).padStart(2, '0')}.000Z`,
    prevHash: '0'.repeat(64),
    hash: String(position).padStart(64, '0'),
  };
}

describe('Audit read model', () => {
  let dir: string;
  let db: ReadModelDatabase;
  let audit: AuditReadModel;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scoran-audit-'));
    db = openReadModelDatabase(join(dir, 'read-models.db'));
    const projection = auditProjection(territories);
    projection.setup(db);
    const handle = projection.handler(db);
    // A decision (meeting stream) requests two commitments (caused by the decision event); one of
    // them is then reported on by its own actor; an unrelated actor is registered meanwhile.
    for (const event of [
      recorded(1, 'meeting-m1', 0, 'MeetingConvened', { commandId: 'c-convene' }, { region: '52' }),
      recorded(2, 'meeting-m1', 1, 'DecisionAdopted', { eventId: 'decision', commandId: 'c-decide' }),
      recorded(
        3,
        'commitment-a',
        0,
        'CommitmentMade',
        { commandId: 'c-a', causationId: 'decision', correlationId: 'c-decide' },
        { territories: [{ kind: 'departement', code: '44' }] },
      ),
      recorded(
        4,
        'commitment-b',
        0,
        'CommitmentMade',
        { commandId: 'c-b', causationId: 'decision', correlationId: 'c-decide' },
        { territories: [{ kind: 'commune', code: '35238' }] },
      ),
      recorded(
        5,
        'actor-x',
        0,
        'ActorRegistered',
        { commandId: 'c-x' },
        { name: 'X', territories: [{ kind: 'region', code: '53' }] },
        { actor: 'sgar-53', principal: 'person-2' },
      ),
      recorded(
        6,
        'commitment-a',
        1,
        'CommitmentProgressReported',
        { commandId: 'c-report' },
        { value: 10, asOf: '2026-06-30' },
        { occurredAt: '2026-07-01T00:00:00.000Z' },
      ),
      recorded(
        7,
        'commitment-a',
        2,
        'CommitmentRevised',
        { commandId: 'c-revise' },
        { reason: 'Plan élargi', target: { quantity: 20, unit: 'ftth_premises' } },
      ),
      recorded(
        8,
        'commitment-c',
        0,
        'CommitmentMade',
        { commandId: 'c-c', causationId: 'batch-request' },
        { territories: [{ kind: 'commune', code: '44109' }] },
      ),
    ]) {
      handle(event);
    }
    audit = new AuditReadModel(db);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ids = (filter: Parameters<AuditReadModel['list']>[0], newestFirst = false) =>
    audit.list(filter, { first: 100 }, newestFirst).edges.map((e) => e.node.position);

  it('filters by actor, principal, type, category, stream, correlation, times and region', () => {
    expect(ids({})).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(ids({}, true)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(ids({ actorId: 'sgar-53' })).toEqual([5]);
    expect(ids({ principal: 'person-2' })).toEqual([5]);
    expect(ids({ types: ['CommitmentMade', 'MeetingConvened'] })).toEqual([1, 3, 4, 8]);
    expect(ids({ categories: ['commitment'] })).toEqual([3, 4, 6, 7, 8]);
    expect(ids({ streamId: 'commitment-a' })).toEqual([3, 6, 7]);
    expect(ids({ correlationId: 'c-decide' })).toEqual([2, 3, 4]);
    expect(ids({ recordedFrom: '2026-01-01T00:00:03.000Z', recordedTo: '2026-01-01T00:00:05.000Z' })).toEqual([3, 4, 5]);
    expect(ids({ occurredFrom: '2026-06-01T00:00:00.000Z' })).toEqual([6]);
    // A report names no territory: it is found under its commitment's region.
    expect(ids({ region: '52' })).toEqual([1, 2, 3, 6, 7, 8]);
    expect(ids({ region: '53' })).toEqual([4, 5]);
    expect(ids({ region: '53', categories: ['actor'] })).toEqual([5]);
  });

  it('pages in both directions without gaps or repeats', () => {
    for (const newestFirst of [false, true]) {
      const seen: number[] = [];
      let after: string | undefined;
      do {
        const page = audit.list({}, { first: 3, after }, newestFirst);
        seen.push(...page.edges.map((e) => e.node.position));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor! : undefined;
        expect(page.totalCount).toBe(8);
      } while (after);
      expect(seen).toEqual(newestFirst ? [8, 7, 6, 5, 4, 3, 2, 1] : [1, 2, 3, 4, 5, 6, 7, 8]);
    }
  });

  it('follows a decision to the commitments it caused and their later events, and back to the origin', () => {
    const tree = audit.causation('decision', 100)!;
    expect(tree.descendants.map((n) => [n.event.eventId, n.parentEventId, n.link, n.depth])).toEqual([
      ['decision', null, null, 0],
      ['e3', 'decision', 'caused_by', 1],
      ['e4', 'decision', 'caused_by', 1],
      ['e6', 'e3', 'stream_continuation', 2],
      ['e7', 'e3', 'stream_continuation', 2],
    ]);
    expect(tree.truncated).toBe(false);
    // A decision taken in a meeting goes back to the meeting's convening.
    expect(tree.ancestors.map((a) => [a.event.eventId, a.link])).toEqual([['e1', 'stream_continuation']]);

    const fromReport = audit.causation('e6', 100)!;
    expect(fromReport.ancestors.map((a) => [a.event.eventId, a.link])).toEqual([
      ['e1', 'stream_continuation'],
      ['decision', 'caused_by'],
      ['e3', 'stream_continuation'],
    ]);
    expect(fromReport.descendants.map((n) => n.event.eventId)).toEqual(['e6']);
    expect(audit.causation('e8', 10)!).toMatchObject({ ancestors: [], originCommandId: 'batch-request' });
    expect(audit.causation('missing', 10)).toBeUndefined();
  });

  it('cuts a large tree at maxNodes and says so', () => {
    const tree = audit.causation('decision', 3)!;
    expect(tree.descendants.map((n) => n.event.eventId)).toEqual(['decision', 'e3', 'e4']);
    expect(tree.truncated).toBe(true);
  });

  it('finds a cause recorded by command id (a batch whose command recorded events)', () => {
    const handle = auditProjection(territories).handler(db);
    handle(recorded(9, 'commitment-d', 0, 'CommitmentMade', { commandId: 'c-d', causationId: 'c-revise' }));
    expect(audit.causation('e9', 10)!.ancestors.map((a) => a.event.eventId)).toEqual(['e1', 'decision', 'e3', 'e7']);
    expect(audit.causation('e7', 10)!.descendants.map((n) => [n.event.eventId, n.link])).toEqual([
      ['e7', null],
      ['e9', 'caused_by'],
    ]);
  });

  it('names the regions of territory references and code fields, ignoring unknown codes', () => {
    expect([...regionsNamedIn({ a: [{ kind: 'commune', code: '44109' }], departements: ['35', '99'], nested: { region: '11' } }, territories)].sort()).toEqual([
      '11',
      '52',
      '53',
    ]);
    expect([...regionsNamedIn({ kind: 'galaxy', code: '44' }, territories)]).toEqual([]);
  });

  it('summarizes an event in one line', () => {
    const event = audit.list({ streamId: 'commitment-a', types: ['CommitmentRevised'] }, { first: 1 }).edges[0].node;
    expect(summarize(event, 'Gigalis')).toBe(
      'person-1 for Gigalis: commitment revised on commitment-a (revision 2): reason Plan élargi, target 20 ftth_premises',
    );
  });
});
