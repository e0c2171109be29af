import { Inject, Injectable } from '@nestjs/common';
import { bindList } from '../graphql/keyset-page.js';
import type { ReadModelDatabase } from '../projections/projection.js';
import { READ_MODEL_DB } from '../projections/projections.module.js';
import { StatementCache } from '../projections/statement-cache.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import type { TerritoryRef } from '../territory/territory.types.js';
import type { FeedSource } from './feeds.projection.js';

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

/** What a dated item says, by kind, for its title in the reader's language (feed-titles.ts). */
export type CalendarSubject =
  | { kind: 'network_milestone' | 'usage_milestone'; project: string; milestone: string; achieved: boolean }
  | { kind: 'commitment_due'; commitment: string; committingActorId: string }
  | { kind: 'convention_signature'; convention: string; version: number; partyId: string; signatoryTitle: string; place: string }
  | { kind: 'convention_in_force'; convention: string; version: number }
  | { kind: 'commission_meeting'; regionCode: string; place: string };

/** A dated item as the read model finds it: its title is written by the caller, in a language. */
export interface DatedItem {
  /** Stable per item across reads and restarts: `<kind>.<record id>[.<detail>]@scoran-ledger`. */
  uid: string;
  date: CalendarDate;
  kind: CalendarItemKind;
  subject: CalendarSubject;
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

/** A dated item with its title. */
export type CalendarItem = Omit<DatedItem, 'subject'> & { title: string };

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
 * Read-only queries for the calendar and map feeds over the feeds' own tables (feeds.projection.ts),
 * never another feature's. Nothing is written here.
 */
@Injectable()
export class FeedsReadModel {
  private readonly statements: StatementCache;

  constructor(@Inject(READ_MODEL_DB) db: ReadModelDatabase) {
    this.statements = new StatementCache(db);
  }

  /** Every dated item between `from` and `to` (inclusive) in scope, unsorted; at most SOURCE_ROW_CAP + 1 per source. */
  calendarItems(from: CalendarDate, to: CalendarDate, scope: FeedScope): DatedItem[] {
    return [
      ...this.milestones('network', from, to, scope),
      ...this.milestones('usage', from, to, scope),
      ...this.commitmentDueDates(from, to, scope),
      ...this.conventionDates(from, to, scope),
      ...this.meetings(from, to, scope),
    ];
  }

  private milestones(kind: 'network' | 'usage', from: CalendarDate, to: CalendarDate, scope: FeedScope): DatedItem[] {
    const params: Record<string, unknown> = { kind, from, to, cap: SOURCE_ROW_CAP + 1 };
    let where = '';
    if (kind === 'network' && scope.departements) {
      if (scope.departements.length === 0) return [];
      where = `AND p.id IN (SELECT record_id FROM feed_territory_keys WHERE source = 'network_project' AND kind = 'departement' AND code IN (${bindList(params, 'dep', scope.departements)}))`;
    }
    if (kind === 'usage' && scope.territory) where = inTerritory(params, scope.territory, 'p.id', 'usage_project');
    const rows = this.statements
      .get(
        `SELECT m.project_id, m.key, m.label, m.status, COALESCE(m.achieved_on, m.planned_date) AS date, p.name, p.territory_codes, p.updated_at
         FROM feed_milestones m JOIN feed_projects p ON p.kind = m.project_kind AND p.id = m.project_id
         WHERE m.project_kind = @kind AND m.status IN ('planned', 'achieved') AND COALESCE(m.achieved_on, m.planned_date) BETWEEN @from AND @to ${where}
         ORDER BY date, m.project_id, m.key LIMIT @cap`,
      )
      .all(params) as MilestoneStored[];
    const itemKind = kind === 'network' ? 'network_milestone' : 'usage_milestone';
    return rows.map((r) => ({
      uid: `${itemKind}.${r.project_id}.${r.key}@scoran-ledger`,
      date: r.date,
      kind: itemKind,
      subject: { kind: itemKind, project: r.name, milestone: r.label, achieved: r.status === 'achieved' },
      recordId: r.project_id,
      streamId: `${kind === 'network' ? 'networkProject' : 'usageProject'}-${r.project_id}`,
      status: r.status,
      territoryCodes: JSON.parse(r.territory_codes) as string[],
      updatedAt: r.updated_at,
    }));
  }

  private commitmentDueDates(from: CalendarDate, to: CalendarDate, scope: FeedScope): DatedItem[] {
    const params: Record<string, unknown> = { from, to, cap: SOURCE_ROW_CAP + 1 };
    const where = scope.territory ? inTerritory(params, scope.territory, 'id', 'commitment') : '';
    const rows = this.statements
      .get(
        `SELECT id, title, status, due_date, committing_actor_id, territory_codes, updated_at FROM feed_commitments
         WHERE due_date BETWEEN @from AND @to ${where} ORDER BY due_date, id LIMIT @cap`,
      )
      .all(params) as {
      id: string;
      title: string;
      status: string;
      due_date: string;
      committing_actor_id: string;
      territory_codes: string;
      updated_at: string;
    }[];
    return rows.map((r) => ({
      uid: `commitment_due.${r.id}@scoran-ledger`,
      date: r.due_date,
      kind: 'commitment_due' as const,
      subject: { kind: 'commitment_due' as const, commitment: r.title, committingActorId: r.committing_actor_id },
      recordId: r.id,
      streamId: `commitment-${r.id}`,
      status: r.status === 'active' ? 'due' : r.status,
      territoryCodes: JSON.parse(r.territory_codes) as string[],
      updatedAt: r.updated_at,
    }));
  }

  private conventionDates(from: CalendarDate, to: CalendarDate, scope: FeedScope): DatedItem[] {
    const params: Record<string, unknown> = { from, to, cap: SOURCE_ROW_CAP + 1 };
    const where = scope.territory ? inTerritory(params, scope.territory, 'c.id', 'convention') : '';
    const signatures = this.statements
      .get(
        `SELECT c.id, c.title AS convention, c.scope, s.version, s.revision, s.party_id, s.title, s.place, s.signed_on, s.recorded_at
         FROM feed_signatures s JOIN feed_conventions c ON c.id = s.convention_id
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
         FROM feed_convention_versions v JOIN feed_conventions c ON c.id = v.convention_id
         WHERE v.in_force_on BETWEEN @from AND @to ${where} ORDER BY v.in_force_on, c.id, v.version LIMIT @cap`,
      )
      .all(params) as { id: string; convention: string; scope: string; version: number; in_force_on: string; updated_at: string }[];
    const communes = (scope: string) => (JSON.parse(scope) as string[]).map((code) => `commune:${code}`);
    return [
      ...signatures.map((r) => ({
        uid: `convention_signature.${r.id}.v${r.version}.${r.revision}@scoran-ledger`,
        date: r.signed_on,
        kind: 'convention_signature' as const,
        subject: {
          kind: 'convention_signature' as const,
          convention: r.convention,
          version: r.version,
          partyId: r.party_id,
          signatoryTitle: r.title,
          place: r.place,
        },
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
        subject: { kind: 'convention_in_force' as const, convention: r.convention, version: r.version },
        recordId: r.id,
        streamId: `convention-${r.id}`,
        status: 'in_force',
        territoryCodes: communes(r.scope),
        updatedAt: r.updated_at,
      })),
    ];
  }

  private meetings(from: CalendarDate, to: CalendarDate, scope: FeedScope): DatedItem[] {
    if (scope.territory && scope.territory.kind !== 'region') return [];
    const params: Record<string, unknown> = { from, to, cap: SOURCE_ROW_CAP + 1 };
    const where = scope.territory ? 'AND region_code = @region' : '';
    if (scope.territory) params.region = scope.territory.code;
    const rows = this.statements
      .get(`SELECT id, region_code, date, place, status, updated_at FROM feed_meetings WHERE date BETWEEN @from AND @to ${where} ORDER BY date, id LIMIT @cap`)
      .all(params) as { id: string; region_code: string; date: string; place: string; status: string; updated_at: string }[];
    return rows.map((r) => ({
      uid: `commission_meeting.${r.id}@scoran-ledger`,
      date: r.date,
      kind: 'commission_meeting' as const,
      subject: { kind: 'commission_meeting' as const, regionCode: r.region_code, place: r.place },
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
      .get(`SELECT code, count(*) AS n FROM feed_territory_keys WHERE source = 'usage_project' AND kind = @level AND code IN (${list}) GROUP BY code`)
      .all(params) as { code: string; n: number }[]) {
      of(r.code).usageProjects = r.n;
    }
    for (const r of this.statements
      .get(
        `SELECT t.code, sum(z.status <> 'resolved') AS open, sum(z.status = 'resolved') AS resolved
         FROM feed_territory_keys t JOIN feed_white_zones z ON z.id = t.record_id
         WHERE t.source = 'white_zone' AND t.kind = @level AND t.code IN (${list}) GROUP BY t.code`,
      )
      .all(params) as { code: string; open: number; resolved: number }[]) {
      Object.assign(of(r.code), { whiteZonesOpen: r.open, whiteZonesResolved: r.resolved });
    }
    for (const r of this.statements
      .get(
        `SELECT t.code, count(*) AS n, sum(c.status = 'active') AS active
         FROM feed_territory_keys t JOIN feed_commitments c ON c.id = t.record_id
         WHERE t.source = 'commitment' AND t.kind = @level AND t.code IN (${list}) GROUP BY t.code`,
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
        `SELECT id, departement_codes, ftth_planned, ftth_connectable FROM feed_projects
         WHERE kind = 'network' AND status <> 'abandoned'
           AND id IN (SELECT record_id FROM feed_territory_keys WHERE source = 'network_project' AND kind = 'departement' AND code IN (${bindList(params, 'dep', [...departements])}))
         ORDER BY id`,
      )
      .all(params) as { id: string; departement_codes: string; ftth_planned: number | null; ftth_connectable: number | null }[];
    return rows.map((r) => ({
      id: r.id,
      departementCodes: JSON.parse(r.departement_codes) as string[],
      ftthPremisesPlanned: r.ftth_planned,
      ftthPremisesConnectable: r.ftth_connectable,
    }));
  }
}

interface MilestoneStored {
  project_id: string;
  key: string;
  label: string;
  status: 'planned' | 'achieved';
  date: string;
  name: string;
  territory_codes: string;
  updated_at: string;
}

function inTerritory(params: Record<string, unknown>, territory: TerritoryRef, column: string, source: FeedSource): string {
  params.territoryKind = territory.kind;
  params.territoryCode = territory.code;
  params.source = source;
  return `AND ${column} IN (SELECT record_id FROM feed_territory_keys WHERE source = @source AND kind = @territoryKind AND code = @territoryCode)`;
}
