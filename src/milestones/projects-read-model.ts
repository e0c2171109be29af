import type { Connection } from '../graphql/pagination.js';
import { bindList, keysetPage } from '../graphql/keyset-page.js';
import type { ReadModelDatabase } from '../projections/projection.js';
import { StatementCache } from '../projections/statement-cache.js';
import { parisToday, type CalendarDate } from '../shared/calendar-date.js';
import { hasLateMilestone, lateMilestoneCount, milestoneTimeline, type MilestoneRow } from './milestone-timeline.js';
import type { ProjectStatus } from './project-rules.js';

/** Columns every project table has (the kinds add their own). */
export interface StoredProject extends Record<string, unknown> {
  id: string;
  registered_on: string;
  status: ProjectStatus;
  completed_on: string | null;
  abandoned_reason: string | null;
  revision: number;
  created_at: string;
  updated_at: string;
  late_count: number;
}

export interface ProjectRow {
  id: string;
  registeredOn: CalendarDate;
  status: ProjectStatus;
  completedOn: CalendarDate | null;
  abandonedReason: string | null;
  lateMilestoneCount: number;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ProjectFilter {
  statuses?: ProjectStatus[];
  /** true: only projects with a late milestone; false: only those without. */
  hasLateMilestones?: boolean;
}

/**
 * What the read models of every kind of project share: lookup by id, pages keyed on id with the
 * status and late-milestone filters, the milestone timeline. `table` holds the projects, `prefix`
 * names their milestone tables.
 */
export abstract class ProjectsReadModel<Stored extends StoredProject, Row extends ProjectRow> {
  protected readonly statements: StatementCache;
  private readonly lateCount: string;

  protected constructor(
    db: ReadModelDatabase,
    private readonly table: string,
    private readonly prefix: string,
  ) {
    this.statements = new StatementCache(db);
    this.lateCount = lateMilestoneCount(prefix, table);
  }

  protected abstract toRow(stored: Stored): Row;

  byId(id: string, today = parisToday()): Row | undefined {
    const row = this.statements.get(`SELECT *, ${this.lateCount} FROM ${this.table} WHERE id = @id`).get({ id, today }) as Stored | undefined;
    return row && this.toRow(row);
  }

  milestones(projectId: string, today = parisToday()): MilestoneRow[] {
    return milestoneTimeline(this.statements, this.prefix, projectId, today);
  }

  /** A page of projects matching the shared filters plus the kind's own conditions (`where`, binding `params`). */
  protected page(
    filter: ProjectFilter,
    where: string[],
    params: Record<string, unknown>,
    first: number,
    after: string | undefined,
    today: CalendarDate,
  ): Connection<Row> {
    params.today = today;
    if (filter.statuses?.length) where.push(`status IN (${bindList(params, 'status', filter.statuses)})`);
    if (filter.hasLateMilestones !== undefined) where.push(filter.hasLateMilestones ? hasLateMilestone(this.prefix) : `NOT ${hasLateMilestone(this.prefix)}`);
    return keysetPage(this.statements, { from: this.table, select: `*, ${this.lateCount}`, where, params, keys: ['id'] }, { first, after }, (row: Stored) =>
      this.toRow(row),
    );
  }
}

export function projectRow(row: StoredProject): ProjectRow {
  return {
    id: row.id,
    registeredOn: row.registered_on,
    status: row.status,
    completedOn: row.completed_on,
    abandonedReason: row.abandoned_reason,
    lateMilestoneCount: row.late_count,
    revision: row.revision,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
