import { isEventOf } from '../event-store/event-store.js';
import type { Role } from '../shared/principal.js';
import { assertNever, type Decider } from '../decider/decider.js';
import { conflict, forbidden } from '../decider/errors.js';

/** A restated report as recorded: enough to generate its exact bytes again and to find the original. */
export interface Restatement {
  sha256: string;
  /** Log position the restatement is pinned to (decimal): regenerated "as known at" it. */
  position: string;
  cutoff: string;
  /** The issued report it restates (its latest version when restated); null when none was issued. */
  restates: { version: number; sha256: string } | null;
  /** The report as issued, regenerated, whose figures it compares with. */
  asIssuedSha256: string;
  /** Facts about the semester or earlier recorded after its cut-off (imports, late recordings, corrections). */
  recordedSince: number;
}

export type RestatedReportCommand = {
  type: 'RestateReport';
  principal: { actorId: string; role: Role };
  region: string;
  semester: string;
  cutoffPassed: boolean;
} & Restatement;

export type RestatedReportEvent = { type: 'ReportRestated'; data: { region: string; semester: string } & Restatement };

export type RestatedReportState = { restatements: Restatement[] };

/** The restatements of a region's semester, one stream per region and semester, beside the report's own. */
export const restatedReportStreamId = (region: string, semester: string) => `restatedReport-${region}-${semester}`;

const ISSUERS: readonly Role[] = ['admin', 'commission_secretariat'];

/** Narrows a recorded event of the log to this decider's events. */
export const isRestatedReportEvent = isEventOf<RestatedReportEvent>({ ReportRestated: true });

export const restatedReportDecider: Decider<RestatedReportCommand, RestatedReportEvent, RestatedReportState> = {
  events: isRestatedReportEvent,
  initialState: () => ({ restatements: [] }),

  evolve(state, event) {
    switch (event.type) {
      case 'ReportRestated': {
        const { region: _region, semester: _semester, ...restatement } = event.data;
        return { restatements: [...state.restatements, restatement] };
      }
      default:
        return assertNever(event.type, 'restated report event');
    }
  },

  decide(command, state) {
    if (!ISSUERS.includes(command.principal.role)) throw forbidden('Only an administrator or the commission secretariat may issue a restated report');
    if (!command.cutoffPassed) throw conflict(`The semester ${command.semester} is not over: there is nothing to restate yet`);
    const { region, semester, sha256, position, cutoff, restates, asIssuedSha256, recordedSince } = command;
    if (recordedSince === 0) throw conflict('Nothing about this semester was recorded after its cut-off: the report as known now is the report as issued');
    const last = state.restatements[state.restatements.length - 1];
    if (last && last.sha256 === sha256) throw conflict(`This restatement was already issued (${sha256.slice(0, 12)}…): nothing changed since`);
    return [{ type: 'ReportRestated', data: { region, semester, sha256, position, cutoff, restates, asIssuedSha256, recordedSince } }];
  },
};
