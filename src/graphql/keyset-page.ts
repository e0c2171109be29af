import { connectionFromRows, decodeCursor, type Connection } from './pagination.js';
import type { StatementCache } from '../projections/statement-cache.js';

export interface KeysetQuery {
  /** Table (or join) to read from. */
  from: string;
  /** Columns to select; default `*`. */
  select?: string;
  /** Filter conditions, joined with AND; they bind named parameters from `params`. */
  where: string[];
  params: Record<string, unknown>;
  /** The sort key: unique together, indexed in this order (e.g. `['due_date', 'id']`). */
  keys: readonly string[];
  /** Newest first: the same keys in descending order (the index is read backwards). */
  descending?: boolean;
}

/**
 * One page of a filtered list, keyed on its sort columns rather than an offset, so that pages stay
 * stable while records are added, plus the total count of the filter.
 */
export function keysetPage<Stored extends Record<string, unknown>, Node>(
  statements: StatementCache,
  query: KeysetQuery,
  page: { first: number; after?: string },
  toNode: (row: Stored) => Node,
): Connection<Node> {
  const where = [...query.where];
  const params: Record<string, unknown> = { ...query.params };
  const totalCount = (statements.get(`SELECT count(*) AS n FROM ${query.from}${clause(where)}`).get(params) as { n: number }).n;
  if (page.after) {
    const values = decodeCursor(page.after, query.keys.length);
    values.forEach((value, i) => (params[`after${i}`] = value));
    where.push(`(${query.keys.join(', ')}) ${query.descending ? '<' : '>'} (${query.keys.map((_, i) => `@after${i}`).join(', ')})`);
  }
  params.limit = page.first + 1;
  const rows = statements
    .get(
      `SELECT ${query.select ?? '*'} FROM ${query.from}${clause(where)} ORDER BY ${query.keys.map((key) => (query.descending ? `${key} DESC` : key)).join(', ')} LIMIT @limit`,
    )
    .all(params) as Stored[];
  return connectionFromRows(rows, { first: page.first, after: page.after, totalCount }, (row) => query.keys.map((key) => row[key] as string | number), toNode);
}

function clause(where: readonly string[]): string {
  return where.length ? ` WHERE ${where.join(' AND ')}` : '';
}

/** Binds each value as @name0, @name1, ... and returns the placeholders, for `IN (...)`. */
export function bindList(params: Record<string, unknown>, name: string, values: readonly string[]): string {
  return values.map((value, i) => ((params[`${name}${i}`] = value), `@${name}${i}`)).join(', ');
}
