import { assertNever } from '../decider/decider.js';
import { isMilestoneEvent } from '../milestones/milestones.js';
import { milestoneHandler, milestoneTables, PROJECT_COLUMNS, setupMilestoneTables } from '../milestones/milestone.projection.js';
import type { Projection, ReadModelDatabase } from '../projections/projection.js';
import type { TerritoryService } from '../territory/territory.service.js';
import { isUsageProjectEvent, type UsageProjectEvent } from './usage-project.decider.js';

export const USAGE_MILESTONES = 'usage_project';

/**
 * Usage and service projects (`usage_projects`), the actors taking part (`usage_project_actors`:
 * carrier and partners), the territory keys they are found under (`usage_project_territories`,
 * enclosing ones included) and their milestone timeline (shared milestone tables).
 */
export function usageProjectsProjection(territories: TerritoryService): Projection<UsageProjectEvent> {
  return {
    name: 'usage_projects',
    version: 1,
    filter: { categories: ['usageProject'] },
    events: isUsageProjectEvent,
    tables: ['usage_projects', 'usage_project_actors', 'usage_project_territories', ...milestoneTables(USAGE_MILESTONES)],
    setup(db) {
      db.exec(`
        CREATE TABLE usage_projects (
          id                      TEXT PRIMARY KEY,
          title                   TEXT NOT NULL,
          domain                  TEXT NOT NULL,
          priority_level          TEXT NOT NULL,
          innovative_territory    INTEGER NOT NULL,
          national_call_reference TEXT,
          carrying_actor_id       TEXT NOT NULL,
          partner_ids             TEXT NOT NULL,
          territories             TEXT NOT NULL,
          ${PROJECT_COLUMNS}
        );
        CREATE TABLE usage_project_actors (
          actor_id   TEXT NOT NULL,
          project_id TEXT NOT NULL,
          PRIMARY KEY (actor_id, project_id)
        ) WITHOUT ROWID;
        CREATE TABLE usage_project_territories (
          kind       TEXT NOT NULL,
          code       TEXT NOT NULL,
          project_id TEXT NOT NULL,
          PRIMARY KEY (kind, code, project_id)
        ) WITHOUT ROWID;`);
      setupMilestoneTables(db, USAGE_MILESTONES);
    },
    handler(db: ReadModelDatabase) {
      const insert = db.prepare(
        `INSERT INTO usage_projects (id, title, domain, priority_level, innovative_territory, national_call_reference, carrying_actor_id, partner_ids, territories,
           registered_on, status, revision, created_at, updated_at)
         VALUES (@id, @title, @domain, @priority, @innovative, @call, @carrier, @partners, @territories, @registeredOn, 'active', @revision, @at, @at)`,
      );
      const addActor = db.prepare('INSERT OR IGNORE INTO usage_project_actors (actor_id, project_id) VALUES (?, ?)');
      const addTerritory = db.prepare('INSERT OR IGNORE INTO usage_project_territories (kind, code, project_id) VALUES (?, ?, ?)');
      const touch = db.prepare('UPDATE usage_projects SET revision = ?, updated_at = ? WHERE id = ?');
      const complete = db.prepare(`UPDATE usage_projects SET status = 'completed', completed_on = ? WHERE id = ?`);
      const abandon = db.prepare(`UPDATE usage_projects SET status = 'abandoned', abandoned_reason = ? WHERE id = ?`);
      const milestones = milestoneHandler(db, USAGE_MILESTONES);

      return (event) => {
        if (event.type === 'UsageProjectRegistered') {
          const d = event.data;
          insert.run({
            id: d.projectId,
            title: d.title,
            domain: d.domain,
            priority: d.priorityLevel,
            innovative: d.innovativeTerritory ? 1 : 0,
            call: d.nationalCallReference,
            carrier: d.carryingActorId,
            partners: JSON.stringify(d.partnerIds),
            territories: JSON.stringify(d.territories),
            registeredOn: d.registeredOn,
            revision: event.revision,
            at: event.recordedAt,
          });
          for (const actorId of [d.carryingActorId, ...d.partnerIds]) addActor.run(actorId, d.projectId);
          for (const ref of d.territories) for (const key of territories.enclosing(ref)) addTerritory.run(key.kind, key.code, d.projectId);
          return;
        }
        touch.run(event.revision, event.recordedAt, event.data.projectId);
        if (isMilestoneEvent(event)) {
          milestones(event);
          return;
        }
        switch (event.type) {
          case 'UsageProjectCompleted':
            complete.run(event.data.completedOn, event.data.projectId);
            break;
          case 'UsageProjectAbandoned':
            abandon.run(event.data.reason, event.data.projectId);
            break;
          default:
            assertNever(event, 'event');
        }
      };
    },
  };
}
