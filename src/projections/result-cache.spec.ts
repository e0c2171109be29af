import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResultCache } from './result-cache.js';

describe('ResultCache', () => {
  let dir: string;
  let db: Database.Database;
  let computed: number;
  const count = () => (computed++, (db.prepare('SELECT count(*) FROM rows').pluck().get() as number) ?? 0);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scoran-result-cache-'));
    db = new Database(join(dir, 'read-models.db'));
    db.pragma('journal_mode = WAL');
    db.exec("CREATE TABLE rows (id INTEGER PRIMARY KEY); CREATE TABLE checkpoints (name TEXT PRIMARY KEY); INSERT INTO checkpoints VALUES ('rows')");
    computed = 0;
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers again from memory while the file is unchanged', () => {
    const cache = new ResultCache(db, 10);
    expect([cache.get('page', count), cache.get('page', count)]).toEqual([0, 0]);
    expect(computed).toBe(1);
  });

  it('reads afresh after this connection writes (a projection’s commit)', () => {
    const cache = new ResultCache(db, 10);
    cache.get('page', count);
    db.prepare('INSERT INTO rows DEFAULT VALUES').run();
    expect(cache.get('page', count)).toBe(1);
  });

  it('reads afresh after another connection commits to the file', () => {
    const cache = new ResultCache(db, 10);
    cache.get('page', count);
    const other = new Database(join(dir, 'read-models.db'));
    other.prepare('INSERT INTO rows DEFAULT VALUES').run();
    other.close();
    expect(cache.get('page', count)).toBe(1);
  });

  it('reads afresh after a rebuild drops the tables and their checkpoint', () => {
    db.prepare('INSERT INTO rows DEFAULT VALUES').run();
    const cache = new ResultCache(db, 10);
    expect(cache.get('page', count)).toBe(1);
    db.exec("DROP TABLE rows; DELETE FROM checkpoints WHERE name = 'rows'; CREATE TABLE rows (id INTEGER PRIMARY KEY)");
    expect(cache.get('page', count)).toBe(0);
  });

  it('keeps at most its capacity, the least recently used leaving first; 0 keeps nothing', () => {
    const cache = new ResultCache(db, 2);
    for (const key of ['a', 'b', 'a', 'c', 'a', 'b']) cache.get(key, count);
    expect(computed).toBe(4); // a, b, c, then b again (it left when c came)
    const off = new ResultCache(db, 0);
    off.get('a', count);
    off.get('a', count);
    expect(computed).toBe(6);
  });
});
