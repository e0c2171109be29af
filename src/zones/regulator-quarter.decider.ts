import { isEventOf } from '../event-store/event-store.js';
import type { Role } from '../shared/principal.js';
import { type Decider } from '../decider/decider.js';
import { CommandRejected, forbidden, invalid } from '../decider/errors.js';
import { refusal } from '../decider/refusals.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import { tidyText } from '../decider/checks.js';

/**
 * The regulator's quarterly per-commune figures (Arcep): premises made connectable to FttH and its
 * best estimate of the premises to cover. One stream per quarter; a quarter may come in several
 * files (one per département), each recorded whole or not at all, and a commune has one set of
 * figures per quarter.
 */
export const QUARTER = /^(\d{4})-Q([1-4])$/;
const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'];
export const FIGURE_RECORDERS: readonly Role[] = ['admin', 'national_body', 'commission_secretariat'];
const MAX_PREMISES = 1e7;
export const SOURCE_MAX_LENGTH = 300;

export interface RegulatorFigure {
  communeCode: string;
  connectable: number;
  premisesEstimate: number;
}

/** What the service knows about a commune of the file, looked up before deciding. */
export interface CommuneFacts {
  known: boolean;
  /** Whether this quarter's figures of the commune are already recorded (from another file). */
  recordedThisQuarter: boolean;
  /** Whether an operator commitment on it is still open. */
  committed: boolean;
  /** The figures of the nearest quarters already recorded before and after this one. */
  before: (RegulatorFigure & { quarter: string }) | null;
  after: (RegulatorFigure & { quarter: string }) | null;
}

/** One problem of one row: `row` is the row's line in its file when known, else its rank from 1. */
export interface RowIssue {
  row: number;
  column: 'communeCode' | 'connectable' | 'premisesEstimate' | 'quarter';
  message: string;
}

export type RegulatorQuarterCommand = {
  type: 'RecordRegulatorQuarter';
  principal: { actorId: string; role: Role };
  quarter: string;
  /** Where the figures come from (the file's name or the publication's title). */
  source: string;
  rows: (RegulatorFigure & { line?: number })[];
  facts: Record<string, CommuneFacts>;
  today: CalendarDate;
};

export type RegulatorQuarterEvent = {
  type: 'RegulatorQuarterRecorded';
  data: { quarter: string; asOf: CalendarDate; source: string; rows: RegulatorFigure[] };
};

/** The communes whose figures of the quarter are recorded. */
export type RegulatorQuarterState = { communes: string[] };

export const regulatorQuarterStreamId = (quarter: string) => `regulatorQuarter-${quarter}`;

/** The last day of a quarter: the figures' as-of date. */
export function quarterEnd(quarter: string): CalendarDate {
  const match = QUARTER.exec(quarter);
  if (!match) throw invalid(refusal('zones.quarterFormat'), 'quarter');
  return `${match[1]}-${QUARTER_END[Number(match[2]) - 1]}`;
}

/** Every problem of the rows, in row order: the import reports them all and writes nothing. */
export function rowIssues(quarter: string, rows: (RegulatorFigure & { line?: number })[], facts: Record<string, CommuneFacts>): RowIssue[] {
  const issues: RowIssue[] = [];
  const seen = new Map<string, number>();
  rows.forEach((figure, index) => {
    const row = figure.line ?? index + 1;
    const fact = facts[figure.communeCode];
    const earlier = seen.get(figure.communeCode);
    if (earlier !== undefined)
      issues.push({ row, column: 'communeCode', message: `Commune ${figure.communeCode} already has figures for ${quarter} on row ${earlier}` });
    else seen.set(figure.communeCode, row);
    if (fact?.recordedThisQuarter)
      issues.push({ row, column: 'communeCode', message: `The figures of ${figure.communeCode} for ${quarter} are already recorded (duplicate quarter)` });
    if (!fact?.known) issues.push({ row, column: 'communeCode', message: `Unknown commune ${figure.communeCode}` });
    else if (!fact.committed) issues.push({ row, column: 'communeCode', message: `Commune ${figure.communeCode} is outside any open operator commitment` });
    for (const column of ['connectable', 'premisesEstimate'] as const) {
      const value = figure[column];
      if (!Number.isInteger(value) || value < 0 || value > MAX_PREMISES)
        issues.push({ row, column, message: `${column} must be a whole number between 0 and 10^7, not ${value}` });
    }
    if (fact?.before && figure.connectable < fact.before.connectable) {
      issues.push({
        row,
        column: 'connectable',
        message: `Premises made connectable cannot decrease: ${fact.before.connectable} in ${fact.before.quarter}, ${figure.connectable} in ${quarter}`,
      });
    }
    if (fact?.after && figure.connectable > fact.after.connectable) {
      issues.push({
        row,
        column: 'connectable',
        message: `Premises made connectable cannot decrease: ${figure.connectable} in ${quarter}, ${fact.after.connectable} in ${fact.after.quarter}`,
      });
    }
  });
  return issues;
}

/** A rejection carrying every row issue, so each transport can report them all. */
export class RegulatorFileRejected extends CommandRejected {
  constructor(readonly issues: RowIssue[]) {
    super(
      'invalid',
      `${issues.length} row(s) of the file are wrong; nothing was recorded. First: row ${issues[0].row}, ${issues[0].column}: ${issues[0].message}`,
      issues.map((i) => `rows.${i.row}.${i.column}`),
    );
    this.name = 'RegulatorFileRejected';
  }
}

/** Narrows a recorded event of the log to this decider's events. */
export const isRegulatorQuarterEvent = isEventOf<RegulatorQuarterEvent>({ RegulatorQuarterRecorded: true });

export const regulatorQuarterDecider: Decider<RegulatorQuarterCommand, RegulatorQuarterEvent, RegulatorQuarterState> = {
  events: isRegulatorQuarterEvent,
  initialState: () => ({ communes: [] }),
  evolve: (state, event) => ({ communes: [...state.communes, ...event.data.rows.map((r) => r.communeCode)] }),
  decide(command, state) {
    if (!FIGURE_RECORDERS.includes(command.principal.role)) throw forbidden(refusal('zones.regulatorKeepers'));
    const asOf = quarterEnd(command.quarter);
    if (asOf > command.today) throw invalid(refusal('zones.quarterNotEnded', { quarter: command.quarter }), 'quarter');
    const source = tidyText(command.source, 'source', SOURCE_MAX_LENGTH);
    if (command.rows.length === 0) throw invalid(refusal('zones.noFigures'), 'rows');
    // The stream, not the read model, is the authority on what this quarter already holds.
    const recorded = new Set(state.communes);
    const facts = Object.fromEntries(Object.entries(command.facts).map(([code, fact]) => [code, { ...fact, recordedThisQuarter: recorded.has(code) }]));
    const issues = rowIssues(command.quarter, command.rows, facts);
    if (issues.length > 0) throw new RegulatorFileRejected(issues);
    const rows = command.rows.map(({ communeCode, connectable, premisesEstimate }) => ({ communeCode, connectable, premisesEstimate }));
    return [{ type: 'RegulatorQuarterRecorded', data: { quarter: command.quarter, asOf, source, rows } }];
  },
};
