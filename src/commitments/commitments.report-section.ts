import type { CalendarItem, ReportSection, Row } from '../reports/report-section.js';
import { byText } from '../reports/report-section.js';
import { addDays, type CalendarDate } from '../shared/calendar-date.js';
import { commitmentDecider, isCommitmentEvent, type CommitmentEvent, type CommitmentState, type CommitmentStatus } from './commitment.decider.js';
import { commitmentHealth } from './commitment-health.js';

/** A commitment as a report row reads it. */
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
  /** Where the current value comes from, and the actor who recorded it. */
  source: string | null;
  reportedBy: string | null;
  streamId: string;
}

/** What the section keeps of a commitment: the decider's own state (status, target, current value follow the rules of the commands), and what a report adds. */
interface KeptCommitment {
  state: Exclude<CommitmentState, { status: 'none' }>;
  subject: string;
  title: string;
  madeOn: CalendarDate;
  source: string | null;
  reportedBy: string | null;
  streamId: string;
}

interface State {
  commitments: Record<string, KeptCommitment>;
}

const reported = ({ state, ...kept }: KeptCommitment): ReportedCommitment => ({
  ...kept,
  id: state.commitmentId,
  actorId: state.committingActorId,
  quantity: state.target.quantity,
  unit: state.target.unit,
  dueDate: state.dueDate,
  status: state.status,
  value: state.latestProgress?.value ?? null,
  asOf: state.latestProgress?.asOf ?? null,
});

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
      const { commitmentId } = event.data;
      const kept = state.commitments[commitmentId];
      const next = commitmentDecider.evolve(event.type === 'CommitmentMade' || !kept ? commitmentDecider.initialState() : kept.state, event);
      if (next.status === 'none') return; // an event of a commitment never made
      if (event.type === 'CommitmentMade') {
        const { subject, title, madeOn } = event.data;
        state.commitments[commitmentId] = { state: next, subject, title, madeOn, source: null, reportedBy: null, streamId: event.streamId };
      } else if (kept) {
        kept.state = next;
        if (event.type === 'CommitmentProgressReported' && event.data.supersedesCurrent) {
          kept.source = event.data.source;
          kept.reportedBy = event.metadata.actingActorId ?? null;
        }
      }
    },
    render({ current, previous, inRegion, actorName, cutoffDate, period }) {
      const previousDay = addDays(period.from, -1);
      const items = Object.values(current.commitments)
        .filter((c) => inRegion(c.streamId))
        .map(reported)
        .sort((a, b) => byText(a.dueDate, b.dueDate) || byText(a.id, b.id));
      const counts = new Map<Standing, number>(STANDINGS.map((s) => [s, 0]));
      const rows: Row[] = items.map((c) => {
        const standing = standingOf(c, cutoffDate);
        counts.set(standing, counts.get(standing)! + 1);
        const kept = previous.commitments[c.id];
        const before = kept && reported(kept);
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
