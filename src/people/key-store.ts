import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { newDataKey, type DataKey } from './personal-data-crypto.js';

export type KeyLookup =
  { status: 'active'; key: DataKey } | { status: 'destroyed'; keyId: string; version: number; destroyedAt: string } | { status: 'absent' };

/**
 * One AES-256 key per person, in its own SQLite file, apart from the log and the read models.
 * Destroying a key keeps a tombstone (key id, version, when) so that the person cannot be given a
 * new key, and scrubs the key bytes from the file: secure_delete zeroes freed space, then the WAL is
 * checkpointed and truncated and the file vacuumed, so no page or frame keeps the old bytes.
 */
export class KeyStore {
  private readonly db: Database.Database;
  private readonly stmt;

  constructor(
    path: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('secure_delete = ON');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS person_keys (
        person_id    TEXT PRIMARY KEY,
        key_id       TEXT NOT NULL UNIQUE,
        version      INTEGER NOT NULL,
        key          BLOB,
        created_at   TEXT NOT NULL,
        destroyed_at TEXT
      ) WITHOUT ROWID`);
    this.stmt = {
      get: this.db.prepare<[string], { key_id: string; version: number; key: Buffer | null; destroyed_at: string | null }>(
        'SELECT key_id, version, key, destroyed_at FROM person_keys WHERE person_id = ?',
      ),
      insert: this.db.prepare('INSERT OR IGNORE INTO person_keys (person_id, key_id, version, key, created_at) VALUES (?, ?, ?, ?, ?)'),
      destroy: this.db.prepare('UPDATE person_keys SET key = NULL, destroyed_at = ? WHERE person_id = ? AND key IS NOT NULL'),
    };
  }

  lookup(personId: string): KeyLookup {
    const row = this.stmt.get.get(personId);
    if (!row) return { status: 'absent' };
    if (row.key === null) return { status: 'destroyed', keyId: row.key_id, version: row.version, destroyedAt: row.destroyed_at ?? '' };
    return { status: 'active', key: { keyId: row.key_id, version: row.version, bytes: row.key } };
  }

  /** The person's key, created on first use; undefined once destroyed (an erased person gets no new key). */
  keyFor(personId: string): DataKey | undefined {
    const found = this.lookup(personId);
    if (found.status === 'active') return found.key;
    if (found.status === 'destroyed') return undefined;
    const key = newDataKey();
    this.stmt.insert.run(personId, key.keyId, key.version, key.bytes, this.clock().toISOString());
    key.bytes.fill(0);
    return this.keyFor(personId);
  }

  /** Destroys the key for good (idempotent) and scrubs its bytes from the file and the WAL. */
  destroy(personId: string): boolean {
    const changed = this.stmt.destroy.run(this.clock().toISOString(), personId).changes > 0;
    if (changed) this.scrub();
    return changed;
  }

  /** Rewrites the file without free pages and empties the WAL. */
  scrub(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.exec('VACUUM');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
