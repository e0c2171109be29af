import type { StatementCache } from '../projections/statement-cache.js';
import { daysBetween, type CalendarDate } from '../shared/calendar-date.js';
import type { MilestoneStatus } from './milestones.js';

export interface MilestoneDateRow {
  date: CalendarDate;
  /** Null for the first plan; the reason for every reschedule. */
  reason: string | null;
  recordedAt: Date;
}

export interface MilestoneRow {
  projectId: string;
  key: string;
  label: string;
  order: number;
  status: MilestoneStatus;
  firstPlannedDate: CalendarDate | null;
  plannedDate: CalendarDate | null;
  achievedOn: CalendarDate | null;
  evidenceHash: string | null;
  outOfOrder: boolean;
  skippedKeys: string[];
  droppedReason: string | null;
  /** Planned, not achieved, and the planned date has passed. */
  late: boolean;
  /**
   * Days between the first planned date and the actual date (achieved) or the date it can now be
   * expected on at the earliest (the current plan, or today once that has passed). Null when never planned
   * or dropped.
   */
  slippageDays: number | null;
  dates: MilestoneDateRow[];
}

/** SQL condition: the project (column `id`) has a planned milestone whose date is before @today. */
export const hasLateMilestone = (prefix: string) => `id IN (SELECT project_id FROM ${prefix}_milestones WHERE status = 'planned' AND planned_date < @today)`;

/** SQL column `late_count`: how many milestones of the project (row of `table`) are late on @today. */
export const lateMilestoneCount = (prefix: string, table: string) =>
  `(SELECT count(*) FROM ${prefix}_milestones m WHERE m.project_id = ${table}.id AND m.status = 'planned' AND m.planned_date < @today) AS late_count`;

interface Stored {
  project_id: string;
  key: string;
  label: string;
  sort_order: number;
  status: MilestoneStatus;
  first_planned_date: string | null;
  planned_date: string | null;
  achieved_on: string | null;
  evidence_hash: string | null;
  out_of_order: number;
  skipped_keys: string | null;
  dropped_reason: string | null;
}

/** The timeline of one project, planned vs actual, in the expected sequence. */
export function milestoneTimeline(statements: StatementCache, prefix: string, projectId: string, today: CalendarDate): MilestoneRow[] {
  const rows = statements.get(`SELECT * FROM ${prefix}_milestones WHERE project_id = ? ORDER BY sort_order`).all(projectId) as Stored[];
  const dates = statements
    .get(`SELECT key, date, reason, recorded_at FROM ${prefix}_milestone_dates WHERE project_id = ? ORDER BY revision`)
    .all(projectId) as {
    key: string;
    date: string;
    reason: string | null;
    recorded_at: string;
  }[];
  return rows.map((r) => {
    const late = r.status === 'planned' && r.planned_date !== null && r.planned_date < today;
    let slippageDays: number | null = null;
    if (r.first_planned_date !== null && r.status !== 'dropped') {
      const actualOrExpected = r.status === 'achieved' ? r.achieved_on! : late ? today : r.planned_date!;
      slippageDays = daysBetween(r.first_planned_date, actualOrExpected);
    }
    return {
      projectId: r.project_id,
      key: r.key,
      label: r.label,
      order: r.sort_order,
      status: r.status,
      firstPlannedDate: r.first_planned_date,
      plannedDate: r.planned_date,
      achievedOn: r.achieved_on,
      evidenceHash: r.evidence_hash,
      outOfOrder: r.out_of_order === 1,
      skippedKeys: r.skipped_keys ? (JSON.parse(r.skipped_keys) as string[]) : [],
      droppedReason: r.dropped_reason,
      late,
      slippageDays,
      dates: dates.filter((d) => d.key === r.key).map((d) => ({ date: d.date, reason: d.reason, recordedAt: new Date(d.recorded_at) })),
    };
  });
}
