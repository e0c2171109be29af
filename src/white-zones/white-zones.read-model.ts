import { Inject, Injectable } from '@nestjs/common';
import type { Connection } from '../graphql/pagination.js';
import { bindList, keysetPage } from '../graphql/keyset-page.js';
import type { ReadModelDatabase } from '../projections/projection.js';
import { READ_MODEL_DB } from '../projections/projections.module.js';
import { StatementCache } from '../projections/statement-cache.js';
import type { TerritoryRef } from '../territory/territory.types.js';
import type { PrioritySites, WhiteZoneKind, WhiteZoneStatus } from './white-zone.decider.js';

export interface WhiteZoneFilter {
  /** A commune, or an enclosing EPCI, département or région. */
  territory?: TerritoryRef;
  kinds?: WhiteZoneKind[];
  statuses?: WhiteZoneStatus[];
  networkProjectId?: string;
}

export interface WhiteZoneRow {
  id: string;
  kind: WhiteZoneKind;
  communeCodes: string[];
  prioritySites: PrioritySites;
  estimatedCost: number | null;
  status: WhiteZoneStatus;
  identifiedOn: string;
  plannedOn: string | null;
  networkProjectId: string | null;
  resolvedOn: string | null;
  revision: number;
}

export interface WhiteZoneTotals {
  zones: number;
  /** Distinct communes with at least one zone. */
  communes: number;
  prioritySites: PrioritySites & { total: number };
  /** Sum of the estimates given; zones without one are counted in `zonesWithoutEstimate`. */
  estimatedCost: number;
  zonesWithoutEstimate: number;
}

interface Stored extends Record<string, unknown> {
  id: string;
  kind: WhiteZoneKind;
  commune_codes: string;
  schools: number;
  public_services: number;
  businesses: number;
  health: number;
  estimated_cost: number | null;
  status: WhiteZoneStatus;
  identified_on: string;
  planned_on: string | null;
  network_project_id: string | null;
  resolved_on: string | null;
  revision: number;
}

/** Queries over the `white_zones` projection; pages keyed on id; totals over the same filter. */
@Injectable()
export class WhiteZonesReadModel {
  private readonly statements: StatementCache;

  constructor(@Inject(READ_MODEL_DB) db: ReadModelDatabase) {
    this.statements = new StatementCache(db);
  }

  byId(id: string): WhiteZoneRow | undefined {
    const row = this.statements.get('SELECT * FROM white_zones WHERE id = ?').get(id) as Stored | undefined;
    return row && toRow(row);
  }

  list(filter: WhiteZoneFilter, first: number, after?: string): Connection<WhiteZoneRow> {
    const { where, params } = conditions(filter);
    return keysetPage(this.statements, { from: 'white_zones', where, params, keys: ['id'] }, { first, after }, toRow);
  }

  totals(filter: WhiteZoneFilter): WhiteZoneTotals {
    const { where, params } = conditions(filter);
    const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    const sums = this.statements
      .get(
        `SELECT count(*) AS zones, COALESCE(sum(schools), 0) AS schools, COALESCE(sum(public_services), 0) AS publicServices, COALESCE(sum(businesses), 0) AS businesses,
           COALESCE(sum(health), 0) AS health, COALESCE(sum(estimated_cost), 0) AS cost, sum(estimated_cost IS NULL) AS unestimated FROM white_zones${clause}`,
      )
      .get(params) as { zones: number; schools: number; publicServices: number; businesses: number; health: number; cost: number; unestimated: number | null };
    const communes = this.statements
      .get(`SELECT count(DISTINCT commune_code) AS n FROM white_zone_communes WHERE zone_id IN (SELECT id FROM white_zones${clause})`)
      .get(params) as { n: number };
    const { schools, publicServices, businesses, health } = sums;
    return {
      zones: sums.zones,
      communes: communes.n,
      prioritySites: { schools, publicServices, businesses, health, total: schools + publicServices + businesses + health },
      estimatedCost: sums.cost,
      zonesWithoutEstimate: sums.unestimated ?? 0,
    };
  }
}

function conditions(filter: WhiteZoneFilter) {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.kinds?.length) where.push(`kind IN (${bindList(params, 'kind', filter.kinds)})`);
  if (filter.statuses?.length) where.push(`status IN (${bindList(params, 'status', filter.statuses)})`);
  if (filter.networkProjectId) where.push('network_project_id = @projectId') && (params.projectId = filter.networkProjectId);
  if (filter.territory) {
    where.push('id IN (SELECT zone_id FROM white_zone_territories WHERE kind = @territoryKind AND code = @territoryCode)');
    params.territoryKind = filter.territory.kind;
    params.territoryCode = filter.territory.code;
  }
  return { where, params };
}

function toRow(row: Stored): WhiteZoneRow {
  return {
    id: row.id,
    kind: row.kind,
    communeCodes: JSON.parse(row.commune_codes) as string[],
    prioritySites: { schools: row.schools, publicServices: row.public_services, businesses: row.businesses, health: row.health },
    estimatedCost: row.estimated_cost,
    status: row.status,
    identifiedOn: row.identified_on,
    plannedOn: row.planned_on,
    networkProjectId: row.network_project_id,
    resolvedOn: row.resolved_on,
    revision: row.revision,
  };
}
