import { Inject, Injectable } from '@nestjs/common';
import type { Connection } from '../graphql/pagination.js';
import { hasLateMilestone, milestoneTimeline, type MilestoneRow } from '../milestones/milestone-timeline.js';
import { bindList, keysetPage } from '../projections/keyset-page.js';
import type { ReadModelDatabase } from '../projections/projection.js';
import { READ_MODEL_DB } from '../projections/projections.module.js';
import { StatementCache } from '../projections/statement-cache.js';
import { parisToday, type CalendarDate } from '../shared/calendar-date.js';
import type { Financing, Indicator, Indicators, NetworkProjectDetails, NetworkProjectStatus, ProcurementModel, Technology } from './network-project.decider.js';
import { NETWORK_MILESTONES } from './network-project.projection.js';

export interface NetworkProjectFilter {
  departementCode?: string;
  leadActorId?: string;
  statuses?: NetworkProjectStatus[];
  /** true: only projects with at least one late milestone; false: only those without. */
  hasLateMilestones?: boolean;
}

export interface NetworkProjectRow extends NetworkProjectDetails {
  id: string;
  status: NetworkProjectStatus;
  completedOn: CalendarDate | null;
  abandonedReason: string | null;
  lateMilestoneCount: number;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface IndicatorReportRow extends Indicators {
  revision: number;
  asOf: CalendarDate;
  lowered: Indicator[];
  reason: string | null;
  reportedBy: string | null;
  recordedAt: Date;
}

export interface FinancingRow extends Financing {
  revision: number;
  asOf: CalendarDate;
  reason: string | null;
  revisedBy: string | null;
  recordedAt: Date;
}

interface Stored extends Record<string, unknown> {
  id: string;
  name: string;
  lead_actor_id: string;
  departement_codes: string;
  multi_departemental: number;
  technologies: string;
  procurement_model: ProcurementModel | null;
  delegate_operator_id: string | null;
  registered_on: string;
  status: NetworkProjectStatus;
  completed_on: string | null;
  abandoned_reason: string | null;
  revision: number;
  created_at: string;
  updated_at: string;
  late_count: number;
}

const LATE_COUNT = `(SELECT count(*) FROM ${NETWORK_MILESTONES}_milestones m WHERE m.project_id = network_projects.id AND m.status = 'planned' AND m.planned_date < @today) AS late_count`;

/** Queries over the `network_projects` projection; pages keyed on id. */
@Injectable()
export class NetworkProjectsReadModel {
  private readonly statements: StatementCache;

  constructor(@Inject(READ_MODEL_DB) db: ReadModelDatabase) {
    this.statements = new StatementCache(db);
  }

  byId(id: string, today = parisToday()): NetworkProjectRow | undefined {
    const row = this.statements.get(`SELECT *, ${LATE_COUNT} FROM network_projects WHERE id = @id`).get({ id, today }) as Stored | undefined;
    return row && toRow(row);
  }

  list(filter: NetworkProjectFilter, first: number, after?: string, today = parisToday()): Connection<NetworkProjectRow> {
    const where: string[] = [];
    const params: Record<string, unknown> = { today };
    if (filter.leadActorId) where.push('lead_actor_id = @leadActorId') && (params.leadActorId = filter.leadActorId);
    if (filter.statuses?.length) where.push(`status IN (${bindList(params, 'status', filter.statuses)})`);
    if (filter.departementCode) {
      where.push('id IN (SELECT project_id FROM network_project_departements WHERE code = @departementCode)');
      params.departementCode = filter.departementCode;
    }
    if (filter.hasLateMilestones !== undefined) where.push(filter.hasLateMilestones ? hasLateMilestone(NETWORK_MILESTONES) : `NOT ${hasLateMilestone(NETWORK_MILESTONES)}`);
    return keysetPage(this.statements, { from: 'network_projects', select: `*, ${LATE_COUNT}`, where, params, keys: ['id'] }, { first, after }, toRow);
  }

  milestones(projectId: string, today = parisToday()): MilestoneRow[] {
    return milestoneTimeline(this.statements, NETWORK_MILESTONES, projectId, today);
  }

  indicatorHistory(projectId: string): IndicatorReportRow[] {
    const rows = this.statements.get('SELECT * FROM network_indicator_reports WHERE project_id = ? ORDER BY revision').all(projectId) as {
      revision: number;
      as_of: string;
      figures: string;
      lowered: string;
      reason: string | null;
      reported_by: string | null;
      recorded_at: string;
    }[];
    return rows.map((r) => ({
      ...(JSON.parse(r.figures) as Indicators),
      revision: r.revision,
      asOf: r.as_of,
      lowered: JSON.parse(r.lowered) as Indicator[],
      reason: r.reason,
      reportedBy: r.reported_by,
      recordedAt: new Date(r.recorded_at),
    }));
  }

  financingHistory(projectId: string): FinancingRow[] {
    const rows = this.statements.get('SELECT * FROM network_financing WHERE project_id = ? ORDER BY revision').all(projectId) as {
      revision: number;
      as_of: string;
      financing: string;
      reason: string | null;
      revised_by: string | null;
      recorded_at: string;
    }[];
    return rows.map((r) => ({
      ...(JSON.parse(r.financing) as Financing),
      revision: r.revision,
      asOf: r.as_of,
      reason: r.reason,
      revisedBy: r.revised_by,
      recordedAt: new Date(r.recorded_at),
    }));
  }
}

function toRow(row: Stored): NetworkProjectRow {
  return {
    id: row.id,
    name: row.name,
    leadActorId: row.lead_actor_id,
    departementCodes: JSON.parse(row.departement_codes) as string[],
    multiDepartemental: row.multi_departemental === 1,
    technologies: JSON.parse(row.technologies) as Technology[],
    procurementModel: row.procurement_model,
    delegateOperatorId: row.delegate_operator_id,
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
