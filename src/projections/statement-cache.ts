import type Database from 'better-sqlite3';

/**
 * Prepares each distinct SQL text once: read models build their queries from optional filters,
 * which combine into a handful of shapes. Bounded so that no input can grow it without limit.
 */
export class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly capacity = 200,
  ) {}

  get(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (this.statements.size < this.capacity) this.statements.set(sql, statement);
    }
    return statement;
  }
}
