import { assertNever } from '../decider/decider.js';
import type { Projection, ReadModelDatabase } from '../projections/projection.js';
import type { TerritoryService } from '../territory/territory.service.js';
import { type ActorKind, type TerritoryRef, isActorEvent, type ActorEvent } from './actor.decider.js';

export const ACTORS_PROJECTION = 'actors';

/**
 * Current state of every actor: `actors`, plus `actor_territories` for territory filters: each of the
 * actor's territories and every one enclosing it, so a filter on a département finds the actors of its
 * communes and EPCIs too (as the conventions and commitments filters do).
 */
export const actorsProjection = (territoryService: TerritoryService): Projection<ActorEvent> => ({
  name: ACTORS_PROJECTION,
  version: 2,
  filter: { categories: ['actor'] },
  events: isActorEvent,
  tables: ['actors', 'actor_territories'],
  setup(db) {
    db.exec(`
      CREATE TABLE actors (
        id            TEXT PRIMARY KEY,
        kind          TEXT NOT NULL,
        name          TEXT NOT NULL,
        search_name   TEXT NOT NULL,
        siren         TEXT,
        status        TEXT NOT NULL,
        territories   TEXT NOT NULL,
        revision      INTEGER NOT NULL,
        registered_at TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      );
      CREATE INDEX actors_by_name ON actors (search_name, id);
      CREATE TABLE actor_territories (
        actor_id TEXT NOT NULL,
        kind     TEXT NOT NULL,
        code     TEXT NOT NULL,
        PRIMARY KEY (kind, code, actor_id)
      ) WITHOUT ROWID;`);
  },
  handler(db: ReadModelDatabase) {
    const insert = db.prepare(
      `INSERT INTO actors (id, kind, name, search_name, siren, status, territories, revision, registered_at, updated_at)
       VALUES (@id, @kind, @name, @searchName, @siren, 'active', @territories, @revision, @at, @at)`,
    );
    const rename = db.prepare('UPDATE actors SET name = ?, search_name = ?, revision = ?, updated_at = ? WHERE id = ?');
    const setTerritories = db.prepare('UPDATE actors SET territories = ?, revision = ?, updated_at = ? WHERE id = ?');
    const retire = db.prepare("UPDATE actors SET status = 'retired', revision = ?, updated_at = ? WHERE id = ?");
    const clearTerritories = db.prepare('DELETE FROM actor_territories WHERE actor_id = ?');
    const addTerritory = db.prepare('INSERT OR IGNORE INTO actor_territories (actor_id, kind, code) VALUES (?, ?, ?)');
    const indexTerritories = (actorId: string, territories: TerritoryRef[]) => {
      clearTerritories.run(actorId);
      for (const t of territories) for (const key of territoryService.enclosing(t)) addTerritory.run(actorId, key.kind, key.code);
    };

    return (event) => {
      const at = event.recordedAt;
      switch (event.type) {
        case 'ActorRegistered': {
          const { actorId, kind, name, territories, siren } = event.data;
          insert.run({
            id: actorId,
            kind,
            name,
            searchName: searchable(name),
            siren,
            territories: JSON.stringify(territories),
            revision: event.revision,
            at,
          });
          indexTerritories(actorId, territories);
          break;
        }
        case 'ActorRenamed':
          rename.run(event.data.name, searchable(event.data.name), event.revision, at, event.data.actorId);
          break;
        case 'ActorTerritoriesChanged':
          setTerritories.run(JSON.stringify(event.data.territories), event.revision, at, event.data.actorId);
          indexTerritories(event.data.actorId, event.data.territories);
          break;
        case 'ActorRetired':
          retire.run(event.revision, at, event.data.actorId);
          break;
        default:
          assertNever(event, 'event');
      }
    };
  },
});

/** Lower case without accents, for name search ("Métropole" matches "metropole"). */
export function searchable(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

export interface ActorRow {
  id: string;
  kind: ActorKind;
  name: string;
  siren: string | null;
  status: 'active' | 'retired';
  territories: TerritoryRef[];
  revision: number;
  registeredAt: Date;
  updatedAt: Date;
}
