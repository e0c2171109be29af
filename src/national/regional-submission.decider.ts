import { isEventOf } from '../event-store/event-store.js';
import type { Role } from '../shared/principal.js';
import { assertNever, type Decider } from '../decider/decider.js';
import { forbidden, invalid } from '../decider/errors.js';
import { verifyBundle, type AcceptedHead, type SubmissionBundle } from './submission-bundle.js';

export interface SubmitRegionalReport {
  type: 'SubmitRegionalReport';
  principal: { actorId: string; role: Role };
  /** The region the caller submits for (the guard checked the caller may act in it). */
  region: string;
  bundle: SubmissionBundle;
}

export interface RegionalReportAccepted {
  type: 'RegionalReportAccepted';
  data: {
    region: string;
    semester: string;
    sha256: string;
    treeSize: number;
    root: string;
    issuedAt: string;
    issuedBy: string;
    reissue: boolean;
    /** The report bytes as submitted: the synthesis reads its figures from them. */
    report: string;
  };
}

export type RegionalSubmissionState = { last: AcceptedHead | null };

/** One stream per region: its accepted submissions, each checked against the one before. */
export const regionalSubmissionStreamId = (region: string) => `regionalSubmission-${region}`;

const SUBMITTERS: readonly Role[] = ['admin', 'commission_secretariat'];

/** Narrows a recorded event of the log to this decider's events. */
export const isRegionalReportAcceptedEvent = isEventOf<RegionalReportAccepted>({ RegionalReportAccepted: true });

export const regionalSubmissionDecider: Decider<SubmitRegionalReport, RegionalReportAccepted, RegionalSubmissionState> = {
  events: isRegionalReportAcceptedEvent,
  initialState: () => ({ last: null }),
  evolve(state, event) {
    switch (event.type) {
      case 'RegionalReportAccepted': {
        const { treeSize, root, semester, sha256 } = event.data;
        return { last: { treeSize, root, reports: [...(state.last?.reports ?? []), `${semester}:${sha256}`] } };
      }
      default:
        return assertNever(event.type, 'regional submission event');
    }
  },
  decide(command, state) {
    if (!SUBMITTERS.includes(command.principal.role)) throw forbidden('Only a region’s commission secretariat (or an admin) submits its report');
    const verdict = verifyBundle(command.bundle, command.region, state.last);
    if (!verdict.ok) throw invalid(`Bundle refused (${verdict.refusal}): ${verdict.reason}`, 'bundle');
    const { region, semester, sha256, seal, issuedAt, issuedBy, reissue } = verdict;
    return [
      {
        type: 'RegionalReportAccepted',
        data: { region, semester, sha256, treeSize: seal.treeSize, root: seal.root, issuedAt, issuedBy, reissue, report: command.bundle.report },
      },
    ];
  },
};
