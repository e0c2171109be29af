import { humanize } from '../audit/audit-summary.js';
import { parisDateOf } from '../shared/calendar-date.js';
import type { RecordedEvent } from '../event-store/event-store.js';
import { byText, type CalendarItem, type RenderedSection, type Row } from './report-section.js';

/** A fact about an earlier semester, recorded after the previous report's cut-off. */
export interface Correction {
  streamId: string;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actorId: string | null;
  eventId: string;
  /**
   * `correction`: the record was already in the log at the earlier cut-off (a fact an earlier report
   * showed has changed); `late_recording`: the record was first recorded after it; `import`: brought
   * in from a file (then `batch` names it).
   */
  kind?: CorrectionKind;
  batch?: { batchId: string; fileName: string };
}

export type CorrectionKind = 'correction' | 'late_recording' | 'import';

/** The kind of a fact recorded late, given whether its record was known at the earlier cut-off. */
export function correctionKind(event: RecordedEvent, knownBefore: boolean): Pick<Correction, 'kind' | 'batch'> {
  const batch = event.metadata.importBatch;
  if (event.metadata.source === 'import' && batch) return { kind: 'import', batch: { batchId: batch.batchId, fileName: batch.fileName } };
  return { kind: knownBefore ? 'correction' : 'late_recording' };
}

/**
 * Corrections are not a feature's state but a property of the log: events recorded during this
 * semester whose occurredAt falls before it. The previous report stays as issued; this one lists
 * them, split into corrections, late recordings, and imports (one line per import batch).
 */
export function correctionsSection(corrections: readonly Correction[]): RenderedSection {
  const of = (kind: CorrectionKind) => corrections.filter((c) => (c.kind ?? 'correction') === kind);
  const imports = importBatches(of('import'));
  return {
    key: 'corrections',
    title: 'Corrections to earlier semesters',
    checklist: ['corrections to facts of earlier semesters'],
    summary: [
      ['corrections recorded this semester', of('correction').length],
      ['late recordings', of('late_recording').length],
      ['import batches', imports.length],
      ['imported facts', of('import').length],
    ],
    tables: [
      {
        name: 'corrections',
        title: 'Facts reported earlier that have changed, recorded after the previous report',
        columns: FACT_COLUMNS,
        rows: of('correction').map(factRow),
      },
      {
        name: 'late-recordings',
        title: 'Facts of earlier semesters first recorded after their report',
        columns: FACT_COLUMNS,
        rows: of('late_recording').map(factRow),
      },
      {
        name: 'import-batches',
        title: 'Earlier facts brought in from files, one line per import batch',
        columns: ['batch', 'file', 'facts', 'records', 'occurred_from', 'occurred_to', 'recorded_on'],
        rows: imports,
      },
    ],
    charts: [],
  };
}

const FACT_COLUMNS = ['occurred_on', 'recorded_on', 'record', 'what', 'actor', 'event_id'];

function factRow(c: Correction): Row {
  return {
    occurred_on: parisDateOf(c.occurredAt),
    recorded_on: parisDateOf(c.recordedAt),
    record: c.streamId,
    what: humanize(c.type),
    actor: c.actorId,
    event_id: c.eventId,
  };
}

/** One row per batch: how many facts and records, over which days; batches in the order first recorded. */
export function importBatches(imported: readonly Correction[]): Row[] {
  const batches = new Map<string, { file: string; facts: number; records: Set<string>; from: string; to: string; recorded: string }>();
  for (const c of imported) {
    const id = c.batch!.batchId;
    const occurred = parisDateOf(c.occurredAt);
    const batch = batches.get(id);
    if (!batch)
      batches.set(id, { file: c.batch!.fileName, facts: 1, records: new Set([c.streamId]), from: occurred, to: occurred, recorded: parisDateOf(c.recordedAt) });
    else {
      batch.facts++;
      batch.records.add(c.streamId);
      if (occurred < batch.from) batch.from = occurred;
      if (occurred > batch.to) batch.to = occurred;
    }
  }
  return [...batches].map(([batch, b]) => ({
    batch,
    file: b.file,
    facts: b.facts,
    records: b.records.size,
    occurred_from: b.from,
    occurred_to: b.to,
    recorded_on: b.recorded,
  }));
}

/** The calendar's rows keep every kind's parameters in their own column (null where the kind has none). */
const CALENDAR_COLUMNS = ['date', 'kind', 'record', 'label', 'actor', 'milestone', 'quantity', 'unit'];
const milestoneOf = (item: CalendarItem) => ('milestone' in item ? item.milestone : '');

function calendarRow(item: CalendarItem): Row {
  return {
    date: item.date,
    kind: item.kind,
    record: item.record,
    label: item.label,
    actor: item.kind === 'commitment_due' ? item.actor : null,
    milestone: item.kind === 'network_milestone' || item.kind === 'usage_milestone' ? item.milestone : null,
    quantity: item.kind === 'commitment_due' ? item.quantity : null,
    unit: item.kind === 'commitment_due' ? item.unit : null,
  };
}

/** What is planned or due in the two semesters after this one, across every section. */
export function forwardCalendarSection(items: readonly CalendarItem[], window: { from: string; to: string }): RenderedSection {
  const rows = [...items].sort(
    (a, b) =>
      byText(a.date, b.date) || byText(a.record, b.record) || byText(a.kind, b.kind) || byText(a.label, b.label) || byText(milestoneOf(a), milestoneOf(b)),
  );
  return {
    key: 'forward-calendar',
    title: `Forward calendar, ${window.from} to ${window.to}`,
    checklist: [
      'map and calendar of all initiatives (infrastructure and usages)',
      'semestrial update of coverage plans (map, calendar) and of cost and financing estimates',
    ],
    summary: [['dated items', rows.length]],
    tables: [{ name: 'forward-calendar', title: 'Planned and due in the next two semesters', columns: CALENDAR_COLUMNS, rows: rows.map(calendarRow) }],
    charts: [],
  };
}
