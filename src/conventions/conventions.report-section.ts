import type { CalendarItem, ReportSection, Row } from '../reports/report-section.js';
import { byText } from '../reports/report-section.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import { conventionDecider, type ConventionState, isConventionEvent, type ConventionEvent } from './convention.decider.js';

interface ReportedConvention {
  streamId: string;
  title: string;
  /** The decider's own state: statuses and signatures follow the same rules as the commands. */
  state: Exclude<ConventionState, { status: 'none' }>;
  inForceSince: CalendarDate | null;
  amendmentsInForce: { version: number; on: CalendarDate }[];
  defaults: Record<string, { party: string; notifiedOn: CalendarDate; description: string }>;
}

interface State {
  conventions: Record<string, ReportedConvention>;
}

const OPEN_DEFAULT_STAGES = new Set(['notified', 'referred_to_commission', 'referred_to_national_committee', 'formal_default']);

/** Conventions: signed, in force, awaiting signatures, amended, in default. */
export function conventionsReportSection(): ReportSection<State, ConventionEvent> {
  return {
    key: 'conventions',
    title: 'Deployment and financing conventions',
    checklist: ['status of projects and of signed deployment conventions'],
    categories: ['convention'],
    order: 20,
    events: isConventionEvent,
    initialState: () => ({ conventions: {} }),
    evolve(state, event) {
      const id = event.data.conventionId;
      const existing = state.conventions[id];
      const next = conventionDecider.evolve(existing?.state ?? conventionDecider.initialState(), event);
      if (next.status === 'none') return;
      const convention: ReportedConvention = existing ?? {
        streamId: event.streamId,
        title: '',
        state: next,
        inForceSince: null,
        amendmentsInForce: [],
        defaults: {},
      };
      convention.state = next;
      if (event.type === 'ConventionDrafted') convention.title = event.data.title;
      if (event.type === 'ConventionEnteredIntoForce') {
        if (event.data.amendment) convention.amendmentsInForce.push({ version: event.data.version, on: event.data.on });
        else convention.inForceSince = event.data.on;
      }
      if (event.type === 'ConventionDefaultNotified') {
        convention.defaults[event.data.defaultId] = {
          party: event.data.defaultingPartyId,
          notifiedOn: event.data.notifiedOn,
          description: event.data.description,
        };
      }
      state.conventions[id] = convention;
    },
    render({ current, previous, inRegion, actorName, period }) {
      const inPeriod = (date: CalendarDate | null) => date !== null && date >= period.from && date <= period.to;
      const items = Object.values(current.conventions)
        .filter((c) => inRegion(c.streamId))
        .sort((a, b) => byText(a.state.conventionId, b.state.conventionId));
      const conventions: Row[] = [];
      const pending: Row[] = [];
      const defaults: Row[] = [];
      for (const c of items) {
        const { state } = c;
        const latest = state.versions[state.versions.length - 1];
        const expected = state.parties.reduce((sum, p) => sum + p.signaturesRequired, 0);
        conventions.push({
          convention: state.conventionId,
          kind: state.kind,
          title: c.title,
          status: state.status,
          previous_status: previous.conventions[state.conventionId]?.state.status ?? null,
          parties: state.parties.map((p) => actorName(p.actorId)).join('; '),
          version: latest.version,
          signatures: `${latest.signatures.length}/${expected}`,
          in_force_since: c.inForceSince,
          amendments_in_force: c.amendmentsInForce.length,
        });
        if (latest.signatures.length < expected && state.status !== 'terminated' && state.status !== 'expired') {
          for (const party of state.parties) {
            const given = latest.signatures.filter((s) => s.partyId === party.actorId).length;
            if (given < party.signaturesRequired)
              pending.push({
                convention: state.conventionId,
                version: latest.version,
                party: actorName(party.actorId),
                missing: party.signaturesRequired - given,
              });
          }
        }
        for (const [defaultId, stage] of Object.entries(state.defaults).sort(([a], [b]) => byText(a, b))) {
          const details = c.defaults[defaultId];
          defaults.push({
            convention: state.conventionId,
            default: defaultId,
            party: details ? actorName(details.party) : null,
            notified_on: details?.notifiedOn ?? null,
            stage,
          });
        }
      }
      const count = (predicate: (c: ReportedConvention) => boolean) => items.filter(predicate).length;
      return {
        summary: [
          ['conventions', items.length],
          ['in force', count((c) => c.state.status === 'in_force' || c.state.status === 'amendment_pending')],
          ['entered into force this semester', count((c) => inPeriod(c.inForceSince))],
          ['awaiting signatures', count((c) => c.state.status === 'draft' || c.state.status === 'partially_signed' || c.state.status === 'amendment_pending')],
          ['amendments in force this semester', items.reduce((n, c) => n + c.amendmentsInForce.filter((a) => inPeriod(a.on)).length, 0)],
          ['open defaults', defaults.filter((d) => OPEN_DEFAULT_STAGES.has(String(d.stage))).length],
        ],
        tables: [
          {
            name: 'conventions',
            title: 'Conventions',
            columns: ['convention', 'kind', 'title', 'status', 'previous_status', 'parties', 'version', 'signatures', 'in_force_since', 'amendments_in_force'],
            rows: conventions,
          },
          { name: 'pending-signatures', title: 'Signatures awaited', columns: ['convention', 'version', 'party', 'missing'], rows: pending },
          { name: 'convention-defaults', title: 'Defaults of parties', columns: ['convention', 'default', 'party', 'notified_on', 'stage'], rows: defaults },
        ],
        charts: [],
        upcoming: items
          .filter((c) => c.state.endsOn !== null && (c.state.status === 'in_force' || c.state.status === 'amendment_pending'))
          .map((c): CalendarItem => ({ date: c.state.endsOn!, record: c.streamId, kind: 'convention_end', label: c.title })),
      };
    },
  };
}
