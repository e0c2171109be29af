import { Inject, Injectable } from '@nestjs/common';
import { bindList } from '../graphql/keyset-page.js';
import type { ReadModelDatabase } from '../projections/projection.js';
import { READ_MODEL_DB } from '../projections/projections.module.js';
import { StatementCache } from '../projections/statement-cache.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import type { TerritoryRef } from '../territory/territory.types.js';

/** What a calendar item is about; the ICS CATEGORIES value too. */
export const CALENDAR_ITEM_KINDS = [
  'network_milestone',
  'usage_milestone',
  'commitment_due',
  'convention_signature',
  'convention_in_force',
  'commission_meeting',
] as const;
export type CalendarItemKind = (typeof CALENDAR_ITEM_KINDS)[number];

export interface CalendarItem {
  /** Stable per item across reads and restarts: `<kind>.<record id>[.<detail>]@scoran-ledger`. */
  uid: string;
  date: CalendarDate;
  kind: CalendarItemKind;
  title: string;
  /** The record the date belongs to (project, commitment, convention, meeting) and its event stream. */
  recordId: string;
  streamId: string;
  /** planned | achieved (milestones), due | fulfilled | breached | withdrawn (commitments), signed, in_force, convened | held | closed (meetings). */
  status: string;
  /** `kind:code` of the territories the record is about, e.g. `departement:44`, `commune:44109`. */
  territoryCodes: string[];
  /** When the record last changed (ISO instant): the ICS DTSTAMP, so the same data gives the same bytes. */
  updatedAt: string;
}

/**
 * Which records a territory filter selects, per source. Each feature stores the keys its records
 * are found under (own territories plus every enclosing one), so "on the territory or inside it" is
 * one lookup; network projects are départemental: a region or département filter matches their
 * départements, a commune or EPCI filter none; CCRANT meetings are regional: only a region filter
 * (or none) matches them.
 */
export interface FeedScope {
  territory?: TerritoryRef;
  /** Départements whose network projects are in scope (undefined: all). */
  departements?: readonly string[];
}

/** Rows read per source and range at most; above it the caller asks for a narrower feed. */
export const SOURCE_ROW_CAP = 5000;

export interface UnitFigures {
  usageProjects: number;
  whiteZonesOpen: number;
  whiteZonesResolved: number;
  commitments: number;
  activeCommitments: number;
}

export interface NetworkProjectFigures {
  id: string;
  departementCodes: string[];
  ftthPremisesPlanned: number | null;
  ftthPremisesConnectable: number | null;
}

/**
 * Read-only queries for the calendar and map feeds over the tables the features project
 * (milestones, commitments, conventions, meetings, white zones, indicators). Nothing is written here.
 */
@Injectable()
export class FeedsReadModel {
  private readonly statements: StatementCache;

  constructor(@Inject(READ_MODEL_DB) db: ReadModelDatabase) {
    this.statements = new StatementCache(db);
  }

  /** Every dated item between `from` and `to` (inclusive) in scope, unsorted; at most SOURCE_ROW_CAP + 1 per source. */
  calendarItems(from: CalendarDate, to: CalendarDate, scope: FeedScope): CalendarItem[] {
    return [
      ...this.networkMilestones(from, to, scope),
      ...this.usageMilestones(from, to, scope),
      ...this.commitmentDueDates(from, to, scope),
      ...this.conventionDates(from, to, scope),
      ...this.meetings(from, to, scope),
    ];
  }

  private networkMilestones(from: CalendarDate, to: CalendarDate, scope: FeedScope): CalendarItem[] {
    if (scope.departements?.length === 0) return [];
    const params: Record<string, unknown> = { from, to, cap: SOURCE_ROW_CAP + 1 };
    const where = scope.departements
      ? `AND p.id IN (SELECT project_id FROM network_project_departements WHERE code IN (${bindList(params, 'dep', scope.departements)}))`
      : '';
    const rows = this.statements
      .get(
        `SELECT m.project_id, m.key, m.label, m.status, COALESCE(m.achieved_on, m.planned_date) AS date, p.name, p.departement_codes AS territories, p.updated_at
         FROM network_project_milestones m JOIN network_projects p ON p.id = m.project_id
         WHERE m.status IN ('planned', 'achieved') AND COALESCE(m.achieved_on, m.planned_date) BETWEEN @from AND @to ${where}
         ORDER BY date, m.project_id, m.key LIMIT @cap`,
      )
      .all(params) as MilestoneStored[];
    return rows.map((r) =>
      milestoneItem(
        'network_milestone',
        r,
        `networkProject-${r.project_id}`,
        (JSON.parse(r.territories) as string[]).map((code) => `departement:${code}`),
      ),
    );
  }

  private usageMilestones(from: CalendarDate, to: CalendarDate, scope: FeedScope): CalendarItem[] {
    const params: Record<string, unknown> = { from, to, cap: SOURCE_ROW_CAP + 1 };
    const where = scope.territory ? inTerritory(params, scope.territory, 'p.id', 'usage_project_territories', 'project_id') : '';
    const rows = this.statements
      .get(
        `SELECT m.project_id, m.key, m.label, m.status, COALESCE(m.achieved_on, m.planned_date) AS date, p.title AS name, p.territories, p.updated_at
         FROM usage_project_milestones m JOIN usage_projects p ON p.id = m.project_id
         WHERE m.status IN ('planned', 'achieved') AND COALESCE(m.achieved_on, m.planned_date) BETWEEN @from AND @to ${where}
         ORDER BY date, m.project_id, m.key LIMIT @cap`,
      )
      .all(params) as MilestoneStored[];
    return rows.map((r) => milestoneItem('usage_milestone', r, `usageProject-${r.project_id}`, refCodes(r.territories)));
  }

  private commitmentDueDates(from: CalendarDate, to: CalendarDate, scope: FeedScope): CalendarItem[] {
    const params: Record<string, unknown> = { from, to, cap: SOURCE_ROW_CAP + 1 };
    const where = scope.territory ? inTerritory(params, scope.territory, 'id', 'commitment_territories', 'commitment_id') : '';
    const rows = this.statements
      .get(
        `SELECT id, title, status, due_date, committing_actor_id, territories, updated_at FROM commitments WHERE due_date BETWEEN @from AND @to ${where} ORDER BY due_date, id LIMIT @cap`,
      )
      .all(params) as { id: string; title: string; status: string; due_date: string; committing_actor_id: string; territories: string; updated_at: string }[];
    return rows.map((r) => ({
      uid: `commitment_due.${r.id}@scoran-ledger`,
      date: r.due_date,
      kind: 'commitment_due' as const,
      title: `Due: ${r.title} (${r.committing_actor_id})`,
      recordId: r.id,
      streamId: `commitment-${r.id}`,
      status: r.status === 'active' ? 'due' : r.status,
      territoryCodes: refCodes(r.territories),
      updatedAt: r.updated_at,
    }));
  }

  private conventionDates(from: CalendarDate, to: CalendarDate, scope: FeedScope): CalendarItem[] {
    const params: Record<string, unknown> = { from, to, cap: SOURCE_ROW_CAP + 1 };
    const where = scope.territory ? inTerritory(params, scope.territory, 'c.id', 'convention_territories', 'convention_id') : '';
    const signatures = this.statements
      .get(
        `SELECT c.id, c.title AS convention, c.scope, s.version, s.revision, s.party_id, s.title, s.place, s.signed_on, s.recorded_at
         FROM convention_signatures s JOIN conventions c ON c.id = s.convention_id
         WHERE s.signed_on BETWEEN @from AND @to ${where} ORDER BY s.signed_on, c.id, s.version, s.revision LIMIT @cap`,
      )
      .all(params) as {
      id: string;
      convention: string;
      scope: string;
      version: number;
      revision: number;
      party_id: string;
      title: string;
      place: string;
      signed_on: string;
      recorded_at: string;
    }[];
    const inForce = this.statements
      .get(
        `SELECT c.id, c.title AS convention, c.scope, v.version, v.in_force_on, c.updated_at
         FROM convention_versions v JOIN conventions c ON c.id = v.convention_id
         WHERE v.in_force_on BETWEEN @from AND @to ${where} ORDER BY v.in_force_on, c.id, v.version LIMIT @cap`,
      )
      .all(params) as { id: string; convention: string; scope: string; version: number; in_force_on: string; updated_at: string }[];
    const communes = (scope: string) => (JSON.parse(scope) as string[]).map((code) => `commune:${code}`);
    return [
      ...signatures.map((r) => ({
        uid: `convention_signature.${r.id}.v${r.version}.${r.revision}@scoran-ledger`,
        date: r.signed_on,
        kind: 'convention_signature' as const,
        title: `Signed: ${r.convention} (version ${r.version}) by ${r.party_id}, ${r.title}, at ${r.place}`,
        recordId: r.id,
        streamId: `convention-${r.id}`,
        status: 'signed',
        territoryCodes: communes(r.scope),
        updatedAt: r.recorded_at,
      })),
      ...inForce.map((r) => ({
        uid: `convention_in_force.${r.id}.v${r.version}@scoran-ledger`,
        date: r.in_force_on,
        kind: 'convention_in_force' as const,
        title: `In force: ${r.convention} (version ${r.version})`,
        recordId: r.id,
        streamId: `convention-${r.id}`,
        status: 'in_force',
        territoryCodes: communes(r.scope),
        updatedAt: r.updated_at,
      })),
    ];
  }

  private meetings(from: CalendarDate, to: CalendarDate, scope: FeedScope): CalendarItem[] {
    if (scope.territory && scope.territory.kind !== 'region') return [];
    const params: Record<string, unknown> = { from, to, cap: SOURCE_ROW_CAP + 1 };
    const where = scope.territory ? 'AND region_code = @region' : '';
    if (scope.territory) params.region = scope.territory.code;
    const rows = this.statements
      .get(`SELECT id, region_code, date, place, status, updated_at FROM meetings WHERE date BETWEEN @from AND @to ${where} ORDER BY date, id LIMIT @cap`)
      .all(params) as { id: string; region_code: string; date: string; place: string; status: string; updated_at: string }[];
    return rows.map((r) => ({
      uid: `commission_meeting.${r.id}@scoran-ledger`,
      date: r.date,
      kind: 'commission_meeting' as const,
      title: `CCRANT meeting (region ${r.region_code}) at ${r.place}`,
      recordId: r.id,
      streamId: `meeting-${r.id}`,
      status: r.status,
      territoryCodes: [`region:${r.region_code}`],
      updatedAt: r.updated_at,
    }));
  }

  /** Per unit code (communes or départements, `level`), the records found under it. Units with none are absent. */
  unitFigures(level: 'commune' | 'departement', codes: readonly string[]): Map<string, UnitFigures> {
    const figures = new Map<string, UnitFigures>();
    const of = (code: string) => {
      let f = figures.get(code);
      if (!f) figures.set(code, (f = { usageProjects: 0, whiteZonesOpen: 0, whiteZonesResolved: 0, commitments: 0, activeCommitments: 0 }));
      return f;
    };
    if (codes.length === 0) return figures;
    const params: Record<string, unknown> = { level };
    const list = bindList(params, 'unit', [...codes]);
    for (const r of this.statements
      .get(`SELECT code, count(*) AS n FROM usage_project_territories WHERE kind = @level AND code IN (${list}) GROUP BY code`)
      .all(params) as { code: string; n: number }[]) {
      of(r.code).usageProjects = r.n;
    }
    for (const r of this.statements
      .get(
        `SELECT t.code, sum(z.status <> 'resolved') AS open, sum(z.status = 'resolved') AS resolved
         FROM white_zone_territories t JOIN white_zones z ON z.id = t.zone_id WHERE t.kind = @level AND t.code IN (${list}) GROUP BY t.code`,
      )
      .all(params) as { code: string; open: number; resolved: number }[]) {
      Object.assign(of(r.code), { whiteZonesOpen: r.open, whiteZonesResolved: r.resolved });
    }
    for (const r of this.statements
      .get(
        `SELECT t.code, count(*) AS n, sum(c.status = 'active') AS active
         FROM commitment_territories t JOIN commitments c ON c.id = t.commitment_id WHERE t.kind = @level AND t.code IN (${list}) GROUP BY t.code`,
      )
      .all(params) as { code: string; n: number; active: number }[]) {
      Object.assign(of(r.code), { commitments: r.n, activeCommitments: r.active });
    }
    return figures;
  }

  /** Network projects (not abandoned) on any of these départements, with their latest FttH premises figures. */
  networkProjectsOn(departements: readonly string[]): NetworkProjectFigures[] {
    if (departements.length === 0) return [];
    const params: Record<string, unknown> = {};
    const rows = this.statements
      .get(
        `SELECT p.id, p.departement_codes,
           (SELECT figures FROM network_indicator_reports r WHERE r.project_id = p.id ORDER BY revision DESC LIMIT 1) AS figures
         FROM network_projects p
         WHERE p.status <> 'abandoned' AND p.id IN (SELECT project_id FROM network_project_departements WHERE code IN (${bindList(params, 'dep', [...departements])}))
         ORDER BY p.id`,
      )
      .all(params) as { id: string; departement_codes: string; figures: string | null }[];
    return rows.map((r) => {
      const figures = r.figures === null ? {} : (JSON.parse(r.figures) as { ftthPremisesPlanned?: number | null; ftthPremisesConnectable?: number | null });
      return {
        id: r.id,
        departementCodes: JSON.parse(r.departement_codes) as string[],
        ftthPremisesPlanned: figures.ftthPremisesPlanned ?? null,
        ftthPremisesConnectable: figures.ftthPremisesConnectable ?? null,
      };
    });
  }
}

interface MilestoneStored {
  project_id: string;
  key: string;
  label: string;
  status: 'planned' | 'achieved';
  date: string;
  name: string;
  territories: string;
  updated_at: string;
}

function milestoneItem(kind: 'network_milestone' | 'usage_milestone', r: MilestoneStored, streamId: string, territoryCodes: string[]): CalendarItem {
  return {
    uid: `${kind}.${r.project_id}.${r.key}@scoran-ledger`,
    date: r.date,
    kind,
    title: `${r.name}: ${r.label}${r.status === 'achieved' ? '' : ' (planned)'}`,
    recordId: r.project_id,
    streamId,
    status: r.status,
    territoryCodes,
    updatedAt: r.updated_at,
  };
}

function refCodes(json: string): string[] {
  return (JSON.parse(json) as TerritoryRef[]).map((t) => `${t.kind}:${t.code}`);
}

function inTerritory(params: Record<string, unknown>, territory: TerritoryRef, column: string, table: string, idColumn: string): string {
  params.territoryKind = territory.kind;
  params.territoryCode = territory.code;
  return `AND ${column} IN (SELECT ${idColumn} FROM ${table} WHERE kind = @territoryKind AND code = @territoryCode)`;
}
