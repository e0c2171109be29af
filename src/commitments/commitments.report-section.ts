import type { CalendarItem, ReportSection, Row } from '../reports/report-section.js';
import { byText } from '../reports/report-section.js';
import { addDays, type CalendarDate } from '../shared/calendar-date.js';
import { type CommitmentStatus, isCommitmentEvent, type CommitmentEvent } from './commitment.decider.js';
import { commitmentHealth } from './commitment-health.js';

interface ReportedCommitment {
  id: string;
  actorId: string;
  subject: string;
  title: string;
  quantity: number;
  unit: string;
  dueDate: CalendarDate;
  madeOn: CalendarDate;
  status: CommitmentStatus;
  value: number | null;
  asOf: CalendarDate | null;
  /** Where the current value comes from, and the actor who event it. */
  source: string | null;
  reportedBy: string | null;
  streamId: string;
}

interface State {
  commitments: Record<string, ReportedCommitment>;
}

/** The standing of a commitment in a report: its status, or its derived health while active. */
export type Standing = 'on_track' | 'at_risk' | 'late' | 'breached' | 'fulfilled' | 'withdrawn';
const STANDINGS: readonly Standing[] = ['on_track', 'at_risk', 'late', 'breached', 'fulfilled', 'withdrawn'];

/** Commitments by standing at the cut-off, with those made and those whose standing changed this semester. */
export function commitmentsReportSection(atRiskThreshold: number): ReportSection<State, CommitmentEvent> {
  const standingOf = (c: ReportedCommitment, today: CalendarDate): Standing =>
    c.status === 'active' ? commitmentHealth({ madeOn: c.madeOn, dueDate: c.dueDate, target: c.quantity, value: c.value }, today, atRiskThreshold) : c.status;
  return {
    key: 'commitments',
    title: 'Commitments of the actors',
    checklist: ['commitments made by the actors and their status', 'status of projects and of signed deployment conventions'],
    categories: ['commitment'],
    order: 30,
    events: isCommitmentEvent,
    initialState: () => ({ commitments: {} }),
    evolve(state, event) {
      if (event.type === 'CommitmentMade') {
        const d = event.data;
        state.commitments[d.commitmentId] = {
          id: d.commitmentId,
          actorId: d.committingActorId,
          subject: d.subject,
          title: d.title,
          quantity: d.target.quantity,
          unit: d.target.unit,
          dueDate: d.dueDate,
          madeOn: d.madeOn,
          status: 'active',
          value: null,
          asOf: null,
          source: null,
          reportedBy: null,
          streamId: event.streamId,
        };
        return;
      }
      const commitment = state.commitments[event.data.commitmentId];
      if (!commitment) return;
      switch (event.type) {
        case 'CommitmentRevised':
          commitment.quantity = event.data.target.quantity;
          commitment.unit = event.data.target.unit;
          commitment.dueDate = event.data.dueDate;
          break;
        case 'CommitmentProgressReported':
          if (event.data.supersedesCurrent) {
            [commitment.value, commitment.asOf, commitment.source] = [event.data.value, event.data.asOf, event.data.source];
            commitment.reportedBy = event.metadata.actingActorId ?? null;
          }
          break;
        case 'CommitmentFulfilled':
          commitment.status = 'fulfilled';
          break;
        case 'CommitmentWithdrawn':
          commitment.status = 'withdrawn';
          break;
        case 'CommitmentBreached':
          commitment.status = 'breached';
          break;
        default:
          break;
      }
    },
    render({ current, previous, inRegion, actorName, cutoffDate, period }) {
      const previousDay = addDays(period.from, -1);
      const items = Object.values(current.commitments)
        .filter((c) => inRegion(c.streamId))
        .sort((a, b) => byText(a.dueDate, b.dueDate) || byText(a.id, b.id));
      const counts = new Map<Standing, number>(STANDINGS.map((s) => [s, 0]));
      const rows: Row[] = items.map((c) => {
        const standing = standingOf(c, cutoffDate);
        counts.set(standing, counts.get(standing)! + 1);
        const before = previous.commitments[c.id];
        return {
          commitment: c.id,
          actor: actorName(c.actorId),
          subject: c.subject,
          title: c.title,
          target: c.quantity,
          unit: c.unit,
          current_value: c.value,
          as_of: c.asOf,
          progress_source: c.source,
          reported_by: c.reportedBy === null ? null : actorName(c.reportedBy),
          due_date: c.dueDate,
          standing,
          previous_standing: before ? standingOf(before, previousDay) : null,
        };
      });
      const made = rows.filter((r) => r.previous_standing === null).length;
      const changed = rows.filter((r) => r.previous_standing !== null && r.previous_standing !== r.standing).length;
      return {
        summary: [
          ['commitments', rows.length],
          ...STANDINGS.map((s): [string, number] => [s.replace('_', ' '), counts.get(s)!]),
          ['made this semester', made],
          ['standing changed this semester', changed],
          ['at-risk threshold (share of the linear path)', atRiskThreshold],
        ],
        tables: [
          {
            name: 'commitments',
            title: 'Commitments, by due date',
            columns: [
              'commitment',
              'actor',
              'subject',
              'title',
              'target',
              'unit',
              'current_value',
              'as_of',
              'progress_source',
              'reported_by',
              'due_date',
              'standing',
              'previous_standing',
            ],
            rows,
          },
        ],
        upcoming: items
          .filter((c) => c.status === 'active')
          .map((c): CalendarItem => ({
            date: c.dueDate,
            record: `commitment-${c.id}`,
            kind: 'commitment_due',
            label: c.title,
            actor: actorName(c.actorId),
            quantity: c.quantity,
            unit: c.unit,
          })),
        charts: [
          {
            name: 'commitments-by-standing',
            title: 'Commitments by standing at the cut-off',
            labels: [...STANDINGS],
            series: [{ name: 'commitments', values: STANDINGS.map((s) => counts.get(s)!) }],
            unit: 'commitments',
          },
        ],
      };
    },
  };
}
