import { byText, type CalendarItem, type ReportSection, type Row } from '../reports/report-section.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import { type DecisionData, type MeetingStatus, isMeetingEvent, type MeetingEvent } from './meeting.decider.js';

interface ReportedMeeting {
  streamId: string;
  date: CalendarDate;
  place: string;
  status: MeetingStatus;
  agendaItems: number;
  attendance: Record<string, string>;
  decisions: Omit<DecisionData, 'meetingId' | 'regionCode' | 'subject' | 'quorum' | 'majority'>[];
  minutes: { version: number; documentHash: string }[];
  approvedVersion: number | null;
}

interface State {
  meetings: Record<string, ReportedMeeting>;
}

const TEXT_IN_TABLE = 300;

/** The concertation log: CCRANT meetings, attendance, decisions (with tallies) and minutes. */
export function concertationReportSection(): ReportSection<State, MeetingEvent> {
  return {
    key: 'concertation',
    title: 'Concertation in the CCRANT',
    checklist: ['account of the concertation on THD coverage (CCRANT minutes and decisions)', 'minutes of CCRANT meetings and studies'],
    categories: ['meeting'],
    order: 60,
    events: isMeetingEvent,
    initialState: () => ({ meetings: {} }),
    evolve(state, event) {
      if (event.type === 'MeetingConvened') {
        const d = event.data;
        state.meetings[d.meetingId] = {
          streamId: event.streamId,
          date: d.date,
          place: d.place,
          status: 'convened',
          agendaItems: d.agenda.length,
          attendance: {},
          decisions: [],
          minutes: [],
          approvedVersion: null,
        };
        return;
      }
      const meeting = state.meetings[event.data.meetingId];
      if (!meeting) return;
      switch (event.type) {
        case 'AgendaAmended':
          meeting.agendaItems = event.data.agenda.length;
          break;
        case 'AttendanceRecorded':
          meeting.attendance[event.data.memberActorId] = event.data.status;
          break;
        case 'MeetingHeld':
          meeting.status = 'held';
          break;
        case 'MeetingClosed':
          meeting.status = 'closed';
          break;
        case 'DecisionRecorded': {
          const { decisionId, itemId, kind, text, mode, outcome, recordedBy, meetingDate, tally } = event.data;
          meeting.decisions.push({ decisionId, itemId, kind, text, mode, outcome, recordedBy, meetingDate, tally });
          break;
        }
        case 'MinutesPublished':
          meeting.minutes.push({ version: event.data.version, documentHash: event.data.documentHash });
          break;
        case 'MinutesApproved':
          meeting.approvedVersion = event.data.version;
          break;
        default:
          break;
      }
    },
    render({ current, inRegion, actorName, period }) {
      const meetings = Object.entries(current.meetings)
        .filter(([, m]) => inRegion(m.streamId))
        .sort(([a, x], [b, y]) => byText(x.date, y.date) || byText(a, b));
      const inPeriod = (date: CalendarDate) => date >= period.from && date <= period.to;
      const count = (m: ReportedMeeting, status: string) => Object.values(m.attendance).filter((s) => s === status).length;
      const meetingRows: Row[] = meetings.map(([id, m]) => ({
        meeting: id,
        date: m.date,
        place: m.place,
        status: m.status,
        agenda_items: m.agendaItems,
        present: count(m, 'present'),
        represented: count(m, 'proxy'),
        excused: count(m, 'excused'),
        decisions: m.decisions.length,
        minutes_version: m.minutes[m.minutes.length - 1]?.version ?? null,
        minutes_hash: m.minutes[m.minutes.length - 1]?.documentHash ?? null,
        minutes_approved_version: m.approvedVersion,
      }));
      const decisions: Row[] = meetings.flatMap(([id, m]) =>
        m.decisions.map((d) => ({
          decision: d.decisionId,
          meeting: id,
          date: d.meetingDate,
          kind: d.kind,
          text: d.text.length > TEXT_IN_TABLE ? `${d.text.slice(0, TEXT_IN_TABLE - 1)}…` : d.text,
          mode: d.mode,
          outcome: d.outcome,
          for: d.tally?.for ?? null,
          against: d.tally?.against ?? null,
          abstain: d.tally?.abstain ?? null,
          recorded_by: actorName(d.recordedBy),
          this_semester: inPeriod(d.meetingDate),
        })),
      );
      const thisSemester = meetings.filter(([, m]) => inPeriod(m.date)).map(([, m]) => m);
      return {
        summary: [
          ['meetings', meetings.length],
          ['meetings this semester', thisSemester.length],
          ['decisions this semester', decisions.filter((d) => d.this_semester).length],
          ['adopted this semester', decisions.filter((d) => d.this_semester && d.outcome === 'adopted').length],
          [
            'minutes published, not yet approved',
            meetings.filter(([, m]) => m.minutes.length > 0 && m.approvedVersion !== m.minutes[m.minutes.length - 1].version).length,
          ],
        ],
        tables: [
          {
            name: 'meetings',
            title: 'Meetings',
            columns: [
              'meeting',
              'date',
              'place',
              'status',
              'agenda_items',
              'present',
              'represented',
              'excused',
              'decisions',
              'minutes_version',
              'minutes_hash',
              'minutes_approved_version',
            ],
            rows: meetingRows,
          },
          {
            name: 'decisions',
            title: 'Decisions',
            columns: ['decision', 'meeting', 'date', 'kind', 'text', 'mode', 'outcome', 'for', 'against', 'abstain', 'recorded_by', 'this_semester'],
            rows: decisions,
          },
        ],
        charts: [],
        upcoming: meetings
          .filter(([, m]) => m.status === 'convened')
          .map(([, m]): CalendarItem => ({ date: m.date, record: m.streamId, kind: 'commission_meeting', label: m.place })),
      };
    },
  };
}
