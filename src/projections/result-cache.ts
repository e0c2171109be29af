import type Database from 'better-sqlite3';

/**
 * Answers of hot list queries (a page of actors, of commitments), kept while the read-model file is
 * unchanged. Before each answer it reads the file's version: `total_changes()` counts every row this
 * connection changed (each projection's commit, a reset's checkpoint removal) and `data_version`
 * moves when another connection commits to the file; any change empties the cache. So a read after a
 * write never sees the page from before it (read your writes), whichever projection changed. Least
 * recently used answers leave first past `capacity` (0: no cache).
 */
export class ResultCache {
  private readonly version: Database.Statement<[], string>;
  private seen: string | undefined;
  private readonly answers = new Map<string, unknown>();

  constructor(
    db: Database.Database,
    private readonly capacity: number,
  ) {
    this.version = db.prepare<[], string>("SELECT total_changes() || ':' || data_version FROM pragma_data_version").pluck();
  }

  /** The answer for `key` made while the file is as it is now, or `compute`'s. */
  get<T>(key: string, compute: () => T): T {
    if (this.capacity === 0) return compute();
    const version = this.version.get();
    if (version !== this.seen) {
      this.answers.clear();
      this.seen = version;
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
}
