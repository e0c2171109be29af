import { randomUUID } from 'node:crypto';
import { EventStoreDbEventStore } from '../src/event-store/eventstoredb/eventstoredb-event-store.js';
import type { EventStore, NewEvent } from '../src/event-store/event-store.js';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store.js';
import { generateReport } from '../src/reports/report-generator.js';
import { reportSections } from '../src/app/report-sections.js';
import { parseSemester } from '../src/reports/semester.js';
import { TerritoryService } from '../src/territory/territory.service.js';
import { describeEventStoreContract } from './event-store.contract.js';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract(`EventStoreDB (${connectionString})`, async () => {
    let now: Date | undefined;
    const store = new EventStoreDbEventStore({ connectionString, clock: () => now ?? new Date(), checkpointInterval: 1 });
    const others: EventStoreDbEventStore[] = [];
    return {
      store,
      setNow: (instant) => {
        now = new Date(instant);
      },
      openAnother: async () => {
        const other = new EventStoreDbEventStore({ connectionString, clock: () => now ?? new Date(), checkpointInterval: 1 });
        others.push(other);
        return other;
      },
      cleanup: async () => {
        for (const other of others) await other.close();
        await store.close();
      },
    };
  });

  describe('Semestrial report on EventStoreDB', () => {
    // Compares this run's records only: a shared server may hold other runs' region-52 records.
    it('reports the same events as the embedded engine does', async () => {
      const territories = new TerritoryService();
      territories.load();
      let now = new Date();
      const esdb = new EventStoreDbEventStore({ connectionString, clock: () => now, checkpointInterval: 1 });
      const sqlite = new SqliteEventStore({ path: ':memory:', clock: () => now });
      // Unique records, so that other runs against the same server do not meet them.
      const run = randomUUID().slice(0, 8);
      const events: [string, NewEvent][] = [
        [
          `actor-cd-44-${run}`,
          event('ActorRegistered', {
            actorId: `cd-44-${run}`,
            kind: 'departement',
            name: 'Département de Loire-Atlantique',
            territories: [{ kind: 'departement', code: '44' }],
            siren: null,
          }),
        ],
        [
          `commitment-${run}`,
          event('CommitmentMade', {
            commitmentId: run,
            committingActorId: `cd-44-${run}`,
            subject: 'fixed_coverage',
            title: 'FttH Nantes',
            target: { quantity: 1000, unit: 'ftth_premises' },
            territories: [{ kind: 'commune', code: '44109' }],
            dueDate: '2030-12-31',
            madeOn: '2026-01-10',
            stemsFrom: null,
          }),
        ],
        [
          `commitment-${run}`,
          event('CommitmentProgressReported', { commitmentId: run, value: 300, asOf: '2026-05-31', source: 'declared', note: null, supersedesCurrent: true }),
        ],
      ];
      const revisions = new Map<string, number>();
      for (const [streamId, e] of events) {
        now = new Date(now.getTime() + 1000);
        for (const store of [esdb, sqlite] as EventStore[]) await store.append(streamId, [e], revisions.get(streamId) ?? 'no_stream');
        revisions.set(streamId, (revisions.get(streamId) ?? -1) + 1);
      }
      const cutoff = new Date(now.getTime() + 500).toISOString();
      const request = { region: '52', semester: parseSemester(`${now.getUTCFullYear()}-S${now.getUTCMonth() < 6 ? 1 : 2}`)!, cutoff };
      const sections = reportSections({ commitments: { atRiskThreshold: 0.1, breachGraceDays: 0, lapseCheckMinutes: 0 } });
      const [onEsdb, onSqlite] = [await generateReport(esdb, sections, territories, request), await generateReport(sqlite, sections, territories, request)];
      const ours = (json: string) =>
        JSON.parse(json)
          .sections.find((s: { key: string }) => s.key === 'commitments')
          .tables[0].rows.filter((r: { commitment: string }) => r.commitment === run);
      expect(ours(onEsdb.json)).toHaveLength(1);
      expect(ours(onEsdb.json)).toEqual(ours(onSqlite.json));
      await Promise.all([esdb.close(), sqlite.close()]);

      function event(type: string, data: unknown): NewEvent {
        const id = randomUUID();
        return {
          id,
          type,
          data,
          metadata: {
            commandId: id,
            correlationId: id,
            causationId: id,
            actingActorId: 'cd-44',
            principal: 'contract',
            occurredAt: new Date().toISOString(),
            schemaVersion: 1,
          },
        };
      }
    });
  });
} else {
  describe('Event store contract: EventStoreDB', () => {
    // Skipped on purpose, and said so: no EventStoreDB server can run here. See README, "Test".
    it.skip('NOT CONFIGURED: set EVENTSTORE_CONNECTION_STRING (e.g. docker compose up -d eventstoredb) to run the contract suite against EventStoreDB', () => {});
    it('reports that the EventStoreDB run was not configured', () => {
      process.stdout.write('\nEventStoreDB contract suite NOT RUN: EVENTSTORE_CONNECTION_STRING is not set.\n');
      expect(connectionString).toBeUndefined();
    });
  });
}
