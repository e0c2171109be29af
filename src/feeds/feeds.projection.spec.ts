import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { givenEvents, recordedEvents } from '../../test/fixtures/projection-spec.js';
import type { CommitmentEvent } from '../commitments/commitment.decider.js';
import type { ConventionEvent } from '../conventions/convention.decider.js';
import { INDICATORS, type Indicators, type NetworkProjectEvent } from '../network-projects/network-project.decider.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { ProjectionRunner } from '../projections/projection-runner.js';
import { openReadModelDatabase } from '../projections/read-model-database.js';
import { TerritoryService } from '../territory/territory.service.js';
import type { UsageProjectEvent } from '../usage-projects/usage-project.decider.js';
import type { WhiteZoneEvent } from '../white-zones/white-zone.decider.js';
import { FEED_TABLES, feedsProjection } from './feeds.projection.js';
import { FeedsReadModel } from './feeds.read-model.js';

type FedEvent = NetworkProjectEvent | UsageProjectEvent | CommitmentEvent | ConventionEvent | WhiteZoneEvent;
type Given = FedEvent & { streamId: string };

const figures = (over: Partial<Indicators>): Indicators => ({ ...Object.fromEntries(INDICATORS.map((i) => [i, null])), ...over }) as Indicators;

const network: Given[] = [
  {
    streamId: 'networkProject-rip-anjou',
    type: 'NetworkProjectRegistered',
    data: {
      projectId: 'rip-anjou',
      name: 'Anjou THD',
      leadActorId: 'cd-49',
      departementCodes: ['44', '49'],
      multiDepartemental: true,
      technologies: ['ftth'],
      procurementModel: null,
      delegateOperatorId: null,
      registeredOn: '2015-01-10',
    },
  },
  { streamId: 'networkProject-rip-anjou', type: 'MilestoneAdded', data: { projectId: 'rip-anjou', key: 'works_started', label: 'Works started', order: 10 } },
  { streamId: 'networkProject-rip-anjou', type: 'MilestoneAdded', data: { projectId: 'rip-anjou', key: 'completed', label: 'Completed', order: 20 } },
  { streamId: 'networkProject-rip-anjou', type: 'MilestonePlanned', data: { projectId: 'rip-anjou', key: 'works_started', date: '2015-09-30' } },
  {
    streamId: 'networkProject-rip-anjou',
    type: 'MilestoneRescheduled',
    data: { projectId: 'rip-anjou', key: 'works_started', date: '2015-10-15', previousDate: '2015-09-30', reason: 'retard' },
  },
  {
    streamId: 'networkProject-rip-anjou',
    type: 'MilestoneAchieved',
    data: { projectId: 'rip-anjou', key: 'works_started', achievedOn: '2015-10-20', evidenceHash: 'h', outOfOrder: false, skippedKeys: [] },
  },
  {
    streamId: 'networkProject-rip-anjou',
    type: 'NetworkIndicatorsReported',
    data: { projectId: 'rip-anjou', asOf: '2015-06-30', figures: figures({ ftthPremisesPlanned: 50001 }), lowered: [], reason: null },
  },
  {
    streamId: 'networkProject-rip-anjou',
    type: 'NetworkIndicatorsReported',
    data: {
      projectId: 'rip-anjou',
      asOf: '2015-12-31',
      figures: figures({ ftthPremisesPlanned: 50000, ftthPremisesConnectable: 301 }),
      lowered: ['ftthPremisesPlanned'],
      reason: 'recount',
    },
  },
];

const commitment: Given[] = [
  {
    streamId: 'commitment-nantes',
    type: 'CommitmentMade',
    data: {
      commitmentId: 'nantes',
      committingActorId: 'cd-44',
      subject: 'fixed_coverage',
      title: 'FttH à Nantes',
      target: { quantity: 1000, unit: 'ftth_premises' },
      territories: [{ kind: 'commune', code: '44109' }],
      dueDate: '2015-12-31',
      madeOn: '2015-01-15',
      stemsFrom: null,
    },
  },
  {
    streamId: 'commitment-nantes',
    type: 'CommitmentRevised',
    data: {
      commitmentId: 'nantes',
      target: { quantity: 1000, unit: 'ftth_premises' },
      dueDate: '2016-06-30',
      previousTarget: { quantity: 1000, unit: 'ftth_premises' },
      previousDueDate: '2015-12-31',
      reason: 'avenant',
    },
  },
  { streamId: 'commitment-nantes', type: 'CommitmentFulfilled', data: { commitmentId: 'nantes', note: null } },
];

const convention: Given[] = [
  {
    streamId: 'convention-cpsd-44',
    type: 'ConventionDrafted',
    data: {
      conventionId: 'cpsd-44',
      kind: 'cpsd',
      title: 'CPSD Loire-Atlantique',
      parties: [],
      documentHash: 'h1',
      scope: ['44109'],
      calendar: [],
      endsOn: null,
      draftedOn: '2015-02-01',
    },
  },
  {
    streamId: 'convention-cpsd-44',
    type: 'ConventionSigned',
    data: {
      conventionId: 'cpsd-44',
      version: 1,
      documentHash: 'h1',
      partyId: 'cd-44',
      signatory: { personId: 'p-1', title: 'Président' },
      place: 'Nantes',
      signedOn: '2015-03-01',
      councilResolution: null,
    },
  },
  {
    streamId: 'convention-cpsd-44',
    type: 'ConventionEnteredIntoForce',
    data: { conventionId: 'cpsd-44', version: 1, documentHash: 'h1', on: '2015-03-02', amendment: false },
  },
];

const zone: Given[] = [
  {
    streamId: 'whiteZone-z-1',
    type: 'WhiteZoneRecorded',
    data: {
      zoneId: 'z-1',
      kind: 'fixed_below_threshold',
      communeCodes: ['44109'],
      prioritySites: { schools: 1, publicServices: 0, businesses: 0, health: 0 },
      estimatedCost: null,
      identifiedOn: '2014-09-15',
    },
  },
  { streamId: 'whiteZone-z-1', type: 'WhiteZoneResolved', data: { zoneId: 'z-1', resolvedOn: '2016-01-01', networkProjectId: null } },
];

describe('feeds projection', () => {
  const territories = new TerritoryService();
  beforeAll(() => territories.load());
  const projection = () => feedsProjection(territories);

  it('keeps a project’s name, départements and latest FttH figures, and each milestone’s plan and achievement', () => {
    const then = givenEvents<FedEvent>(projection(), network);
    expect(
      then.rows('SELECT kind, id, name, status, territory_codes, departement_codes, ftth_planned, ftth_connectable, updated_at FROM feed_projects'),
    ).toEqual([
      {
        kind: 'network',
        id: 'rip-anjou',
        name: 'Anjou THD',
        status: 'active',
        territory_codes: '["departement:44","departement:49"]',
        departement_codes: '["44","49"]',
        ftth_planned: 50000,
        ftth_connectable: 301,
        // The last event of the stream (the 8th: one minute apart from 2026-01-01 00:00).
        updated_at: '2026-01-01T00:07:00.000Z',
      },
    ]);
    expect(then.rows('SELECT key, label, status, planned_date, achieved_on FROM feed_milestones ORDER BY key')).toEqual([
      { key: 'completed', label: 'Completed', status: 'pending', planned_date: null, achieved_on: null },
      { key: 'works_started', label: 'Works started', status: 'achieved', planned_date: '2015-10-15', achieved_on: '2015-10-20' },
    ]);
    expect(then.rows("SELECT kind, code FROM feed_territory_keys WHERE source = 'network_project' ORDER BY code")).toEqual([
      { kind: 'departement', code: '44' },
      { kind: 'departement', code: '49' },
    ]);
  });

  it('keeps a usage project’s milestones apart from a network project’s with the same key', () => {
    const usage: Given[] = [
      {
        streamId: 'usageProject-telemed',
        type: 'UsageProjectRegistered',
        data: {
          projectId: 'telemed',
          title: 'Télémédecine',
          domain: 'health',
          priorityLevel: 'regional',
          innovativeTerritory: false,
          nationalCallReference: null,
          carryingActorId: 'cd-44',
          partnerIds: [],
          territories: [{ kind: 'departement', code: '44' }],
          registeredOn: '2015-01-01',
        },
      },
      { streamId: 'usageProject-telemed', type: 'MilestoneAdded', data: { projectId: 'telemed', key: 'works_started', label: 'Pilot started', order: 10 } },
      { streamId: 'usageProject-telemed', type: 'MilestonePlanned', data: { projectId: 'telemed', key: 'works_started', date: '2015-03-01' } },
    ];
    const then = givenEvents<FedEvent>(projection(), [...network, ...usage]);
    expect(then.rows("SELECT project_kind, project_id, status, planned_date FROM feed_milestones WHERE key = 'works_started' ORDER BY project_kind")).toEqual([
      { project_kind: 'network', project_id: 'rip-anjou', status: 'achieved', planned_date: '2015-10-15' },
      { project_kind: 'usage', project_id: 'telemed', status: 'planned', planned_date: '2015-03-01' },
    ]);
    expect(then.rows("SELECT kind, updated_at FROM feed_projects WHERE id = 'rip-anjou'")).toEqual([
      { kind: 'network', updated_at: '2026-01-01T00:07:00.000Z' },
    ]);
  });

  it('moves a commitment’s due date when revised, ends it, and finds it under its commune and what encloses it', () => {
    const then = givenEvents<FedEvent>(projection(), commitment);
    expect(then.rows('SELECT id, title, committing_actor_id, status, due_date, territory_codes FROM feed_commitments')).toEqual([
      { id: 'nantes', title: 'FttH à Nantes', committing_actor_id: 'cd-44', status: 'fulfilled', due_date: '2016-06-30', territory_codes: '["commune:44109"]' },
    ]);
    expect(then.rows("SELECT kind, code FROM feed_territory_keys WHERE source = 'commitment' ORDER BY kind, code")).toEqual([
      { kind: 'commune', code: '44109' },
      { kind: 'departement', code: '44' },
      { kind: 'epci', code: '244400404' },
      { kind: 'region', code: '52' },
    ]);
  });

  it('records each signature and the date each version entered into force; a white zone’s status', () => {
    const then = givenEvents<FedEvent>(projection(), [...convention, ...zone]);
    expect(then.rows('SELECT convention_id, version, party_id, title, place, signed_on FROM feed_signatures')).toEqual([
      { convention_id: 'cpsd-44', version: 1, party_id: 'cd-44', title: 'Président', place: 'Nantes', signed_on: '2015-03-01' },
    ]);
    expect(then.rows('SELECT convention_id, version, in_force_on FROM feed_convention_versions')).toEqual([
      { convention_id: 'cpsd-44', version: 1, in_force_on: '2015-03-02' },
    ]);
    expect(then.rows('SELECT id, status FROM feed_white_zones')).toEqual([{ id: 'z-1', status: 'resolved' }]);
  });

  it('is all the feeds read: their queries run on a database that holds the feeds’ tables and no other', () => {
    const db = new Database(':memory:');
    const feeds = projection();
    feeds.setup(db);
    const handle = feeds.handler(db);
    for (const event of recordedEvents<FedEvent>([...network, ...commitment, ...convention, ...zone])) handle(event);
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name).sort();
    expect(tables).toEqual([...FEED_TABLES].sort());
    const readModel = new FeedsReadModel(db);
    const items = readModel.calendarItems('2015-01-01', '2016-12-31', {});
    expect(items.map((i) => i.uid).sort()).toEqual([
      'commitment_due.nantes@scoran-ledger',
      'convention_in_force.cpsd-44.v1@scoran-ledger',
      'convention_signature.cpsd-44.v1.1@scoran-ledger',
      'network_milestone.rip-anjou.works_started@scoran-ledger',
    ]);
    const in44 = readModel.calendarItems('2015-01-01', '2016-12-31', {
      territory: { kind: 'departement', code: '44' },
      departements: ['44'],
    });
    expect(in44).toHaveLength(4);
    expect(readModel.calendarItems('2015-01-01', '2016-12-31', { territory: { kind: 'region', code: '53' }, departements: ['53'] })).toEqual([]);
    expect(readModel.unitFigures('commune', ['44109']).get('44109')).toEqual({
      usageProjects: 0,
      whiteZonesOpen: 0,
      whiteZonesResolved: 1,
      commitments: 1,
      activeCommitments: 0,
    });
    expect(readModel.networkProjectsOn(['49'])).toEqual([
      { id: 'rip-anjou', departementCodes: ['44', '49'], ftthPremisesPlanned: 50000, ftthPremisesConnectable: 301 },
    ]);
  });

  it('is rebuilt from the log when its version is bumped: the old tables dropped, the same rows again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scoran-feeds-'));
    const store = new SqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 10 });
    const db = openReadModelDatabase(join(dir, 'read-models.db'));
    try {
      const revisions = new Map<string, number>();
      let head = 0n;
      for (const { streamId, type, data } of [...network, ...commitment, ...convention, ...zone]) {
        const id = randomUUID();
        const metadata = { commandId: id, correlationId: id, causationId: id, principal: 'spec', occurredAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1 };
        const revision = revisions.get(streamId);
        head = (await store.append(streamId, [{ id, type, data, metadata }], revision === undefined ? 'no_stream' : revision)).position;
        revisions.set(streamId, (revision ?? -1) + 1);
      }
      const contents = () =>
        Object.fromEntries(
          FEED_TABLES.map((table) => [
            table,
            db
              .prepare(`SELECT * FROM ${table}`)
              .all()
              .map((row) => JSON.stringify(row))
              .sort(),
          ]),
        );
      const run = async (version: number) => {
        const runner = new ProjectionRunner(store, db, [{ ...projection(), version }]);
        runner.start();
        await runner.waitFor(head);
        await runner.stop();
        return runner.status()[0];
      };
      expect(await run(1)).toMatchObject({ name: 'feeds', version: 1, checkpoint: head });
      const first = contents();
      expect(first.feed_projects).toHaveLength(1);
      // A row the log does not hold: a rebuild must not keep it.
      db.prepare(`INSERT INTO feed_meetings (id, region_code, date, place, status, updated_at) VALUES ('stray', '52', '2015-01-01', 'x', 'held', 'x')`).run();
      expect(await run(2)).toMatchObject({ name: 'feeds', version: 2, checkpoint: head });
      expect(contents()).toEqual(first);
    } finally {
      db.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
