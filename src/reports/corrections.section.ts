import { humanize } from '../audit/audit-summary.js';
import { parisDateOf } from '../shared/calendar-date.js';
import { byText, type CalendarItem, type RenderedSection } from './report-section.js';

/** A fact about an earlier semester, recorded after the previous report's cut-off. */
export interface Correction {
  streamId: string;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actorId: string | null;
  eventId: string;
}

/**
 * Corrections are not a feature's state but a property of the log: events recorded during this
 * semester whose occurredAt falls before it. The previous report stays as issued; this one lists them.
 */
export function correctionsSection(corrections: readonly Correction[]): RenderedSection {
  return {
    key: 'corrections',
    title: 'Corrections to earlier semesters',
    checklist: ['corrections to facts of earlier semesters'],
    summary: [['corrections recorded this semester', corrections.length]],
    tables: [
      {
        name: 'corrections',
        title: 'Facts about earlier semesters recorded after the previous report',
        columns: ['occurred_on', 'recorded_on', 'record', 'what', 'actor', 'event_id'],
        rows: corrections.map((c) => ({
          occurred_on: parisDateOf(c.occurredAt),
          recorded_on: parisDateOf(c.recordedAt),
          record: c.streamId,
          what: humanize(c.type),
          actor: c.actorId,
          event_id: c.eventId,
        })),
      },
    ],
    charts: [],
  };
}

/** What is planned or due in the two semesters after this one, across every section. */
export function forwardCalendarSection(items: readonly CalendarItem[], window: { from: string; to: string }): RenderedSection {
  const rows = [...items].sort((a, b) => byText(a.date, b.date) || byText(a.record, b.record) || byText(a.what, b.what));
  return {
    key: 'forward-calendar',
    title: `Forward calendar, ${window.from} to ${window.to}`,
    checklist: ['map and calendar of all initiatives (infrastructure and usages)', 'semestrial update of coverage plans (map, calendar) and of cost and financing estimates'],
    summary: [['dated items', rows.length]],
    tables: [{ name: 'forward-calendar', title: 'Planned and due in the next two semesters', columns: ['date', 'record', 'what'], rows: rows.map((item) => ({ ...item })) }],
    charts: [],
  };
}
