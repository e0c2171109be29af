import type Database from 'better-sqlite3';

/**
 * Answers of hot list queries (a page of actors, of commitments), kept while the projections they
 * read are unchanged. Every change to a projection's tables commits with a change to its row in
 * `projection_checkpoints` (the runner's batch moves its position and last event; a rebuild deletes
 * the row, then starts it again), so the checkpoints of the projections an answer reads say whether
 * it still holds, whoever wrote: this connection or another one (another process on the same file).
 *
 * Before each answer it reads the file's version (`total_changes()` for this connection's writes,
 * `data_version` for another connection's commits): unchanged, the answers stand without another
 * query. Changed, it reads the projections' checkpoints and empties the cache only if one of them
 * moved: a write by another projection (the audit trail, on every command) keeps it. Least recently
 * used answers leave first past `capacity` (0: no cache).
 */
export class ResultCache {
  private readonly changes: Database.Statement<[], number>;
  private readonly dataVersion: Database.Statement<[], number>;
  private checkpoints?: Database.Statement<[string], string | null>;
  private seenFile: string | undefined;
  private seenCheckpoints: string | null | undefined;
  private readonly answers = new Map<string, unknown>();
  private readonly names: string;

  /** `projections`: every projection whose tables the answers read, nested fields loaded with a page included. */
  constructor(
    private readonly db: Database.Database,
    private readonly capacity: number,
    projections: readonly string[],
  ) {
    // Two statements: pragma_data_version as a table function prepares a PRAGMA on each call (7 µs against 5).
    this.changes = db.prepare<[], number>('SELECT total_changes()').pluck();
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
    this.names = JSON.stringify([...projections].sort());
  }

  /** The answer for `key` made while the projections are as they are now, or `compute`'s. */
  get<T>(key: string, compute: () => T): T {
    if (this.capacity === 0) return compute();
    const file = `${this.changes.get()}:${this.dataVersion.get()}`;
    if (file !== this.seenFile) {
      this.seenFile = file;
      const checkpoints = this.readCheckpoints();
      if (checkpoints !== this.seenCheckpoints) {
        this.answers.clear();
        this.seenCheckpoints = checkpoints;
      }
    }
    if (this.answers.has(key)) {
      const answer = this.answers.get(key) as T;
      this.answers.delete(key);
      this.answers.set(key, answer);
      return answer;
    }
    const answer = compute();
    this.answers.set(key, answer);
    if (this.answers.size > this.capacity) this.answers.delete(this.answers.keys().next().value as string);
    return answer;
  }

  /** The projections' checkpoint rows as one string (version, position, last event's hash); null without a checkpoint table yet. */
  private readCheckpoints(): string | null {
    this.checkpoints ??= this.prepareCheckpoints();
    // Without the table nothing is projected yet: a fresh value each time keeps nothing.
    return this.checkpoints ? (this.checkpoints.get(this.names) ?? null) : `none:${this.seenFile}`;
  }

  private prepareCheckpoints(): Database.Statement<[string], string | null> | undefined {
    const exists = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'projection_checkpoints'").get();
    if (!exists) return undefined;
    return this.db
      .prepare<[string], string | null>(
        `SELECT group_concat(name || '@' || version || '@' || position || '@' || ifnull(last_hash, ''), ';')
           FROM (SELECT * FROM projection_checkpoints WHERE name IN (SELECT value FROM json_each(?)) ORDER BY name)`,
      )
      .pluck();
  }
}
