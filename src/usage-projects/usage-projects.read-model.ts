import { Inject, Injectable } from '@nestjs/common';
import type { Connection } from '../graphql/pagination.js';
import { projectRow, ProjectsReadModel, type ProjectFilter, type ProjectRow, type StoredProject } from '../milestones/projects-read-model.js';
import { bindList } from '../graphql/keyset-page.js';
import type { ReadModelDatabase } from '../projections/projection.js';
import { READ_MODEL_DB } from '../projections/projections.module.js';
import { parisToday } from '../shared/calendar-date.js';
import type { TerritoryRef } from '../territory/territory.types.js';
import type { PriorityLevel, UsageDomain, UsageProjectDetails } from './usage-project.decider.js';
import { USAGE_MILESTONES } from './usage-project.projection.js';

export interface UsageProjectFilter extends ProjectFilter {
  domains?: UsageDomain[];
  priorityLevel?: PriorityLevel;
  innovativeTerritory?: boolean;
  /** Carrying or partner. */
  actorId?: string;
  territory?: TerritoryRef;
}

export type UsageProjectRow = UsageProjectDetails & ProjectRow;

interface Stored extends StoredProject {
  title: string;
  domain: UsageDomain;
  priority_level: PriorityLevel;
  innovative_territory: number;
  national_call_reference: string | null;
  carrying_actor_id: string;
  partner_ids: string;
  territories: string;
}

/** Queries over the `usage_projects` projection; pages keyed on id. */
@Injectable()
export class UsageProjectsReadModel extends ProjectsReadModel<Stored, UsageProjectRow> {
  constructor(@Inject(READ_MODEL_DB) db: ReadModelDatabase) {
    super(db, 'usage_projects', USAGE_MILESTONES);
  }

  list(filter: UsageProjectFilter, first: number, after?: string, today = parisToday()): Connection<UsageProjectRow> {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.domains?.length) where.push(`domain IN (${bindList(params, 'domain', filter.domains)})`);
    if (filter.priorityLevel) where.push('priority_level = @priority') && (params.priority = filter.priorityLevel);
    if (filter.innovativeTerritory !== undefined) where.push('innovative_territory = @innovative') && (params.innovative = filter.innovativeTerritory ? 1 : 0);
    if (filter.actorId) where.push('id IN (SELECT project_id FROM usage_project_actors WHERE actor_id = @actorId)') && (params.actorId = filter.actorId);
    if (filter.territory) {
      where.push('id IN (SELECT project_id FROM usage_project_territories WHERE kind = @territoryKind AND code = @territoryCode)');
      params.territoryKind = filter.territory.kind;
      params.territoryCode = filter.territory.code;
    }
    return this.page(filter, where, params, first, after, today);
  }

  protected toRow(row: Stored): UsageProjectRow {
    return {
      ...projectRow(row),
      title: row.title,
      domain: row.domain,
      priorityLevel: row.priority_level,
      innovativeTerritory: row.innovative_territory === 1,
      nationalCallReference: row.national_call_reference,
      carryingActorId: row.carrying_actor_id,
      partnerIds: JSON.parse(row.partner_ids) as string[],
      territories: JSON.parse(row.territories) as TerritoryRef[],
    };
  }
}
