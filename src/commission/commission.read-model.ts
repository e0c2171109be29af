import { Inject, Injectable } from '@nestjs/common';
import type { Connection } from '../graphql/pagination.js';
import { bindList, keysetPage } from '../graphql/keyset-page.js';
import type { ReadModelDatabase } from '../projections/projection.js';
import { READ_MODEL_DB } from '../projections/projections.module.js';
import { StatementCache } from '../projections/statement-cache.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import type { Commission } from './commission.decider.js';
import type { AgendaItem, Attendance, DecisionData, DecisionKind, DecisionOutcome, MeetingStatus } from './meeting.decider.js';

export type CommissionRow = Omit<Commission, 'status' | 'appliedDecisionIds'> & { revision: number; updatedAt: Date };

export interface MeetingRow {
  id: string;
  regionCode: string;
  date: CalendarDate;
  place: string;
  status: MeetingStatus;
  agenda: AgendaItem[];
  attendance: Attendance[];
  convenedBy: string;
  revision: number;
  updatedAt: Date;
}

export interface DecisionRow extends Omit<DecisionData, 'decisionId' | 'majority'> {
  id: string;
  concernedActorId: string | null;
  majority: string | null;
  eventId: string;
  correlationId: string;
  recordedAt: Date;
  /** When the decision was taken (its event's occurredAt): a late recording or an import keeps the meeting's day. */
  occurredAt: Date;
}

export interface MinutesRow {
  version: number;
  documentHash: string;
  publishedAt: Date;
  approvedByDecision: string | null;
}

export interface MeetingFilter {
  regionCode?: string;
  from?: CalendarDate;
  to?: CalendarDate;
  statuses?: MeetingStatus[];
}

export interface DecisionFilter {
  regionCode?: string;
  kinds?: DecisionKind[];
  concernedActorId?: string;
  from?: CalendarDate;
  to?: CalendarDate;
  outcome?: DecisionOutcome;
}

type Stored = Record<string, unknown>;

/** Queries over the `commission` projection: meetings keyed on (date, id), the register on (meeting_date, id). */
@Injectable()
export class CommissionReadModel {
  private readonly statements: StatementCache;

  constructor(@Inject(READ_MODEL_DB) db: ReadModelDatabase) {
    this.statements = new StatementCache(db);
  }

  commission(regionCode: string): CommissionRow | undefined {
    const row = this.statements.get('SELECT * FROM commissions WHERE region_code = ?').get(regionCode) as Stored | undefined;
    return (
      row && {
        regionCode: row.region_code as string,
        prefectActorId: row.prefect_actor_id as string,
        regionActorId: row.region_actor_id as string,
        secretariatActorId: row.secretariat_actor_id as string,
        members: parseJson(row.members),
        rules: parseJson(row.rules),
        revision: row.revision as number,
        updatedAt: new Date(row.updated_at as string),
      }
    );
  }

  meeting(id: string): MeetingRow | undefined {
    const row = this.statements.get('SELECT * FROM meetings WHERE id = ?').get(id) as Stored | undefined;
    return row && toMeeting(row);
  }

  meetings(filter: MeetingFilter, first: number, after?: string): Connection<MeetingRow> {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.regionCode) where.push('region_code = @regionCode') && (params.regionCode = filter.regionCode);
    if (filter.from) where.push('date >= @from') && (params.from = filter.from);
    if (filter.to) where.push('date <= @to') && (params.to = filter.to);
    if (filter.statuses?.length) where.push(`status IN (${bindList(params, 'status', filter.statuses)})`);
    return keysetPage(this.statements, { from: 'meetings', where, params, keys: ['date', 'id'] }, { first, after }, toMeeting);
  }

  decision(id: string): DecisionRow | undefined {
    const row = this.statements.get('SELECT * FROM commission_decisions WHERE id = ?').get(id) as Stored | undefined;
    return row && toDecision(row);
  }

  decisionsOfMeeting(meetingId: string): DecisionRow[] {
    return (this.statements.get('SELECT * FROM commission_decisions WHERE meeting_id = ? ORDER BY log_position').all(meetingId) as Stored[]).map(toDecision);
  }

  decisions(filter: DecisionFilter, first: number, after?: string): Connection<DecisionRow> {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.regionCode) where.push('region_code = @regionCode') && (params.regionCode = filter.regionCode);
    if (filter.kinds?.length) where.push(`kind IN (${bindList(params, 'kind', filter.kinds)})`);
    if (filter.concernedActorId) where.push('concerned_actor_id = @actor') && (params.actor = filter.concernedActorId);
    if (filter.from) where.push('meeting_date >= @from') && (params.from = filter.from);
    if (filter.to) where.push('meeting_date <= @to') && (params.to = filter.to);
    if (filter.outcome) where.push('outcome = @outcome') && (params.outcome = filter.outcome);
    return keysetPage(this.statements, { from: 'commission_decisions', where, params, keys: ['meeting_date', 'id'] }, { first, after }, toDecision);
  }

  /** Adopted decisions that have follow-ups, in the order taken: what the follow-up manager catches up on. */
  adoptedWithFollowUps(kinds: readonly DecisionKind[]): DecisionRow[] {
    const params: Record<string, unknown> = {};
    const sql = `SELECT * FROM commission_decisions WHERE outcome = 'adopted' AND kind IN (${bindList(params, 'kind', kinds)}) ORDER BY log_position`;
    return (this.statements.get(sql).all(params) as Stored[]).map(toDecision);
  }

  minutes(meetingId: string): MinutesRow[] {
    const rows = this.statements.get('SELECT * FROM meeting_minutes WHERE meeting_id = ? ORDER BY version').all(meetingId) as Stored[];
    return rows.map((row) => ({
      version: row.version as number,
      documentHash: row.document_hash as string,
      publishedAt: new Date(row.published_at as string),
      approvedByDecision: (row.approved_by_decision as string | null) ?? null,
    }));
  }
}

function toMeeting(row: Stored): MeetingRow {
  return {
    id: row.id as string,
    regionCode: row.region_code as string,
    date: row.date as string,
    place: row.place as string,
    status: row.status as MeetingStatus,
    agenda: parseJson(row.agenda),
    attendance: parseJson(row.attendance),
    convenedBy: row.convened_by as string,
    revision: row.revision as number,
    updatedAt: new Date(row.updated_at as string),
  };
}

/** A JSON column, typed as the field it fills (the projection wrote it from that type). */
function parseJson<T>(value: unknown): T {
  return JSON.parse(value as string) as T;
}

const parsed = <T>(value: unknown): T | null => (value === null || value === undefined ? null : parseJson<T>(value));

function toDecision(row: Stored): DecisionRow {
  return {
    id: row.id as string,
    meetingId: row.meeting_id as string,
    regionCode: row.region_code as string,
    itemId: row.item_id as string,
    kind: row.kind as DecisionKind,
    text: row.text as string,
    subject: parsed(row.subject),
    concernedActorId: (row.concerned_actor_id as string | null) ?? null,
    mode: row.mode as 'consensus' | 'vote',
    outcome: row.outcome as DecisionOutcome,
    recordedBy: row.recorded_by as string,
    meetingDate: row.meeting_date as string,
    tally: parsed(row.tally),
    quorum: parsed(row.quorum),
    majority: (row.majority as string | null) ?? null,
    eventId: row.event_id as string,
    correlationId: row.correlation_id as string,
    recordedAt: new Date(row.recorded_at as string),
    occurredAt: new Date(row.occurred_at as string),
  };
}
