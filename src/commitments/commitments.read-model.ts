import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import type { Connection } from '../graphql/pagination.js';
import { bindList, keysetPage } from '../graphql/keyset-page.js';
import type { ReadModelDatabase } from '../projections/projection.js';
import { READ_MODEL_DB } from '../projections/projections.module.js';
import { StatementCache } from '../projections/statement-cache.js';
import { ResultCache } from '../projections/result-cache.js';
import { COMMITMENTS_PROJECTION } from './commitment.projection.js';
import { PageLoader } from '../shared/page-batch.js';
import { parisDateOf, type CalendarDate } from '../shared/calendar-date.js';
import type { TerritoryRef } from '../territory/territory.types.js';
import type { CommitmentOrigin, CommitmentStatus, CommitmentSubject, ProgressSource, Target, TargetUnit } from './commitment.decider.js';

/** Derived at read time from the day's date, never stored. */
export type CommitmentHealth = 'on_track' | 'at_risk' | 'late';

export interface CommitmentFilter {
  actorId?: string;
  subject?: CommitmentSubject;
  territory?: TerritoryRef;
  statuses?: CommitmentStatus[];
  health?: CommitmentHealth[];
  dueFrom?: CalendarDate;
  dueTo?: CalendarDate;
  conventionId?: string;
}

export interface CommitmentRow {
  id: string;
  committingActorId: string;
  subject: CommitmentSubject;
  title: string;
  target: Target;
  dueDate: CalendarDate;
  madeOn: CalendarDate;
  status: CommitmentStatus;
  health: CommitmentHealth | null;
  currentValue: number | null;
  currentAsOf: CalendarDate | null;
  /** The value the straight line from 0 to the target reaches today. */
  expectedValue: number | null;
  territories: TerritoryRef[];
  stemsFrom: CommitmentOrigin | null;
  madeEventId: string;
  endedReason: string | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface CommitmentVersionRow {
  revision: number;
  target: Target;
  dueDate: CalendarDate;
  reason: string | null;
  occurredAt: Date;
  recordedAt: Date;
}

export interface ProgressRow {
  revision: number;
  value: number;
  asOf: CalendarDate;
  source: ProgressSource;
  note: string | null;
  supersedesCurrent: boolean;
  reportedBy: string | null;
  recordedAt: Date;
}

interface StoredProgress {
  commitment_id: string;
  revision: number;
  value: number;
  as_of: string;
  source: ProgressSource;
  note: string | null;
  supersedes_current: number;
  reported_by: string | null;
  recorded_at: string;
}

interface Stored extends Record<string, unknown> {
  id: string;
  committing_actor_id: string;
  subject: CommitmentSubject;
  title: string;
  target_quantity: number;
  target_unit: TargetUnit;
  due_date: string;
  made_on: string;
  status: CommitmentStatus;
  current_value: number | null;
  current_as_of: string | null;
  territories: string;
  stems_from: string | null;
  made_event_id: string;
  ended_reason: string | null;
  revision: number;
  created_at: string;
  updated_at: string;
  health: CommitmentHealth | null;
  expected: number | null;
}

/** Share of the way from the day made to the due date, on `@today`, clamped to [0, 1]. */
export const ELAPSED_SQL = `MIN(1.0, MAX(0.0, (julianday(@today) - julianday(made_on)) / MAX(1.0, julianday(due_date) - julianday(made_on))))`;
const EXPECTED = `CASE WHEN status = 'active' THEN target_quantity * ${ELAPSED_SQL} END`;
export const HEALTH_SQL = `CASE
  WHEN status <> 'active' THEN NULL
  WHEN due_date < @today THEN 'late'
  WHEN COALESCE(current_value, 0) < target_quantity * (${ELAPSED_SQL} - @threshold) THEN 'at_risk'
  ELSE 'on_track' END`;

/** Queries over the `commitments` projection; pages keyed on (due_date, id). */
@Injectable()
export class CommitmentsReadModel {
  private readonly statements: StatementCache;
  /** `progress` for nested fields: one query for the whole page. */
  readonly progressOfPage = new PageLoader<CommitmentRow, ProgressRow[]>((rows) => this.progressOf(rows.map((row) => row.id)));

  /**
   * Pages of the list, while the commitments and actors projections are unchanged (and the day is the
   * same: health). Actors too: a cached page keeps the committing actors its rows loaded (page-batch).
   */
  private readonly pages: ResultCache;

  constructor(
    @Inject(READ_MODEL_DB) db: ReadModelDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.statements = new StatementCache(db);
    this.pages = new ResultCache(db, config.caches.listResults, [
      COMMITMENTS_PROJECTION,
      'actors' /* the actors projection's name: its file is not ours to import */,
    ]);
  }

  byId(id: string, today = parisDateOf(new Date())): CommitmentRow | undefined {
    const row = this.statements
      .get(`SELECT *, ${HEALTH_SQL} AS health, ${EXPECTED} AS expected FROM commitments WHERE id = @id`)
      .get({ id, ...this.clock(today) }) as Stored | undefined;
    return row && toRow(row);
  }

  list(filter: CommitmentFilter, first: number, after?: string, today = parisDateOf(new Date())): Connection<CommitmentRow> {
    return this.pages.get(JSON.stringify([filter, first, after, today]), () => this.query(filter, first, after, today));
  }

  private query(filter: CommitmentFilter, first: number, after: string | undefined, today: CalendarDate): Connection<CommitmentRow> {
    const where: string[] = [];
    const params: Record<string, unknown> = this.clock(today);
    if (filter.actorId) where.push('committing_actor_id = @actorId') && (params.actorId = filter.actorId);
    if (filter.subject) where.push('subject = @subject') && (params.subject = filter.subject);
    if (filter.statuses?.length) where.push(`status IN (${bindList(params, 'status', filter.statuses)})`);
    if (filter.health?.length) where.push(`(${HEALTH_SQL}) IN (${bindList(params, 'health', filter.health)})`);
    if (filter.dueFrom) where.push('due_date >= @dueFrom') && (params.dueFrom = filter.dueFrom);
    if (filter.dueTo) where.push('due_date <= @dueTo') && (params.dueTo = filter.dueTo);
    if (filter.territory) {
      where.push('id IN (SELECT commitment_id FROM commitment_territories WHERE kind = @territoryKind AND code = @territoryCode)');
      params.territoryKind = filter.territory.kind;
      params.territoryCode = filter.territory.code;
    }
    if (filter.conventionId) {
      where.push('id IN (SELECT commitment_id FROM commitment_conventions WHERE convention_id = @conventionId)');
      params.conventionId = filter.conventionId;
    }
    return keysetPage(
      this.statements,
      { from: 'commitments', select: `*, ${HEALTH_SQL} AS health, ${EXPECTED} AS expected`, where, params, keys: ['due_date', 'id'] },
      { first, after },
      toRow,
    );
  }

  versions(commitmentId: string): CommitmentVersionRow[] {
    const rows = this.statements.get('SELECT * FROM commitment_versions WHERE commitment_id = ? ORDER BY revision').all(commitmentId) as {
      revision: number;
      target_quantity: number;
      target_unit: TargetUnit;
      due_date: string;
      reason: string | null;
      occurred_at: string;
      recorded_at: string;
    }[];
    return rows.map((r) => ({
      revision: r.revision,
      target: { quantity: r.target_quantity, unit: r.target_unit },
      dueDate: r.due_date,
      reason: r.reason,
      occurredAt: new Date(r.occurred_at),
      recordedAt: new Date(r.recorded_at),
    }));
  }

  progress(commitmentId: string): ProgressRow[] {
    return this.progressOf([commitmentId])[0];
  }

  /** The progress reports of several commitments in one query, one list per id in the ids' order. */
  progressOf(commitmentIds: readonly string[]): ProgressRow[][] {
    const rows = this.statements
      .get('SELECT * FROM commitment_progress WHERE commitment_id IN (SELECT value FROM json_each(?)) ORDER BY commitment_id, revision')
      .all(JSON.stringify(commitmentIds)) as StoredProgress[];
    const byCommitment = new Map<string, ProgressRow[]>(commitmentIds.map((id) => [id, []]));
    for (const r of rows) {
      byCommitment.get(r.commitment_id)!.push({
        revision: r.revision,
        value: r.value,
        asOf: r.as_of,
        source: r.source,
        note: r.note,
        supersedesCurrent: r.supersedes_current === 1,
        reportedBy: r.reported_by,
        recordedAt: new Date(r.recorded_at),
      });
    }
    return commitmentIds.map((id) => byCommitment.get(id)!);
  }

  /** Whether a commitment is this actor's and lies in this territory (each when given): live-update filters. */
  matches(commitmentId: string, filter: { actorId?: string; territory?: TerritoryRef }): boolean {
    if (filter.actorId && !this.statements.get('SELECT 1 FROM commitments WHERE id = ? AND committing_actor_id = ?').get(commitmentId, filter.actorId))
      return false;
    const { territory } = filter;
    return (
      !territory ||
      this.statements
        .get('SELECT 1 FROM commitment_territories WHERE kind = ? AND code = ? AND commitment_id = ?')
        .get(territory.kind, territory.code, commitmentId) !== undefined
    );
  }

  conventionIdsOf(commitmentId: string): string[] {
    return (
      this.statements.get('SELECT convention_id FROM commitment_conventions WHERE commitment_id = ? ORDER BY convention_id').all(commitmentId) as {
        convention_id: string;
      }[]
    ).map((r) => r.convention_id);
  }

  /** Active commitments whose due date plus the grace period is before `today`: the scheduler breaches them. */
  lapsed(today: CalendarDate, graceDays: number, limit = 500): { id: string; dueDate: CalendarDate }[] {
    return (
      this.statements
        .get(
          `SELECT id, due_date FROM commitments WHERE status = 'active' AND date(due_date, '+' || @grace || ' days') < @today ORDER BY due_date, id LIMIT @limit`,
        )
        .all({ today, grace: graceDays, limit }) as { id: string; due_date: string }[]
    ).map((r) => ({ id: r.id, dueDate: r.due_date }));
  }

  private clock(today: CalendarDate) {
    return { today, threshold: this.config.commitments.atRiskThreshold };
  }
}

function toRow(row: Stored): CommitmentRow {
  return {
    id: row.id,
    committingActorId: row.committing_actor_id,
    subject: row.subject,
    title: row.title,
    target: { quantity: row.target_quantity, unit: row.target_unit },
    dueDate: row.due_date,
    madeOn: row.made_on,
    status: row.status,
    health: row.health,
    currentValue: row.current_value,
    currentAsOf: row.current_as_of,
    expectedValue: row.expected === null ? null : Math.round(row.expected * 100) / 100,
    territories: JSON.parse(row.territories) as TerritoryRef[],
    stemsFrom: row.stems_from === null ? null : (JSON.parse(row.stems_from) as CommitmentOrigin),
    madeEventId: row.made_event_id,
    endedReason: row.ended_reason,
    revision: row.revision,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
