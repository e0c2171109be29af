import { assertNever } from '../decider/decider.js';
import type { Projection, ReadModelDatabase } from '../projections/projection.js';
import type { TerritoryService } from '../territory/territory.service.js';
import { isWhiteZoneEvent, type WhiteZoneEvent } from './white-zone.decider.js';

/**
 * The white-zone inventory (`white_zones`), its communes (`white_zone_communes`, for counting
 * distinct communes) and the territory keys each zone is found under (`white_zone_territories`:
 * its communes and every enclosing EPCI, département and région).
 */
export function whiteZonesProjection(territories: TerritoryService): Projection<WhiteZoneEvent> {
  return {
    name: 'white_zones',
    version: 1,
    filter: { categories: ['whiteZone'] },
    events: isWhiteZoneEvent,
    tables: ['white_zones', 'white_zone_communes', 'white_zone_territories'],
    setup(db) {
      db.exec(`
        CREATE TABLE white_zones (
          id                 TEXT PRIMARY KEY,
          kind               TEXT NOT NULL,
          commune_codes      TEXT NOT NULL,
          schools            INTEGER NOT NULL,
          public_services    INTEGER NOT NULL,
          businesses         INTEGER NOT NULL,
          health             INTEGER NOT NULL,
          estimated_cost     REAL,
          status             TEXT NOT NULL,
          identified_on      TEXT NOT NULL,
          planned_on         TEXT,
          network_project_id TEXT,
          resolved_on        TEXT,
          revision           INTEGER NOT NULL,
          created_at         TEXT NOT NULL,
          updated_at         TEXT NOT NULL
        );
        CREATE TABLE white_zone_communes (
          zone_id      TEXT NOT NULL,
          commune_code TEXT NOT NULL,
          PRIMARY KEY (zone_id, commune_code)
        ) WITHOUT ROWID;
        CREATE TABLE white_zone_territories (
          kind    TEXT NOT NULL,
          code    TEXT NOT NULL,
          zone_id TEXT NOT NULL,
          PRIMARY KEY (kind, code, zone_id)
        ) WITHOUT ROWID;`);
    },
    handler(db: ReadModelDatabase) {
      const insert = db.prepare(
        `INSERT INTO white_zones (id, kind, commune_codes, schools, public_services, businesses, health, estimated_cost, status, identified_on, revision, created_at, updated_at)
         VALUES (@id, @kind, @communes, @schools, @publicServices, @businesses, @health, @cost, 'identified', @identifiedOn, @revision, @at, @at)`,
      );
      const addCommune = db.prepare('INSERT OR IGNORE INTO white_zone_communes (zone_id, commune_code) VALUES (?, ?)');
      const addTerritory = db.prepare('INSERT OR IGNORE INTO white_zone_territories (kind, code, zone_id) VALUES (?, ?, ?)');
      const revise = db.prepare(
        'UPDATE white_zones SET schools = @schools, public_services = @publicServices, businesses = @businesses, health = @health, estimated_cost = @cost WHERE id = @id',
      );
      const plan = db.prepare(`UPDATE white_zones SET status = 'planned', planned_on = ?, network_project_id = ? WHERE id = ?`);
      const resolve = db.prepare(`UPDATE white_zones SET status = 'resolved', resolved_on = ? WHERE id = ?`);
      const touch = db.prepare('UPDATE white_zones SET revision = ?, updated_at = ? WHERE id = ?');
      return (event) => {
        const id = event.data.zoneId;
        switch (event.type) {
          case 'WhiteZoneRecorded': {
            const d = event.data;
            insert.run({
              id,
              kind: d.kind,
              communes: JSON.stringify(d.communeCodes),
              ...d.prioritySites,
              cost: d.estimatedCost,
              identifiedOn: d.identifiedOn,
              revision: event.revision,
              at: event.recordedAt,
            });
            for (const code of d.communeCodes) {
              addCommune.run(id, code);
              for (const key of territories.enclosing({ kind: 'commune', code })) addTerritory.run(key.kind, key.code, id);
            }
            break;
          }
          case 'WhiteZoneEstimateRevised':
            revise.run({ id, ...event.data.prioritySites, cost: event.data.estimatedCost });
            break;
          case 'WhiteZoneResolutionPlanned':
            plan.run(event.data.plannedOn, event.data.networkProjectId, id);
            break;
          case 'WhiteZoneResolved':
            resolve.run(event.data.resolvedOn, id);
            break;
          default:
            assertNever(event, 'event');
        }
        touch.run(event.revision, event.recordedAt, id);
      };
    },
  };
}
