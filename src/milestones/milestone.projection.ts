import { assertNever } from '../decider/decider.js';
import type { RecordedEvent } from '../event-store/event-store.js';
import type { ReadModelDatabase } from '../projections/projection.js';
import type { MilestoneEvent } from './milestones.js';

/**
 * The milestone tables of one kind of project (`<prefix>_milestones`, `<prefix>_milestone_dates`),
 * written from the shared milestone events. Each project projection owns its own pair (a rebuild
 * drops only its tables) and hands `milestoneHandler` the milestone events it receives.
 */
/** The columns every project table ends with (read by projects-read-model.ts). */
export const PROJECT_COLUMNS = `registered_on TEXT NOT NULL, status TEXT NOT NULL, completed_on TEXT, abandoned_reason TEXT,
  revision INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL`;

export function milestoneTables(prefix: string): string[] {
  return [`${prefix}_milestones`, `${prefix}_milestone_dates`];
}

export function setupMilestoneTables(db: ReadModelDatabase, prefix: string): void {
  db.exec(`
    CREATE TABLE ${prefix}_milestones (
      project_id         TEXT NOT NULL,
      key                TEXT NOT NULL,
      label              TEXT NOT NULL,
      sort_order         REAL NOT NULL,
      status             TEXT NOT NULL,
      first_planned_date TEXT,
      planned_date       TEXT,
      achieved_on        TEXT,
      evidence_hash      TEXT,
      out_of_order       INTEGER NOT NULL DEFAULT 0,
      skipped_keys       TEXT,
      dropped_reason     TEXT,
      PRIMARY KEY (project_id, key)
    ) WITHOUT ROWID;
    CREATE INDEX ${prefix}_milestones_open ON ${prefix}_milestones (status, planned_date);
    CREATE TABLE ${prefix}_milestone_dates (
      project_id  TEXT NOT NULL,
      key         TEXT NOT NULL,
      revision    INTEGER NOT NULL,
      date        TEXT NOT NULL,
      reason      TEXT,
      recorded_at TEXT NOT NULL,
      PRIMARY KEY (project_id, key, revision)
    ) WITHOUT ROWID;`);
}

/** Returns a writer of the milestone events (a project projection hands them over, see `isMilestoneEvent`). */
export function milestoneHandler(db: ReadModelDatabase, prefix: string): (event: RecordedEvent<MilestoneEvent>) => void {
  const add = db.prepare(`INSERT INTO ${prefix}_milestones (project_id, key, label, sort_order, status) VALUES (?, ?, ?, ?, 'pending')`);
  const plan = db.prepare(
    `UPDATE ${prefix}_milestones SET status = 'planned', planned_date = ?, first_planned_date = COALESCE(first_planned_date, ?) WHERE project_id = ? AND key = ?`,
  );
  const reschedule = db.prepare(`UPDATE ${prefix}_milestones SET planned_date = ? WHERE project_id = ? AND key = ?`);
  const addDate = db.prepare(`INSERT INTO ${prefix}_milestone_dates (project_id, key, revision, date, reason, recorded_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const achieve = db.prepare(
    `UPDATE ${prefix}_milestones SET status = 'achieved', achieved_on = ?, evidence_hash = ?, out_of_order = ?, skipped_keys = ? WHERE project_id = ? AND key = ?`,
  );
  const drop = db.prepare(`UPDATE ${prefix}_milestones SET status = 'dropped', dropped_reason = ? WHERE project_id = ? AND key = ?`);
  return (event) => {
    const { projectId, key } = event.data;
    switch (event.type) {
      case 'MilestoneAdded':
        add.run(projectId, key, event.data.label, event.data.order);
        break;
      case 'MilestonePlanned':
        plan.run(event.data.date, event.data.date, projectId, key);
        addDate.run(projectId, key, event.revision, event.data.date, null, event.recordedAt);
        break;
      case 'MilestoneRescheduled':
        reschedule.run(event.data.date, projectId, key);
        addDate.run(projectId, key, event.revision, event.data.date, event.data.reason, event.recordedAt);
        break;
      case 'MilestoneAchieved':
        achieve.run(event.data.achievedOn, event.data.evidenceHash, event.data.outOfOrder ? 1 : 0, JSON.stringify(event.data.skippedKeys), projectId, key);
        break;
      case 'MilestoneDropped':
        drop.run(event.data.reason, projectId, key);
        break;
      default:
        assertNever(event, 'event');
    }
  };
}
