import type Database from 'better-sqlite3';
import type { ReportCheckpoint, ReportCheckpoints } from './log-fold.js';

/**
 * Report checkpoints in the read-model database. Derived data like the read models: deleting the
 * table only makes the next report replay the log from the start.
 */
export class SqliteReportCheckpoints implements ReportCheckpoints {
  private readonly loadStatement: Database.Statement<[string, string], { data: string }>;
  private readonly saveStatement: Database.Statement<[string, string, string]>;
  private readonly hasStatement: Database.Statement<[string, string], { n: number }>;

  constructor(db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS report_checkpoints (
      version TEXT NOT NULL,
      cutoff  TEXT NOT NULL,
      data    TEXT NOT NULL,
      PRIMARY KEY (version, cutoff)
    ) WITHOUT ROWID`);
    this.loadStatement = db.prepare('SELECT data FROM report_checkpoints WHERE version = ? AND cutoff <= ? ORDER BY cutoff DESC LIMIT 1');
    this.hasStatement = db.prepare('SELECT count(*) AS n FROM report_checkpoints WHERE version = ? AND cutoff = ?');
    this.saveStatement = db.prepare('INSERT OR REPLACE INTO report_checkpoints (version, cutoff, data) VALUES (?, ?, ?)');
  }

  load(version: string, atOrBefore: string): ReportCheckpoint | undefined {
    const row = this.loadStatement.get(version, atOrBefore);
    return row && (JSON.parse(row.data) as ReportCheckpoint);
  }

  has(version: string, cutoff: string): boolean {
    return this.hasStatement.get(version, cutoff)!.n > 0;
  }

  save(version: string, checkpoint: ReportCheckpoint): void {
    this.saveStatement.run(version, checkpoint.cutoff, JSON.stringify(checkpoint));
  }
}
