import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent, RecordedEvent } from '../event-store/event-store.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import type { ReadModelDatabase, RunnableProjection } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';
import { openReadModelDatabase } from './read-model-database.js';
import { ResultCache } from './result-cache.js';

/** A projection counting the events of one category in its own table. */
function counting(category: string, version = 1): RunnableProjection {
  return {
    name: category,
    version,
    filter: { categories: [category] },
    tables: [`${category}_rows`],
    setup: (db) => db.exec(`CREATE TABLE ${category}_rows (position TEXT PRIMARY KEY)`),
    handler(db) {
      const insert = db.prepare(`INSERT INTO ${category}_rows (position) VALUES (?)`);
      return (event: RecordedEvent) => void insert.run(event.position.toString());
    },
  };
}

function event(): NewEvent {
  const id = randomUUID();
  return {
    id,
    type: 'Happened',
    data: {},
    metadata: { commandId: id, correlationId: id, causationId: id, principal: 'test', occurredAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1 },
  };
}

describe('ResultCache (per projection, with the projection runner on real SQLite files)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let db: ReadModelDatabase;
  let runner: ProjectionRunner;
  const others: { runner: ProjectionRunner; db: ReadModelDatabase; store: SqliteEventStore }[] = [];
  let computed: number;
  /** The cached query: how many `rows` events the `rows` projection holds. */
  const count = () => (computed++, db.prepare('SELECT count(*) FROM rows_rows').pluck().get() as number);

  /** Appends one event to a new stream of the category and waits until this process's read models have it. */
  const append = async (category: string, on = runner) => {
    const { position } = await store.append(`${category}-${randomUUID()}`, [event()], 'no_stream');
    await on.waitFor(position);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scoran-result-cache-'));
    store = new SqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 10 });
    db = openReadModelDatabase(join(dir, 'read-models.db'));
    runner = new ProjectionRunner(store, db, [counting('rows'), counting('audit')], { logCheckIntervalMs: 0 });
    runner.start();
    computed = 0;
  });
  afterEach(async () => {
    for (const other of others.splice(0)) {
      await other.runner.stop();
      other.db.close();
      await other.store.close();
    }
    await runner.stop();
    db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers again from memory while the file is unchanged', async () => {
    await append('rows');
    const cache = new ResultCache(db, 10, ['rows']);
    expect([cache.get('page', count), cache.get('page', count)]).toEqual([1, 1]);
    expect(computed).toBe(1);
  });

  it('reads afresh after its projection commits in this process', async () => {
    const cache = new ResultCache(db, 10, ['rows']);
    await append('rows');
    expect(cache.get('page', count)).toBe(1);
    await append('rows');
    expect(cache.get('page', count)).toBe(2);
    expect(computed).toBe(2);
  });

  it('keeps its answers when another projection commits (the audit trail on every command)', async () => {
    await append('rows');
    const cache = new ResultCache(db, 10, ['rows']);
    expect(cache.get('page', count)).toBe(1);
    await append('audit');
    await append('audit');
    expect(cache.get('page', count)).toBe(1);
    expect(computed).toBe(1);
    // And it still sees its own projection's next commit after those.
    await append('rows');
    expect(cache.get('page', count)).toBe(2);
  });

  it('reads afresh when another process’s runner commits its projection to the same file, and only then', async () => {
    // Another process: its own connections to the same two files, its own runner writing the read models.
    const otherStore = new SqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 10 });
    const otherDb = openReadModelDatabase(join(dir, 'read-models.db'));
    const otherRunner = new ProjectionRunner(otherStore, otherDb, [counting('rows'), counting('audit')], { logCheckIntervalMs: 0 });
    others.push({ runner: otherRunner, db: otherDb, store: otherStore });
    await runner.stop(); // only the other one writes from here
    otherRunner.start();

    const cache = new ResultCache(db, 10, ['rows']);
    expect(cache.get('page', count)).toBe(0);
    await append('audit', otherRunner);
    expect(cache.get('page', count)).toBe(0);
    expect(computed).toBe(1); // data_version moved, the rows checkpoint did not
    await append('rows', otherRunner);
    expect(cache.get('page', count)).toBe(1);
    expect(computed).toBe(2);
  });

  it('reads afresh after a rebuild of its projection, not after another projection’s', async () => {
    await append('rows');
    const cache = new ResultCache(db, 10, ['rows']);
    expect(cache.get('page', count)).toBe(1);
    await runner.rebuild('audit');
    await runner.waitFor(await store.headPosition());
    expect(cache.get('page', count)).toBe(1);
    expect(computed).toBe(1);

    // Dropped and not yet replayed: the page must not be the one from before the drop.
    await runner.stop();
    db.exec("DROP TABLE rows_rows; DELETE FROM projection_checkpoints WHERE name = 'rows'; CREATE TABLE rows_rows (position TEXT PRIMARY KEY)");
    expect(cache.get('page', count)).toBe(0);
    expect(computed).toBe(2);
  });

  it('reads afresh after a rebuild that ends where it started (same log, a new version of the projection)', async () => {
    await append('rows');
    const cache = new ResultCache(db, 10, ['rows']);
    cache.get('page', count);
    await runner.stop();
    runner = new ProjectionRunner(store, db, [counting('rows', 2), counting('audit')], { logCheckIntervalMs: 0 });
    runner.start();
    await runner.waitFor(await store.headPosition());
    expect(cache.get('page', count)).toBe(1);
    expect(computed).toBe(2);
  });

  it('depends on every projection it names: a page keeping another projection’s rows reads afresh when that one moves', async () => {
    await append('rows');
    const cache = new ResultCache(db, 10, ['rows', 'audit']);
    cache.get('page', count);
    await append('audit');
    cache.get('page', count);
    expect(computed).toBe(2);
  });

  it('keeps at most its capacity, the least recently used leaving first; 0 keeps nothing', () => {
    const cache = new ResultCache(db, 2, ['rows']);
    for (const key of ['a', 'b', 'a', 'c', 'a', 'b']) cache.get(key, count);
    expect(computed).toBe(4); // a, b, c, then b again (it left when c came)
    const off = new ResultCache(db, 0, ['rows']);
    off.get('a', count);
    off.get('a', count);
    expect(computed).toBe(6);
  });
});
