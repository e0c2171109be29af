import type { EventShape, RecordedEvent } from '../event-store/event-store.js';
import type { IsEvent } from '../projections/projection.js';
import type { CalendarDate } from '../shared/calendar-date.js';

/** A cell of a report table: only values whose text form is stable. */
export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export interface ReportTable {
  name: string;
  title: string;
  columns: string[];
  rows: Row[];
}

/** A bar or grouped-bar chart the HTML page draws as inline SVG. */
export interface ReportChart {
  name: string;
  title: string;
  /** One label per group (a département, a semester, a status). */
  labels: string[];
  series: { name: string; values: number[] }[];
  unit: string;
}

export interface RenderedSection {
  key: string;
  title: string;
  /** The checklist lines (docs/domain.md, "What the State asks to receive") this section answers. */
  checklist: string[];
  /** Headline figures, in a stable order. */
  summary: [string, Cell][];
  tables: ReportTable[];
  charts: ReportChart[];
}

/** A dated item of the forward calendar (a due date, a planned milestone, a convention's end). */
/**
 * A dated item of the forward calendar: what it is (its kind), the record's stream and label, and
 * the kind's parameters. The documents compose the sentence from the catalogue of their language.
 */
export type CalendarItem = { date: CalendarDate; record: string; label: string } & (
  | { kind: 'network_milestone' | 'usage_milestone'; milestone: string }
  | { kind: 'commitment_due'; actor: string; quantity: number; unit: string }
  | { kind: 'convention_end' }
  | { kind: 'commission_meeting' }
);
export type CalendarItemKind = CalendarItem['kind'];

/** What a section sees when it renders: its state at this cut-off and at the previous one. */
export interface RenderContext<State> {
  current: State;
  /** The state at the previous semester's cut-off (the figures of the previous report). */
  previous: State;
  region: string;
  semester: string;
  period: { from: CalendarDate; to: CalendarDate };
  /** The day of the cut-off (Paris): "late", "due", "in force" are judged on it. */
  cutoffDate: CalendarDate;
  /** The two semesters after this one, for the forward calendar. */
  forward: { from: CalendarDate; to: CalendarDate };
  /** Whether a stream concerns the report's region (its events name a territory of it). */
  inRegion: (streamId: string) => boolean;
  actorName: (actorId: string) => string;
}

/**
 * One part of the semestrial report, kept by the feature it reports on, over the event union `E`
 * it declares. Its state is a plain JSON value folded from the log (in place, for speed), so the
 * generator can copy it at the previous cut-off and the output depends on the log alone. Where it
 * needs a record's state as the rules see it, it keeps the decider's state and folds it with the
 * decider's `evolve` rather than folding it again.
 */
export interface ReportSection<State = unknown, E extends EventShape = EventShape> {
  key: string;
  title: string;
  checklist: string[];
  /** Stream categories whose events it folds. */
  categories: string[];
  /** Its position among the sections. */
  order: number;
  /** The events it folds: the log fold hands it only those (of its categories). */
  events: IsEvent<E>;
  initialState(): State;
  evolve(state: State, event: RecordedEvent<E>): void;
  render(context: RenderContext<State>): Omit<RenderedSection, 'key' | 'title' | 'checklist'> & { upcoming?: CalendarItem[] };
}

/** Stable text order for ids and codes (not locale-dependent). */
export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Injection token of the report's sections, in order; the composition root lists them (app/report-sections.ts). */
export const REPORT_SECTIONS = Symbol('scoran:reportSections');
