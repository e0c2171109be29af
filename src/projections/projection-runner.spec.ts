import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { NewEvent, RecordedEvent } from '../event-store/event-store.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import type { RunnableProjection, ReadModelDatabase } from './projection.js';
import { ProjectionRunner, ProjectionTimeoutError, type ProjectionStep } from './projection-runner.js';
import { openReadModelDatabase } from './read-model-database.js';

function event(type: string, data: unknown = {}): NewEvent {
  const id = randomUUID();
  return {
    id,
    type,
    data,
    metadata: { commandId: id, correlationId: id, causationId: id, principal: 'test', occurredAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1 },
  };
}

/** Deliberately not idempotent: applying an event twice shows in the counts. */
function countingProjection(version = 1, filter?: RunnableProjection['filter']): RunnableProjection {
  return {
    name: 'counts',
    version,
    filter,
    tables: ['stream_counts', 'event_log'],
    setup(db) {
      db.exec(`CREATE TABLE stream_counts (stream_id TEXT PRIMARY KEY, n INTEGER NOT NULL, total INTEGER NOT NULL, version INTEGER NOT NULL);
               CREATE TABLE event_log (position TEXT PRIMARY KEY, type TEXT NOT NULL)`);
    },
    handler(db) {
      const bump = db.prepare(
        `INSERT INTO stream_counts (stream_id, n, total, version) VALUES (?, 1, ?, ${version})
         ON CONFLICT (stream_id) DO UPDATE SET n = n + 1, total = total + excluded.total`,
      );
      const log = db.prepare('INSERT INTO event_log (position, type) VALUES (?, ?)');
      return (e: RecordedEvent) => {
        bump.run(e.streamId, (e.data as { amount?: number }).amount ?? 0);
        log.run(e.position.toString(), e.type);
      };
    },
  };
}

function dump(db: ReadModelDatabase) {
  return {
    counts: db.prepare('SELECT * FROM stream_counts ORDER BY stream_id').all(),
    log: db.prepare('SELECT * FROM event_log ORDER BY position').all(),
  };
}

describe('ProjectionRunner', () => {
  let dir: string;
  let store: SqliteEventStore;
  const opened: ReadModelDatabase[] = [];
  const runners: ProjectionRunner[] = [];

  const readModels = (name = 'read-models.db') => {
    const db = openReadModelDatabase(join(dir, name));
    opened.push(db);
    return db;
  };
  const runner = (db: ReadModelDatabase, projections: RunnableProjection[], options = {}) => {
    const r = new ProjectionRunner(store, db, projections, { batchSize: 7, ...options });
    runners.push(r);
    return r;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scoran-projections-'));
    store = new SqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 10 });
  });
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop();
    for (const db of opened.splice(0)) db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function appendSample(streams = 4, perStream = 9) {
    let last = 0n;
    for (let s = 0; s < streams; s++) {
      const id = `account-${s}`;
      for (let i = 0; i < perStream; i++) {
        const result = await store.append(id, [event('Deposited', { amount: i + s })], i === 0 ? 'no_stream' : i - 1);
        last = result.position;
      }
    }
    return last;
  }

  it('projects the log and lets a caller wait for its own append (read your writes)', async () => {
    const db = readModels();
    const r = runner(db, [countingProjection()]);
    r.start();
    const position = await appendSample(2, 3);
    await r.waitFor(position);
    expect(dump(db).counts).toEqual([
      { stream_id: 'account-0', n: 3, total: 3, version: 1 },
      { stream_id: 'account-1', n: 3, total: 6, version: 1 },
    ]);
    const live = await store.append('account-0', [event('Deposited', { amount: 100 })], 2);
    await r.waitFor(live.position);
    expect(dump(db).counts[0]).toMatchObject({ n: 4, total: 103 });
    expect(r.status()[0]).toMatchObject({ name: 'counts', state: 'live', checkpoint: live.position });
  });

  it('moves past events a filtered projection does not read, so waitFor still resolves', async () => {
    const db = readModels();
    const r = runner(db, [countingProjection(1, { eventTypes: ['Deposited'] })]);
    r.start();
    await appendSample(1, 2);
    const other = await store.append('audit-1', [event('Looked')], 'no_stream');
    await r.waitFor(other.position);
    expect(dump(db).log.map((row) => (row as { type: string }).type)).toEqual(['Deposited', 'Deposited']);
  });

  it('times out with a typed error naming the lagging projections', async () => {
    const db = readModels();
    const r = runner(db, [countingProjection()]);
    r.start();
    await expect(r.waitFor(10_000n, { timeoutMs: 50 })).rejects.toBeInstanceOf(ProjectionTimeoutError);
  });

  describe('a crash between any two steps leaves the read model equal to a full rebuild', () => {
    const steps: ProjectionStep[] = ['afterEvent', 'beforeCheckpoint', 'afterCommit'];
    // Crash at the n-th time the runner reaches each step: first batch, mid-run, last batches.
    const cases = steps.flatMap((step) => [1, 2, 3, 5, 8, 13, 21, 34].map((n) => [step, n] as const));

    it.each(cases)('crash at %s #%i, restart, compare', async (step, n) => {
      const head = await appendSample();
      const db = readModels();
      let reached = 0;
      const crashing = runner(db, [countingProjection()], {
        faults: (at: ProjectionStep) => {
          if (at === step && ++reached === n) throw new Error(`simulated crash at ${at} #${n}`);
        },
      });
      crashing.start();
      await crashing.waitFor(head, { timeoutMs: 2000 }).catch(() => undefined);
      await crashing.stop();
      if (reached >= n) expect(crashing.status()[0].state).toBe('failed');

      const restarted = runner(db, [countingProjection()]);
      restarted.start();
      await restarted.waitFor(head);

      const rebuiltDb = readModels('rebuild.db');
      const rebuild = runner(rebuiltDb, [countingProjection()], { batchSize: 1000 });
      rebuild.start();
      await rebuild.waitFor(head);

      expect(dump(db)).toEqual(dump(rebuiltDb));
      expect(dump(db).log).toHaveLength(36);
    });
  });

  describe('events this process appends while the runner is live are handed over, not read back', () => {
    /** The read model a rebuild from the log gives, in a file of its own. */
    async function rebuilt(head: bigint) {
      const rebuiltDb = readModels('rebuild.db');
      const rebuild = runner(rebuiltDb, [countingProjection()], { batchSize: 1000 });
      rebuild.start();
      await rebuild.waitFor(head);
      return dump(rebuiltDb);
    }
    const liveRunner = async (options = {}) => {
      const db = readModels();
      const r = runner(db, [countingProjection()], options);
      r.start();
      await r.waitFor(await appendSample(2, 3));
      return { db, r };
    };

    it('projects them without reading the log, to what a rebuild gives', async () => {
      // No poll during the test: a poll reads the log (for other processes' appends).
      await store.close();
      store = new SqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 60_000 });
      const { db, r } = await liveRunner();
      let reads = 0;
      const readAllSync = store.readAllSync.bind(store);
      store.readAllSync = (options) => (reads++, readAllSync(options));
      let last = 0n;
      for (let i = 0; i < 5; i++) last = (await store.append('account-0', [event('Deposited', { amount: 10 + i })], 2 + i)).position;
      await r.waitFor(last);
      expect(reads).toBe(0);
      store.readAllSync = readAllSync;
      expect(dump(db)).toEqual(await rebuilt(last));
      expect(dump(db).log).toHaveLength(11);
    });

    it('still projects, in position order, what another process appends between two of its own appends', async () => {
      const { db, r } = await liveRunner();
      const other = new SqliteEventStore({ path: join(dir, 'events.db') });
      try {
        await store.append('account-0', [event('Deposited', { amount: 1 })], 2);
        await other.append('account-9', [event('Deposited', { amount: 50 })], 'no_stream');
        const last = await store.append('account-0', [event('Deposited', { amount: 2 })], 3);
        await r.waitFor(last.position);
        expect(dump(db).log.map((row) => (row as { position: string }).position)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
        expect(dump(db)).toEqual(await rebuilt(last.position));
      } finally {
        await other.close();
      }
    });

    it.each(['afterEvent', 'beforeCheckpoint', 'afterCommit'] as const)(
      'a crash at %s between an append and its projection leaves the read model equal to a rebuild after restart',
      async (step) => {
        let armed = false;
        const { db, r } = await liveRunner({
          faults: (at: ProjectionStep) => {
            if (armed && at === step) throw new Error(`simulated crash at ${at}`);
          },
        });
        armed = true;
        const appended = await store.append('account-1', [event('Deposited', { amount: 40 }), event('Deposited', { amount: 2 })], 2);
        await r.waitFor(appended.position, { timeoutMs: 2000 }).catch(() => undefined);
        expect(r.status()[0].state).toBe('failed');
        await r.stop();
        // Appended while nothing ran: the restarted runner reads it from the log.
        const later = await store.append('account-1', [event('Deposited', { amount: 1 })], appended.nextRevision);

        const restarted = runner(db, [countingProjection()]);
        restarted.start();
        await restarted.waitFor(later.position);
        expect(dump(db)).toEqual(await rebuilt(later.position));
        expect(dump(db).log).toHaveLength(9);
      },
    );
  });

  it('rebuilds a projection from scratch when its version changes, dropping the old tables', async () => {
    const head = await appendSample(2, 2);
    const db = readModels();
    const v1 = runner(db, [countingProjection(1)]);
    v1.start();
    await v1.waitFor(head);
    await v1.stop();
    expect(dump(db).counts.every((row) => (row as { version: number }).version === 1)).toBe(true);

    const v2 = runner(db, [countingProjection(2)]);
    v2.start();
    await v2.waitFor(head);
    const after = dump(db);
    expect(after.counts).toHaveLength(2);
    expect(after.counts.every((row) => (row as { version: number }).version === 2)).toBe(true);
    expect(after.log).toHaveLength(4);
  });

  it('rebuilds on demand to the same content', async () => {
    const head = await appendSample(3, 3);
    const db = readModels();
    const r = runner(db, [countingProjection()]);
    r.start();
    await r.waitFor(head);
    const before = dump(db);
    await r.rebuild('counts');
    await r.waitFor(head);
    expect(dump(db)).toEqual(before);
  });

  describe('one reader of the log for every projection (fan-out)', () => {
    /** A projection of its own name and tables that throws on the event at `failAt` (a position), if given. */
    const named = (name: string, failAt?: bigint): RunnableProjection => ({
      name,
      version: 1,
      tables: [`${name}_log`],
      setup: (db) => db.exec(`CREATE TABLE ${name}_log (position TEXT PRIMARY KEY, stream_id TEXT NOT NULL)`),
      handler(db) {
        const log = db.prepare(`INSERT INTO ${name}_log (position, stream_id) VALUES (?, ?)`);
        return (e: RecordedEvent) => {
          if (e.position === failAt) throw new Error('this projection cannot apply it');
          log.run(e.position.toString(), e.streamId);
        };
      },
    });
    const logOf = (db: ReadModelDatabase, name: string) => db.prepare(`SELECT position FROM ${name}_log ORDER BY CAST(position AS INTEGER)`).all();

    it('reads the log once for all projections, and their checkpoints move together', async () => {
      const head = await appendSample(3, 4);
      let subscriptions = 0;
      const subscribeToAll = store.subscribeToAll.bind(store);
      store.subscribeToAll = (options) => (subscriptions++, subscribeToAll(options));
      const db = readModels();
      const r = runner(db, [named('a'), named('b'), { ...named('c'), filter: { categories: ['account'] } }]);
      r.start();
      await r.waitFor(head);
      const live = await store.append('account-0', [event('Deposited', { amount: 1 })], 3);
      await r.waitFor(live.position);
      expect(subscriptions).toBe(1);
      expect(r.status().map((s) => [s.name, s.state, s.checkpoint])).toEqual([
        ['a', 'live', live.position],
        ['b', 'live', live.position],
        ['c', 'live', live.position],
      ]);
      expect(logOf(db, 'a')).toHaveLength(13);
      expect(logOf(db, 'b')).toEqual(logOf(db, 'a'));
    });

    it('a projection that fails stops at the event before, alone: the others go on, and it catches up after its rebuild', async () => {
      const head = await appendSample(3, 4);
      const db = readModels();
      const r = runner(db, [named('a'), named('b', 6n), named('c')]);
      r.start();
      await r.waitFor(head);
      expect(r.status().map((s) => s.state)).toEqual(['live', 'failed', 'live']);
      expect(r.status()[1]).toMatchObject({ checkpoint: 5n, failure: { position: 6n, reason: 'this projection cannot apply it' } });
      expect(logOf(db, 'b')).toHaveLength(5);
      expect(logOf(db, 'a')).toHaveLength(12);
      // The others keep following the log.
      const live = await store.append('account-0', [event('Deposited', { amount: 1 })], 3);
      await r.waitFor(live.position);
      expect(logOf(db, 'c')).toHaveLength(13);
      await r.stop();

      // Restarted with the fault fixed: the failed one resumes from its checkpoint, the others do not reapply anything.
      const restarted = runner(db, [named('a'), named('b'), named('c')]);
      restarted.start();
      await restarted.waitFor(live.position);
      expect(logOf(db, 'b')).toEqual(logOf(db, 'a'));
      expect(logOf(db, 'c')).toEqual(logOf(db, 'a'));
    });

    it('tells what changed without an onCommitted batch: a projection stopped after part of a batch, a rebuild', async () => {
      const head = await appendSample(3, 4);
      const db = readModels();
      const committed: string[] = [];
      const invalidated: string[] = [];
      const r = runner(db, [named('a'), named('b', 6n)], {
        onCommitted: (name: string) => committed.push(name),
        onInvalidated: (name: string) => invalidated.push(name),
      });
      r.start();
      await r.waitFor(head);
      // b committed events 1-5 in the batch that stopped it, and no onCommitted said so.
      expect(logOf(db, 'b')).toHaveLength(5);
      expect(committed.filter((name) => name === 'b')).toEqual([]);
      expect(invalidated).toEqual(['b']);
      await r.rebuild('a');
      expect(invalidated).toEqual(['b', 'a']);
    });

    it('a crash inside one projection’s part of a shared batch leaves every read model equal to a rebuild', async () => {
      const head = await appendSample(4, 9);
      const db = readModels();
      let reached = 0;
      const crashing = runner(db, [named('a'), named('b'), named('c')], {
        faults: (at: ProjectionStep, projection: string) => {
          if (at === 'afterEvent' && projection === 'b' && ++reached === 10) throw new Error('simulated crash');
        },
      });
      crashing.start();
      await crashing.waitFor(head);
      expect(crashing.status().map((s) => s.state)).toEqual(['live', 'failed', 'live']);
      await crashing.stop();
      const restarted = runner(db, [named('a'), named('b'), named('c')]);
      restarted.start();
      await restarted.waitFor(head);
      const rebuiltDb = readModels('rebuild.db');
      const rebuild = runner(rebuiltDb, [named('a'), named('b'), named('c')], { batchSize: 1000 });
      rebuild.start();
      await rebuild.waitFor(head);
      for (const name of ['a', 'b', 'c']) expect(logOf(db, name)).toEqual(logOf(rebuiltDb, name));
      expect(logOf(db, 'b')).toHaveLength(36);
    });
  });
});
