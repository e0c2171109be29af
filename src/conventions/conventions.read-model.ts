import { Inject, Injectable } from '@nestjs/common';
import type { Connection } from '../graphql/pagination.js';
import { bindList, keysetPage } from '../graphql/keyset-page.js';
import type { ReadModelDatabase } from '../projections/projection.js';
import { READ_MODEL_DB } from '../projections/projections.module.js';
import { StatementCache } from '../projections/statement-cache.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import type { TerritoryRef } from '../territory/territory.types.js';
import type { CalendarEntry, ConventionKind, ConventionStatus, CouncilResolution, DefaultStage } from './convention.decider.js';

export interface ConventionFilter {
  kind?: ConventionKind;
  partyId?: string;
  /** A commune, or anything enclosing one (EPCI, département, region). */
  territory?: TerritoryRef;
  statuses?: ConventionStatus[];
}

export interface ConventionRow {
  id: string;
  kind: ConventionKind;
  title: string;
  status: ConventionStatus;
  /** The latest version: the one in force, or the one awaiting signatures. */
  currentVersion: number;
  inForceVersion: number | null;
  scope: string[];
  calendar: CalendarEntry[];
  draftedOn: CalendarDate;
  endsOn: CalendarDate | null;
  endedOn: CalendarDate | null;
  endedReason: string | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface PartyRow {
  actorId: string;
  signaturesRequired: number;
  localAuthority: boolean;
}

export interface SignatureRow {
  version: number;
  partyId: string;
  personId: string;
  title: string;
  place: string;
  signedOn: CalendarDate;
  councilResolution: CouncilResolution | null;
  recordedAt: Date;
}

export interface VersionRow {
  version: number;
  documentHash: string;
  summary: string | null;
  proposedBy: string | null;
  proposedOn: CalendarDate;
  inForceOn: CalendarDate | null;
}

export interface ExpectedSignatureRow {
  partyId: string;
  /** Signatures the party still owes on the version awaiting signatures. */
  missing: number;
}

export interface DefaultRow {
  defaultId: string;
  defaultingPartyId: string;
  description: string;
  notifiedBy: string;
  notifiedOn: CalendarDate;
  stage: DefaultStage;
  referredBy: string | null;
  decisionId: string | null;
  meetingId: string | null;
  resolution: string | null;
}

interface Stored extends Record<string, unknown> {
  id: string;
  kind: ConventionKind;
  title: string;
  status: ConventionStatus;
  current_version: number;
  in_force_version: number | null;
  scope: string;
  calendar: string;
  drafted_on: string;
  ends_on: string | null;
  ended_on: string | null;
  ended_reason: string | null;
  revision: number;
  created_at: string;
  updated_at: string;
}

/** Queries over the `conventions` projection; pages keyed on (drafted_on, id). */
@Injectable()
export class ConventionsReadModel {
  private readonly statements: StatementCache;

  constructor(@Inject(READ_MODEL_DB) db: ReadModelDatabase) {
    this.statements = new StatementCache(db);
  }

  byId(id: string): ConventionRow | undefined {
    const row = this.statements.get('SELECT * FROM conventions WHERE id = ?').get(id) as Stored | undefined;
    return row && toRow(row);
  }

  list(filter: ConventionFilter, first: number, after?: string): Connection<ConventionRow> {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.kind) where.push('kind = @kind') && (params.kind = filter.kind);
    if (filter.statuses?.length) where.push(`status IN (${bindList(params, 'status', filter.statuses)})`);
    if (filter.partyId) {
      where.push('id IN (SELECT convention_id FROM convention_parties WHERE party_id = @partyId)');
      params.partyId = filter.partyId;
    }
    if (filter.territory) {
      where.push('id IN (SELECT convention_id FROM convention_territories WHERE kind = @territoryKind AND code = @territoryCode)');
      params.territoryKind = filter.territory.kind;
      params.territoryCode = filter.territory.code;
    }
    return keysetPage(this.statements, { from: 'conventions', where, params, keys: ['drafted_on', 'id'] }, { first, after }, toRow);
  }

  /** Whether a convention has this party and covers a commune in this territory (each when given): live-update filters. */
  matches(conventionId: string, filter: { partyId?: string; territory?: TerritoryRef }): boolean {
    if (filter.partyId && !this.statements.get('SELECT 1 FROM convention_parties WHERE party_id = ? AND convention_id = ?').get(filter.partyId, conventionId)) {
      return false;
    }
    const { territory } = filter;
    return (
      !territory ||
      this.statements
        .get('SELECT 1 FROM convention_territories WHERE kind = ? AND code = ? AND convention_id = ?')
        .get(territory.kind, territory.code, conventionId) !== undefined
    );
  }

  /** What commitment rules need to know of a convention: undefined when there is none. */
  factsOf(conventionId: string): { status: ConventionStatus; partyIds: string[] } | undefined {
    const convention = this.byId(conventionId);
    return convention && { status: convention.status, partyIds: this.parties(conventionId).map((p) => p.actorId) };
  }

  parties(conventionId: string): PartyRow[] {
    const rows = this.statements
      .get('SELECT party_id, signatures_required, local_authority FROM convention_parties WHERE convention_id = ? ORDER BY position')
      .all(conventionId) as { party_id: string; signatures_required: number; local_authority: number }[];
    return rows.map((r) => ({ actorId: r.party_id, signaturesRequired: r.signatures_required, localAuthority: r.local_authority === 1 }));
  }

  versions(conventionId: string): VersionRow[] {
    const rows = this.statements.get('SELECT * FROM convention_versions WHERE convention_id = ? ORDER BY version').all(conventionId) as {
      version: number;
      document_hash: string;
      summary: string | null;
      proposed_by: string | null;
      proposed_on: string;
      in_force_on: string | null;
    }[];
    return rows.map((r) => ({
      version: r.version,
      documentHash: r.document_hash,
      summary: r.summary,
      proposedBy: r.proposed_by,
      proposedOn: r.proposed_on,
      inForceOn: r.in_force_on,
    }));
  }

  /** Signatures in the order they were recorded; `version` narrows to one version. */
  signatures(conventionId: string, version?: number): SignatureRow[] {
    const rows = (
      version === undefined
        ? this.statements.get('SELECT * FROM convention_signatures WHERE convention_id = ? ORDER BY version, revision').all(conventionId)
        : this.statements.get('SELECT * FROM convention_signatures WHERE convention_id = ? AND version = ? ORDER BY revision').all(conventionId, version)
    ) as {
      version: number;
      party_id: string;
      person_id: string;
      title: string;
      place: string;
      signed_on: string;
      council_resolution: string | null;
      recorded_at: string;
    }[];
    return rows.map((r) => ({
      version: r.version,
      partyId: r.party_id,
      personId: r.person_id,
      title: r.title,
      place: r.place,
      signedOn: r.signed_on,
      councilResolution: r.council_resolution === null ? null : (JSON.parse(r.council_resolution) as CouncilResolution),
      recordedAt: new Date(r.recorded_at),
    }));
  }

  /** Who still has to sign the version awaiting signatures (empty once it is in force or the convention ended). */
  expectedSignatures(convention: ConventionRow): ExpectedSignatureRow[] {
    const awaiting = convention.status === 'draft' || convention.status === 'partially_signed' || convention.status === 'amendment_pending';
    if (!awaiting) return [];
    const rows = this.statements
      .get(
        `SELECT p.party_id, p.signatures_required - (SELECT count(*) FROM convention_signatures s
          WHERE s.convention_id = p.convention_id AND s.version = @version AND s.party_id = p.party_id) AS missing
       FROM convention_parties p WHERE p.convention_id = @id ORDER BY p.position`,
      )
      .all({ id: convention.id, version: convention.currentVersion }) as { party_id: string; missing: number }[];
    return rows.filter((r) => r.missing > 0).map((r) => ({ partyId: r.party_id, missing: r.missing }));
  }

  defaults(conventionId: string): DefaultRow[] {
    const rows = this.statements.get('SELECT * FROM convention_defaults WHERE convention_id = ? ORDER BY notified_on, default_id').all(conventionId) as {
      default_id: string;
      defaulting_party_id: string;
      description: string;
      notified_by: string;
      notified_on: string;
      stage: DefaultStage;
      referred_by: string | null;
      decision_id: string | null;
      meeting_id: string | null;
      resolution: string | null;
    }[];
    return rows.map((r) => ({
      defaultId: r.default_id,
      defaultingPartyId: r.defaulting_party_id,
      description: r.description,
      notifiedBy: r.notified_by,
      notifiedOn: r.notified_on,
      stage: r.stage,
      referredBy: r.referred_by,
      decisionId: r.decision_id,
      meetingId: r.meeting_id,
      resolution: r.resolution,
    }));
  }
}

function toRow(row: Stored): ConventionRow {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    status: row.status,
    currentVersion: row.current_version,
    inForceVersion: row.in_force_version,
    scope: JSON.parse(row.scope) as string[],
    calendar: JSON.parse(row.calendar) as CalendarEntry[],
    draftedOn: row.drafted_on,
    endsOn: row.ends_on,
    endedOn: row.ended_on,
    endedReason: row.ended_reason,
    revision: row.revision,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
