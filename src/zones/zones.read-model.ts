import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { commitmentHealth } from '../commitments/commitment-health.js';
import type { CommitmentStatus } from '../commitments/commitment.decider.js';
import { bindList } from '../graphql/keyset-page.js';
import type { ReadModelDatabase } from '../projections/projection.js';
import { READ_MODEL_DB } from '../projections/projections.module.js';
import { StatementCache } from '../projections/statement-cache.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import type { DeploymentZone, ZoneAssignment } from './commune-zone.decider.js';
import type { CommuneCommitmentEnd, LegalBasis } from './operator-commitments.decider.js';
import type { CommuneFacts } from './regulator-quarter.decider.js';

/** Where the map or the standings look: one of these, or the whole record. */
export interface ZoneArea {
  communeCodes?: string[];
  departement?: string;
  region?: string;
}

export interface CommuneZoneRow extends ZoneAssignment {
  communeCode: string;
  reason: string | null;
  departement: string | null;
}

export interface CoverageFigures {
  quarter: string;
  asOf: CalendarDate;
  connectable: number;
  premisesEstimate: number;
  /** connectable / premisesEstimate, in %, two decimals; null when the estimate is 0. */
  coverageRate: number | null;
}

export interface ZoneMapRow extends CommuneZoneRow {
  coverage: CoverageFigures | null;
}

export interface OperatorCommitmentSetRow {
  id: string;
  reference: string;
  operatorId: string;
  legalBasis: LegalBasis;
  madeOn: CalendarDate;
  revision: number;
}

export interface CommuneCommitmentRow {
  setId: string;
  communeCode: string;
  commitmentId: string;
  premises: number;
  dueDate: CalendarDate;
  departement: string | null;
  ended: CommuneCommitmentEnd | null;
  endedOn: CalendarDate | null;
}

/** Health for an active commitment; otherwise how it ended. */
export type CommitmentStanding = 'on_track' | 'at_risk' | 'late' | 'breached' | 'fulfilled' | 'withdrawn';

export interface StandingFilter extends ZoneArea {
  operatorId?: string;
  zones?: DeploymentZone[];
  legalBases?: LegalBasis[];
  standings?: CommitmentStanding[];
}

export interface OperatorCommitmentStandingRow extends CommuneCommitmentRow {
  reference: string;
  operatorId: string;
  legalBasis: LegalBasis;
  madeOn: CalendarDate;
  /** The commune's zone today (null: none recorded any more). */
  zone: DeploymentZone | null;
  standing: CommitmentStanding;
  /** The latest value reported on the commitment (regulator data or other). */
  currentValue: number | null;
  currentAsOf: CalendarDate | null;
  /** Premises still to make connectable: target − current value, at least 0. */
  shortfall: number;
  /** Days past the due date today (0 when not yet due). */
  daysLate: number;
  coverage: CoverageFigures | null;
}

export interface QuarterTrendRow {
  quarter: string;
  asOf: CalendarDate;
  onTrack: number;
  atRisk: number;
  late: number;
  /** Premises missing on the commitments late at that quarter's end. */
  lateShortfall: number;
}

interface StoredZone {
  commune_code: string;
  effective_from: string;
  zone: DeploymentZone;
  operator_id: string | null;
  network_project_id: string | null;
  reason: string | null;
  departement: string | null;
}

interface StoredFigure {
  commune_code: string;
  quarter: string;
  as_of: string;
  connectable: number;
  premises_estimate: number;
}

interface StoredStanding {
  set_id: string;
  commune_code: string;
  commitment_id: string;
  premises: number;
  due_date: string;
  departement: string | null;
  ended: CommuneCommitmentEnd | null;
  ended_on: string | null;
  reference: string;
  operator_id: string;
  legal_basis: LegalBasis;
  made_on: string;
  status: CommitmentStatus | null;
  current_value: number | null;
  current_as_of: string | null;
}

/** The zone in force on a day: the last one that took effect on or before it. */
const ZONE_AS_OF = `SELECT z.* FROM commune_zones z WHERE z.effective_from = (
  SELECT max(effective_from) FROM commune_zones y WHERE y.commune_code = z.commune_code AND y.effective_from <= @asOf)`;

/** The last figures published on or before a day. */
const FIGURES_AS_OF = `SELECT f.* FROM regulator_figures f WHERE f.quarter = (
  SELECT max(quarter) FROM regulator_figures g WHERE g.commune_code = f.commune_code AND g.as_of <= @asOf)`;

@Injectable()
export class ZonesReadModel {
  private readonly statements: StatementCache;

  constructor(
    @Inject(READ_MODEL_DB) db: ReadModelDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.statements = new StatementCache(db);
  }

  zoneOf(communeCode: string, asOf: CalendarDate): CommuneZoneRow | undefined {
    const row = this.statements.get(`${ZONE_AS_OF} AND z.commune_code = @code`).get({ asOf, code: communeCode }) as StoredZone | undefined;
    return row && toZone(row);
  }

  zoneHistory(communeCode: string): CommuneZoneRow[] {
    return (this.statements.get('SELECT * FROM commune_zones WHERE commune_code = ? ORDER BY effective_from').all(communeCode) as StoredZone[]).map(toZone);
  }

  /** Each commune's zone on a day, with the regulator's last figures by then; by commune code. */
  zoneMap(area: ZoneArea, asOf: CalendarDate, zones?: DeploymentZone[]): ZoneMapRow[] {
    const params: Record<string, unknown> = { asOf };
    const where = areaConditions(area, params, 'z.');
    if (zones?.length) where.push(`z.zone IN (${bindList(params, 'zone', zones)})`);
    const rows = this.statements.get(`${ZONE_AS_OF}${where.map((w) => ` AND ${w}`).join('')} ORDER BY z.commune_code`).all(params) as StoredZone[];
    const figures = this.figuresAsOf(asOf);
    return rows.map((row) => ({ ...toZone(row), coverage: figures.get(row.commune_code) ?? null }));
  }

  figuresAsOf(asOf: CalendarDate): Map<string, CoverageFigures> {
    const rows = this.statements.get(FIGURES_AS_OF).all({ asOf }) as StoredFigure[];
    return new Map(rows.map((f) => [f.commune_code, toCoverage(f)]));
  }

  /** Every quarter's figures of a commune, oldest first (the best estimate's changes included). */
  figuresOf(communeCode: string): CoverageFigures[] {
    return (this.statements.get('SELECT * FROM regulator_figures WHERE commune_code = ? ORDER BY quarter').all(communeCode) as StoredFigure[]).map(toCoverage);
  }

  set(id: string): OperatorCommitmentSetRow | undefined {
    const row = this.statements.get('SELECT * FROM operator_commitment_sets WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row && toSet(row);
  }

  sets(operatorId?: string): OperatorCommitmentSetRow[] {
    const rows = operatorId
      ? this.statements.get('SELECT * FROM operator_commitment_sets WHERE operator_id = ? ORDER BY made_on, id').all(operatorId)
      : this.statements.get('SELECT * FROM operator_commitment_sets ORDER BY made_on, id').all();
    return (rows as Record<string, unknown>[]).map(toSet);
  }

  communesOfSet(setId: string): CommuneCommitmentRow[] {
    return (this.statements.get('SELECT * FROM operator_commitment_communes WHERE set_id = ? ORDER BY commune_code').all(setId) as StoredStanding[]).map(
      toCommune,
    );
  }

  /** The commune's operator commitments not ended by an amendment or a change of zone. */
  openCommitmentsOn(communeCode: string): CommuneCommitmentRow[] {
    return (
      this.statements
        .get('SELECT * FROM operator_commitment_communes WHERE commune_code = ? AND ended IS NULL ORDER BY set_id')
        .all(communeCode) as StoredStanding[]
    ).map(toCommune);
  }

  /** Whether a regulator file was recorded by this command (a retry then completes its consequences). */
  fileRecordedBy(commandId: string): boolean {
    return this.statements.get('SELECT 1 FROM regulator_files WHERE command_id = ?').get(commandId) !== undefined;
  }

  quarters(): { quarter: string; asOf: CalendarDate; source: string; communes: number }[] {
    return this.statements
      .get(
        `SELECT quarter, min(as_of) AS asOf, group_concat(source, ', ') AS source, sum(communes) AS communes FROM regulator_files GROUP BY quarter ORDER BY quarter`,
      )
      .all() as {
      quarter: string;
      asOf: CalendarDate;
      source: string;
      communes: number;
    }[];
  }

  /** What the regulator file check needs about each commune; `known` is the geography's, given by the caller. */
  communeFacts(quarter: string, communeCodes: string[], known: (code: string) => boolean): Record<string, CommuneFacts> {
    const before = this.statements.get('SELECT * FROM regulator_figures WHERE commune_code = ? AND quarter < ? ORDER BY quarter DESC LIMIT 1');
    const after = this.statements.get('SELECT * FROM regulator_figures WHERE commune_code = ? AND quarter > ? ORDER BY quarter LIMIT 1');
    const open = this.statements.get('SELECT 1 FROM operator_commitment_communes WHERE commune_code = ? AND ended IS NULL LIMIT 1');
    const same = this.statements.get('SELECT 1 FROM regulator_figures WHERE commune_code = ? AND quarter = ?');
    const figure = (row: StoredFigure | undefined) =>
      row ? { quarter: row.quarter, communeCode: row.commune_code, connectable: row.connectable, premisesEstimate: row.premises_estimate } : null;
    const facts: Record<string, CommuneFacts> = {};
    for (const code of new Set(communeCodes)) {
      facts[code] = {
        known: known(code),
        recordedThisQuarter: same.get(code, quarter) !== undefined,
        committed: open.get(code) !== undefined,
        before: figure(before.get(code, quarter) as StoredFigure | undefined),
        after: figure(after.get(code, quarter) as StoredFigure | undefined),
      };
    }
    return facts;
  }

  /** Every operator commune commitment with its standing today, worst first (late by shortfall, then at risk…). */
  standings(filter: StandingFilter, today: CalendarDate): OperatorCommitmentStandingRow[] {
    const params: Record<string, unknown> = { asOf: today };
    const where = areaConditions(filter, params, 'c.');
    if (filter.operatorId) where.push('s.operator_id = @operatorId') && (params.operatorId = filter.operatorId);
    if (filter.legalBases?.length) where.push(`s.legal_basis IN (${bindList(params, 'basis', filter.legalBases)})`);
    const rows = this.statements
      .get(
        `SELECT c.*, s.reference, s.operator_id, s.legal_basis, s.made_on, m.status, m.current_value, m.current_as_of
         FROM operator_commitment_communes c JOIN operator_commitment_sets s ON s.id = c.set_id LEFT JOIN commitments m ON m.id = c.commitment_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.commune_code, c.set_id`,
      )
      .all(params) as StoredStanding[];
    const zones = new Map((this.statements.get(ZONE_AS_OF).all({ asOf: today }) as StoredZone[]).map((z) => [z.commune_code, z.zone]));
    const figures = this.figuresAsOf(today);
    const threshold = this.config.commitments.atRiskThreshold;
    const result = rows
      .map((row): OperatorCommitmentStandingRow => {
        const value = row.current_value;
        const standing: CommitmentStanding =
          row.status === 'active' || row.status === null
            ? commitmentHealth({ madeOn: row.made_on, dueDate: row.due_date, target: row.premises, value }, today, threshold)
            : row.status;
        return {
          ...toCommune(row),
          reference: row.reference,
          operatorId: row.operator_id,
          legalBasis: row.legal_basis,
          madeOn: row.made_on,
          zone: zones.get(row.commune_code) ?? null,
          standing,
          currentValue: value,
          currentAsOf: row.current_as_of,
          shortfall: Math.max(0, row.premises - (value ?? 0)),
          daysLate: row.due_date < today ? Math.round((Date.parse(today) - Date.parse(row.due_date)) / 86_400_000) : 0,
          coverage: figures.get(row.commune_code) ?? null,
        };
      })
      .filter(
        (row) =>
          (!filter.zones?.length || (row.zone !== null && filter.zones.includes(row.zone))) &&
          (!filter.standings?.length || filter.standings.includes(row.standing)),
      );
    const rank: Record<CommitmentStanding, number> = { breached: 0, late: 1, at_risk: 2, on_track: 3, fulfilled: 4, withdrawn: 5 };
    return result.sort((a, b) => rank[a.standing] - rank[b.standing] || b.shortfall - a.shortfall || (a.communeCode < b.communeCode ? -1 : 1));
  }

  /**
   * The standing of the same commitments at the end of each quarter the regulator published, from
   * its figures then: how many were on track, at risk or late, and the premises the late ones missed.
   */
  trend(filter: StandingFilter, today: CalendarDate, known?: OperatorCommitmentStandingRow[]): QuarterTrendRow[] {
    const commitments = known ?? this.standings({ ...filter, standings: undefined }, today);
    const threshold = this.config.commitments.atRiskThreshold;
    const figures = this.statements.get('SELECT * FROM regulator_figures ORDER BY quarter').all() as StoredFigure[];
    const byCommune = new Map<string, StoredFigure[]>();
    for (const f of figures) {
      const list = byCommune.get(f.commune_code);
      if (list) list.push(f);
      else byCommune.set(f.commune_code, [f]);
    }
    return this.quarters().map(({ quarter, asOf }) => {
      const row: QuarterTrendRow = { quarter, asOf, onTrack: 0, atRisk: 0, late: 0, lateShortfall: 0 };
      for (const c of commitments) {
        if (c.madeOn > asOf || (c.endedOn !== null && c.endedOn <= asOf)) continue;
        const value = (byCommune.get(c.communeCode) ?? []).filter((f) => f.quarter <= quarter).at(-1)?.connectable ?? null;
        if (value !== null && value >= c.premises) {
          row.onTrack++;
          continue;
        }
        const health = commitmentHealth({ madeOn: c.madeOn, dueDate: c.dueDate, target: c.premises, value }, asOf, threshold);
        if (health === 'late') {
          row.late++;
          row.lateShortfall += c.premises - (value ?? 0);
        } else if (health === 'at_risk') row.atRisk++;
        else row.onTrack++;
      }
      return row;
    });
  }
}

function areaConditions(area: ZoneArea, params: Record<string, unknown>, prefix: string): string[] {
  const where: string[] = [];
  if (area.communeCodes) where.push(`${prefix}commune_code IN (${area.communeCodes.length ? bindList(params, 'commune', area.communeCodes) : 'NULL'})`);
  if (area.departement) where.push(`${prefix}departement = @departement`) && (params.departement = area.departement);
  if (area.region) {
    // Communes carry their département; the région is reached through it.
    where.push(`${prefix}commune_code IN (SELECT commune_code FROM commune_zones WHERE region = @region)`);
    params.region = area.region;
  }
  return where;
}

function toZone(row: StoredZone): CommuneZoneRow {
  return {
    communeCode: row.commune_code,
    zone: row.zone,
    operatorId: row.operator_id,
    networkProjectId: row.network_project_id,
    effectiveFrom: row.effective_from,
    reason: row.reason,
    departement: row.departement,
  };
}

function toCoverage(f: StoredFigure): CoverageFigures {
  return {
    quarter: f.quarter,
    asOf: f.as_of,
    connectable: f.connectable,
    premisesEstimate: f.premises_estimate,
    coverageRate: f.premises_estimate > 0 ? Math.round((f.connectable / f.premises_estimate) * 10_000) / 100 : null,
  };
}

function toSet(row: Record<string, unknown>): OperatorCommitmentSetRow {
  return {
    id: row.id as string,
    reference: row.reference as string,
    operatorId: row.operator_id as string,
    legalBasis: row.legal_basis as LegalBasis,
    madeOn: row.made_on as string,
    revision: row.revision as number,
  };
}

function toCommune(row: StoredStanding): CommuneCommitmentRow {
  return {
    setId: row.set_id,
    communeCode: row.commune_code,
    commitmentId: row.commitment_id,
    premises: row.premises,
    dueDate: row.due_date,
    departement: row.departement,
    ended: row.ended,
    endedOn: row.ended_on,
  };
}
