import type { Role } from '../auth/principal.js';
import { assertNever, type Decider } from '../decider/decider.js';
import { conflict, forbidden, invalid } from '../decider/errors.js';
import { tidyText } from '../shared/checks.js';

export interface IssuedVersion {
  sha256: string;
  /** Log position the report is pinned to (decimal). */
  position: string;
  cutoff: string;
  recipients: string[];
  /** Null for the first issue; the reason for a re-issue. */
  reason: string | null;
}

interface Sent {
  principal: { actorId: string; role: Role };
}

interface Generated {
  region: string;
  semester: string;
  sha256: string;
  position: string;
  cutoff: string;
  recipients: string[];
  /** A report is issued once its cut-off has passed (a fact, not a clock: retries decide alike). */
  cutoffPassed: boolean;
}

export type ReportCommand = (Sent & Generated & { type: 'IssueReport' }) | (Sent & Generated & { type: 'ReissueReport'; reason: string });

export type ReportEvent =
  | { type: 'ReportIssued'; data: { region: string; semester: string } & Omit<IssuedVersion, 'reason'> }
  | { type: 'ReportReissued'; data: { region: string; semester: string; previousSha256: string } & IssuedVersion & { reason: string } };

export type ReportState = { status: 'none' } | { status: 'issued'; region: string; semester: string; versions: IssuedVersion[] };

/** One stream per region and semester: created with "no stream", so two instances never both issue. */
export const reportStreamId = (region: string, semester: string) => `report-${region}-${semester}`;

export const REASON_MAX_LENGTH = 2000;
const ISSUERS: readonly Role[] = ['admin', 'commission_secretariat'];

export const reportDecider: Decider<ReportCommand, ReportEvent, ReportState> = {
  initialState: () => ({ status: 'none' }),

  evolve(state, event) {
    switch (event.type) {
      case 'ReportIssued': {
        const { region, semester, ...version } = event.data;
        return { status: 'issued', region, semester, versions: [{ ...version, reason: null }] };
      }
      case 'ReportReissued': {
        if (state.status === 'none') return state;
        const { region: _region, semester: _semester, previousSha256: _previous, ...version } = event.data;
        return { ...state, versions: [...state.versions, version] };
      }
      default:
        return assertNever(event, 'report event');
    }
  },

  decide(command, state) {
    if (!ISSUERS.includes(command.principal.role)) throw forbidden('Only an administrator or the commission secretariat may issue a report');
    if (!command.cutoffPassed) throw conflict(`The semester ${command.semester} is not over: its cut-off ${command.cutoff} has not passed`);
    const { region, semester, sha256, position, cutoff, recipients } = command;
    if (recipients.length === 0) throw invalid('A report goes to at least one recipient', 'recipients');
    switch (command.type) {
      case 'IssueReport':
        if (state.status === 'issued') throw conflict(`The ${semester} report of region ${region} is already issued; re-issue it with a reason`);
        return [{ type: 'ReportIssued', data: { region, semester, sha256, position, cutoff, recipients } }];
      case 'ReissueReport': {
        if (state.status === 'none') throw conflict(`The ${semester} report of region ${region} has not been issued yet`);
        const reason = tidyText(command.reason, 'reason', REASON_MAX_LENGTH);
        const previousSha256 = state.versions[state.versions.length - 1]!.sha256;
        return [{ type: 'ReportReissued', data: { region, semester, sha256, position, cutoff, recipients, reason, previousSha256 } }];
      }
      default:
        return assertNever(command, 'report command');
    }
  },
};
