/**
 * Randomized fault injection: one byte of one stored text field of a random row is changed (to any
 * other byte value, so possibly no longer UTF-8), 200 times, on a store of a few thousand real events (the Pays de la Loire demo, built once). Each
 * time the store reads the row (damage is data, not an exception) and verification names a position
 * at or before the damage; every fourth round the export lines and the offline verifier do the same;
 * every fortieth round the whole service starts on a copy (or refuses with a clear message) and no
 * query, download or health check answers 5xx. About 30 s on the reference machine.
 * Seeded (SCORAN_DAMAGE_SEED): a failure prints its seed and round to replay it.
 */
import { jest } from '@jest/globals';
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { actorDecider } from '../../src/actors/actor.decider.js';
import { CommandHandler } from '../../src/decider/command-handler.js';
import { loadDemo } from '../../src/demo/demo-loader.js';
import { EVENT_STORE } from '../../src/event-store/event-store.module.js';
import type { EventStore } from '../../src/event-store/event-store.js';
import { Projections } from '../../src/projections/projections.module.js';
import { StoreOpenError } from '../../src/event-store/errors.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import type { RecordedEvent } from '../../src/event-store/event-store.js';
import { eventHash } from '../../src/event-store/hash-chain.js';
import { eventLine, verifyExport } from '../../src/integrity/export-format.js';
import { eventLeafHash, type Hash } from '../../src/integrity/merkle.js';
import { logRecords, verifyLog, type LogRecord } from '../../src/integrity/verify-log.js';
import { startTestService, type TestService } from './harness.js';

// Two hundred damaged logs in one hook: generous on a loaded 2-core machine (it took 157 s under load 10, 203 s under load 13).
jest.setTimeout(420_000);

const ROUNDS = 200;
const SERVICE_EVERY = 40;
const EXPORT_EVERY = 4;
const TEXT_COLUMNS = ['stream_id', 'category', 'event_id', 'type', 'data', 'metadata', 'recorded_at', 'prev_hash', 'hash'] as const;
const SEED = Number(process.env.SCORAN_DAMAGE_SEED ?? Date.now() % 1_000_000);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Damage {
  position: number;
  column: (typeof TEXT_COLUMNS)[number];
  original: string;
  changed: string;
  streamId: string;
}

describe(`Random damage to one row, ${ROUNDS} times (seed ${SEED})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'scoran-random-damage-'));
  const pristine = { events: join(dir, 'pristine-events.db'), readModels: join(dir, 'pristine-read-models.db') };
  let head = 0;

  beforeAll(async () => {
    const service = await startTestService({ EVENT_STORE_PATH: pristine.events, READ_MODEL_PATH: pristine.readModels, KEY_STORE_PATH: join(dir, 'keys.db') });
    await loadDemo(service.app);
    // A few thousand events: the demo's, then renames of its actors through the command handler.
    const store = service.app.get<EventStore>(EVENT_STORE);
    const actors = (await store.readAll({ limit: 10_000, filter: { categories: ['actor'], eventTypes: ['ActorRegistered'] } })).events.map((e) => e.streamId);
    const handler = new CommandHandler(store, actorDecider);
    for (let i = 0; i < 2400; i++) {
      const command = { type: 'RenameActor' as const, name: `Nom ${i}`, principal: { actorId: 'sgar-52', role: 'admin' as const } };
      await handler.handle(actors[i % actors.length], command, { commandId: randomUUID(), principal: 'person-sgar', occurredAt: new Date().toISOString() });
    }
    await service.app.get(Projections).waitFor(await store.headPosition());
    await service.app.close();
    const db = new Database(pristine.events);
    db.pragma('wal_checkpoint(TRUNCATE)');
    head = (db.prepare('SELECT max(position) AS p FROM events').get() as { p: number }).p;
    db.close();
    expect(head).toBeGreaterThan(2000);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Changes one byte (to any other of the 256 values) of one text field of a random row; undone by `undo`. */
  function damage(db: Database.Database, random: () => number): Damage & { undo(): void } {
    for (;;) {
      const position = 1 + Math.floor(random() * head);
      const column = TEXT_COLUMNS[Math.floor(random() * TEXT_COLUMNS.length)];
      const row = db.prepare(`SELECT CAST(${column} AS BLOB) AS bytes, stream_id FROM events WHERE position = ?`).get(position) as {
        bytes: Buffer;
        stream_id: string;
      };
      const bytes = Buffer.from(row.bytes);
      const at = Math.floor(random() * bytes.length);
      const original = bytes[at];
      bytes[at] = (original + 1 + Math.floor(random() * 255)) % 256;
      // Stored as TEXT as the engine stores it, bytes as they are (possibly no longer UTF-8).
      const write = db.prepare(`UPDATE events SET ${column} = CAST(? AS TEXT) WHERE position = ?`);
      try {
        write.run(bytes, position);
      } catch {
        continue; // the change collided with a unique key (another stream's revision): draw again
      }
      return {
        position,
        column,
        original: row.bytes.toString('utf8'),
        changed: `byte ${at}: 0x${original.toString(16)} → 0x${bytes[at].toString(16)}`,
        streamId: row.stream_id,
        undo: () => write.run(row.bytes, position),
      };
    }
  }

  async function records(store: SqliteEventStore): Promise<LogRecord[]> {
    const all: LogRecord[] = [];
    for await (const record of logRecords((after) => store.readAll({ after, limit: 5000 }))) all.push(record);
    return all;
  }

  it('opens, names a position at or before the damage in verification and in the export, and never answers 5xx', async () => {
    const random = mulberry32(SEED);
    const working = join(dir, 'working-events.db');
    copyFileSync(pristine.events, working);
    const writer = new Database(working);
    const store = new SqliteEventStore({ path: working });
    const baseline = await records(store);
    // Untouched rows are the same objects every round: their hashes are computed once.
    const hashes = new WeakMap<object, string>();
    const hashOf = (event: RecordedEvent) => {
      let hash = hashes.get(event);
      if (hash === undefined) hashes.set(event, (hash = eventHash(event)));
      return hash;
    };
    const leaves = new WeakMap<object, Hash>();
    const leafOf = (event: RecordedEvent) => {
      let leaf = leaves.get(event);
      if (leaf === undefined) leaves.set(event, (leaf = eventLeafHash(event.hash)));
      return leaf;
    };
    expect(await verifyLog((): LogRecord[] => baseline, { hashOf, leafOf })).toMatchObject({ ok: true, events: head });
    const baselineLines = baseline.map(eventLine);
    let serviceRounds = 0;
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const hit = damage(writer, random);
        const where = `seed ${SEED}, round ${round}: ${hit.column} of position ${hit.position} ${JSON.stringify(hit.original.slice(0, 80))}, ${hit.changed}`;
        try {
          // The log as the store now reads it: the other rows are unchanged, the damaged one is read again.
          const page = await store.readAll({ after: BigInt(hit.position - 1), limit: 1 });
          expect(page.events.map((e) => Number(e.position))).toEqual([hit.position]);
          const all = [...baseline];
          all[hit.position - 1] = { ...page.events[0], index: hit.position - 1 };
          const verdict = await verifyLog((): LogRecord[] => all, { hashOf, leafOf });
          if (verdict.ok) throw new Error(`verification found nothing (${where})`);
          expect({ where, atOrBefore: Number(verdict.position ?? Number.NaN) <= hit.position }).toEqual({ where, atOrBefore: true });

          if (round % EXPORT_EVERY === 0) {
            const lines = [...baselineLines];
            lines[hit.position - 1] = eventLine(all[hit.position - 1]);
            const exported = [
              '{"kind":"header","format":"scoran-ledger-export/1","complete":true}',
              ...lines,
              JSON.stringify({ kind: 'seal', treeSize: head, lastPosition: String(head), root: '0'.repeat(64) }),
            ];
            const offline = await verifyExport(() => exported);
            if (offline.ok) throw new Error(`offline verification found nothing (${where})`);
            expect({ where, atOrBefore: offline.position === null || Number(offline.position) <= hit.position }).toEqual({ where, atOrBefore: true });
          }

          if (round % SERVICE_EVERY === SERVICE_EVERY - 1) {
            serviceRounds += 1;
            await serviceRound(working, hit, where, serviceRounds % 2 === 0);
          }
        } finally {
          hit.undo();
        }
      }
    } finally {
      await store.close();
      writer.close();
    }
    expect(serviceRounds).toBe(ROUNDS / SERVICE_EVERY);
  });

  /** The whole service on a copy of the damaged store: starts (or refuses clearly), and nothing answers 5xx. */
  async function serviceRound(working: string, hit: Damage, where: string, keepReadModels: boolean): Promise<void> {
    const roundDir = mkdtempSync(join(dir, 'round-'));
    const events = join(roundDir, 'events.db');
    const source = new Database(working);
    await source.backup(events);
    source.close();
    const readModels = join(roundDir, 'read-models.db');
    if (keepReadModels) copyFileSync(pristine.readModels, readModels);
    let service: TestService | undefined;
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined); // projections stopping say so; expected here
    try {
      try {
        service = await startTestService({ EVENT_STORE_PATH: events, READ_MODEL_PATH: readModels, KEY_STORE_PATH: join(roundDir, 'keys.db') });
      } catch (error) {
        expect({ where, refusal: error instanceof StoreOpenError && /nothing was changed/.test(error.message) }).toEqual({ where, refusal: true });
        return;
      }
      const auditor = await service.token('datar', 'auditor');
      const base = (await service.listen()).replace(/^ws/, 'http').replace(/\/graphql$/, '');
      const queries: [string, Record<string, unknown>][] = [
        ['{ verifyIntegrity { ok badPosition reason damaged { position } } }', {}],
        ['query($s: String!) { history(streamId: $s, first: 100) { totalCount edges { node { position type damage } } } }', { s: hit.streamId }],
        ['query($s: String!, $p: String!) { stateAsOf(streamId: $s, at: { position: $p }) { revision } }', { s: hit.streamId, p: String(hit.position) }],
        ['{ auditTrail(first: 20) { totalCount } }', {}],
        ['{ actors(first: 20) { totalCount } }', {}],
        ['{ semestrialReport(region: "52", semester: "2016-S2") { region } }', {}],
      ];
      for (const [query, variables] of queries) {
        const response = await service.graphql(query, variables, auditor);
        expect({ where, query, status: response.status }).toEqual({ where, query, status: 200 });
      }
      const verdict = (await service.graphql(queries[0][0], {}, auditor)).body.data!.verifyIntegrity;
      expect({ where, ok: verdict.ok, atOrBefore: Number(verdict.badPosition) <= hit.position }).toEqual({ where, ok: false, atOrBefore: true });
      const exported = await fetch(`${base}/integrity/export`, { headers: { authorization: `Bearer ${auditor}` } });
      expect({ where, export: exported.status }).toEqual({ where, export: 200 });
      await exported.text();
      const health = await fetch(`${base}/health`);
      expect({ where, health: [200, 503].includes(health.status) }).toEqual({ where, health: true });
    } finally {
      await service?.app.close();
      logged.mockRestore();
      rmSync(roundDir, { recursive: true, force: true });
    }
  }
});
