import { isEventOf } from '../event-store/event-store.js';
import type { Role } from '../shared/principal.js';
import { assertNever, type Decider } from '../decider/decider.js';
import { conflict, forbidden } from '../decider/errors.js';

export interface IssueNationalSynthesis {
  type: 'IssueNationalSynthesis';
  principal: { actorId: string; role: Role };
  semester: string;
  sha256: string;
  /** The regional reports it is made of (region, sha256), and the regions missing. */
  sources: { region: string; sha256: string }[];
  missing: string[];
  cutoffPassed: boolean;
}

export type NationalSynthesisEvent =
  | { type: 'NationalSynthesisIssued'; data: { semester: string; sha256: string; sources: { region: string; sha256: string }[]; missing: string[] } }
  | {
      type: 'NationalSynthesisReissued';
      data: { semester: string; sha256: string; previousSha256: string; sources: { region: string; sha256: string }[]; missing: string[] };
    };

export type NationalSynthesisState = { versions: string[] };

export const nationalSynthesisStreamId = (semester: string) => `nationalSynthesis-${semester}`;

const ISSUERS: readonly Role[] = ['admin', 'national_body'];

/** Narrows a recorded event of the log to this decider's events. */
export const isNationalSynthesisEvent = isEventOf<NationalSynthesisEvent>({ NationalSynthesisIssued: true, NationalSynthesisReissued: true });

/** The national body issues the synthesis once the semester is over; again when reports arrived since. */
export const nationalSynthesisDecider: Decider<IssueNationalSynthesis, NationalSynthesisEvent, NationalSynthesisState> = {
  events: isNationalSynthesisEvent,
  initialState: () => ({ versions: [] }),
  evolve(state, event) {
    switch (event.type) {
      case 'NationalSynthesisIssued':
      case 'NationalSynthesisReissued':
        return { versions: [...state.versions, event.data.sha256] };
      default:
        return assertNever(event, 'national synthesis event');
    }
  },
  decide(command, state) {
    if (!ISSUERS.includes(command.principal.role)) throw forbidden('Only a national body or an admin issues the national synthesis');
    if (!command.cutoffPassed) throw conflict(`The semester ${command.semester} is not over: its synthesis cannot be issued yet`);
    const { semester, sha256, sources, missing } = command;
    const last = state.versions.at(-1);
    if (last === undefined) return [{ type: 'NationalSynthesisIssued', data: { semester, sha256, sources, missing } }];
    if (last === sha256) throw conflict(`The ${semester} national synthesis is already issued with these very figures (${sha256})`);
    return [{ type: 'NationalSynthesisReissued', data: { semester, sha256, previousSha256: last, sources, missing } }];
  },
};
