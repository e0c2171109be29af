import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { connectionFromRows, decodeCursor, type Connection } from '../graphql/pagination.js';
import type { ReadModelDatabase } from '../projections/projection.js';
import { READ_MODEL_DB } from '../projections/projections.module.js';
import { StatementCache } from '../projections/statement-cache.js';
import { ResultCache } from '../projections/result-cache.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { PerRequestLoader } from '../shared/per-request-loader.js';
import type { ActorKind, TerritoryRef } from './actor.decider.js';
import { ACTORS_PROJECTION, searchable, type ActorRow } from './actor.projection.js';

export interface ActorFilter {
  kind?: ActorKind;
  status?: 'active' | 'retired';
  territory?: TerritoryRef;
  nameContains?: string;
}

interface StoredActor {
  id: string;
  kind: ActorKind;
  name: string;
  search_name: string;
  siren: string | null;
  status: 'active' | 'retired';
  territories: string;
  revision: number;
  registered_at: string;
  updated_at: string;
}

/** Queries over the `actors` projection. Pages are keyed on (search_name, id): stable under inserts. */
@Injectable()
export class ActorsReadModel {
  private byIdStatement?: Database.Statement<[string], StoredActor>;
  private readonly statements: StatementCache;
  /** `byId` for nested fields: the lookups of one request in the same tick become one query. */
  readonly inRequest = new PerRequestLoader<string, ActorRow | undefined>((ids) => this.byIds(ids));

  /** Pages of the list, while the actors projection is unchanged. */
  private readonly pages: ResultCache;

  constructor(
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDatabase,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.statements = new StatementCache(db);
    this.pages = new ResultCache(db, config.caches.listResults, [ACTORS_PROJECTION]);
  }

  byId(id: string): ActorRow | undefined {
    // Prepared on first use: the projection creates the table when the app has started.
    this.byIdStatement ??= this.db.prepare<[string], StoredActor>('SELECT * FROM actors WHERE id = ?');
    const row = this.byIdStatement.get(id);
    return row && toActor(row);
  }

  /** Several actors in one query, one answer per id in the ids' order (undefined where none). */
  byIds(ids: readonly string[]): (ActorRow | undefined)[] {
    const rows = this.statements.get('SELECT * FROM actors WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as StoredActor[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => {
      const row = byId.get(id);
      return row && toActor(row);
    });
  }

  list(filter: ActorFilter, first: number, after?: string): Connection<ActorRow> {
    return this.pages.get(JSON.stringify([filter, first, after]), () => this.query(filter, first, after));
  }

  private query(filter: ActorFilter, first: number, after?: string): Connection<ActorRow> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.kind) where.push('kind = ?') && params.push(filter.kind);
    if (filter.status) where.push('status = ?') && params.push(filter.status);
    if (filter.nameContains) where.push("search_name LIKE ? ESCAPE '\\'") && params.push(`%${escapeLike(searchable(filter.nameContains))}%`);
    if (filter.territory) {
      where.push('id IN (SELECT actor_id FROM actor_territories WHERE kind = ? AND code = ?)');
      params.push(filter.territory.kind, filter.territory.code);
    }
    const filterSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const totalCount = (this.statements.get(`SELECT count(*) AS n FROM actors ${filterSql}`).get(...params) as { n: number }).n;

    const pageWhere = [...where];
    const pageParams = [...params];
    if (after) {
      const [name, id] = decodeCursor(after, 2);
      pageWhere.push('(search_name, id) > (?, ?)');
      pageParams.push(name, id);
    }
    const rows = this.statements
      .get(`SELECT * FROM actors ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''} ORDER BY search_name, id LIMIT ?`)
      .all(...pageParams, first + 1) as StoredActor[];
    return connectionFromRows(rows, { first, after, totalCount }, (row) => [row.search_name, row.id], toActor);
  }
}

function toActor(row: StoredActor): ActorRow {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    siren: row.siren,
    status: row.status,
    territories: JSON.parse(row.territories) as TerritoryRef[],
    revision: row.revision,
    registeredAt: new Date(row.registered_at),
    updatedAt: new Date(row.updated_at),
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
