import { Inject, Injectable } from '@nestjs/common';
import type { Connection } from '../graphql/pagination.js';
import { projectRow, ProjectsReadModel, type ProjectFilter, type ProjectRow, type StoredProject } from '../milestones/projects-read-model.js';
import type { ReadModelDatabase } from '../projections/projection.js';
import { READ_MODEL_DB } from '../projections/projections.module.js';
import { parisToday, type CalendarDate } from '../shared/calendar-date.js';
import type { Financing, Indicator, IndicatorSource, Indicators, NetworkProjectDetails, ProcurementModel, Technology } from './network-project.decider.js';
import { NETWORK_MILESTONES } from './network-project.projection.js';

export interface NetworkProjectFilter extends ProjectFilter {
  departementCode?: string;
  leadActorId?: string;
}

export type NetworkProjectRow = NetworkProjectDetails & ProjectRow;

export interface IndicatorReportRow extends Indicators {
  revision: number;
  asOf: CalendarDate;
  lowered: Indicator[];
  reason: string | null;
  source: IndicatorSource;
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

interface Stored extends StoredProject {
  name: string;
  lead_actor_id: string;
  departement_codes: string;
  multi_departemental: number;
  technologies: string;
  procurement_model: ProcurementModel | null;
  delegate_operator_id: string | null;
}

/** Queries over the `network_projects` projection; pages keyed on id. */
@Injectable()
export class NetworkProjectsReadModel extends ProjectsReadModel<Stored, NetworkProjectRow> {
  constructor(@Inject(READ_MODEL_DB) db: ReadModelDatabase) {
    super(db, 'network_projects', NETWORK_MILESTONES);
  }

  list(filter: NetworkProjectFilter, first: number, after?: string, today = parisToday()): Connection<NetworkProjectRow> {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.leadActorId) where.push('lead_actor_id = @leadActorId') && (params.leadActorId = filter.leadActorId);
    if (filter.departementCode) {
      where.push('id IN (SELECT project_id FROM network_project_departements WHERE code = @departementCode)');
      params.departementCode = filter.departementCode;
    }
    return this.page(filter, where, params, first, after, today);
  }

  indicatorHistory(projectId: string): IndicatorReportRow[] {
    const rows = this.statements.get('SELECT * FROM network_indicator_reports WHERE project_id = ? ORDER BY revision').all(projectId) as {
      revision: number;
      as_of: string;
      figures: string;
      lowered: string;
      reason: string | null;
      source: IndicatorSource;
      reported_by: string | null;
      recorded_at: string;
    }[];
    return rows.map((r) => ({
      ...(JSON.parse(r.figures) as Indicators),
      revision: r.revision,
      asOf: r.as_of,
      lowered: JSON.parse(r.lowered) as Indicator[],
      reason: r.reason,
      source: r.source,
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

  protected toRow(row: Stored): NetworkProjectRow {
    return {
      ...projectRow(row),
      name: row.name,
      leadActorId: row.lead_actor_id,
      departementCodes: JSON.parse(row.departement_codes) as string[],
      multiDepartemental: row.multi_departemental === 1,
      technologies: JSON.parse(row.technologies) as Technology[],
      procurementModel: row.procurement_model,
      delegateOperatorId: row.delegate_operator_id,
    };
  }
}
