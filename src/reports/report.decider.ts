import { isEventOf } from '../event-store/event-store.js';
import type { Role } from '../shared/principal.js';
import { assertNever, type Decider } from '../decider/decider.js';
import { conflict, forbidden, invalid } from '../decider/errors.js';
import { tidyText } from '../decider/checks.js';

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

/** The secretariat's text on a draft: a summary of the semester and a comment per chapter. */
export interface ReportNarrative {
  summary: string | null;
  /** By chapter (section key), in key order. */
  comments: Record<string, string>;
}

export type ReportCommand =
  | (Sent & Generated & { type: 'IssueReport' })
  | (Sent & Generated & { type: 'ReissueReport'; reason: string; text?: { summary?: string; comments?: { chapter: string; text: string }[] } })
  | (Sent & { type: 'WriteReportSummary'; region: string; semester: string; text: string })
  | (Sent & { type: 'CommentReportChapter'; region: string; semester: string; chapter: string; text: string });

export type ReportEvent =
  | { type: 'ReportIssued'; data: { region: string; semester: string } & Omit<IssuedVersion, 'reason'> & { narrative?: ReportNarrative } }
  | {
      type: 'ReportReissued';
      data: { region: string; semester: string; previousSha256: string } & IssuedVersion & { reason: string; narrative?: ReportNarrative };
    }
  | { type: 'ReportSummaryWritten'; data: { region: string; semester: string; text: string } }
  | { type: 'ReportChapterCommented'; data: { region: string; semester: string; chapter: string; text: string } };

export type ReportState =
  | { status: 'none'; narrative?: ReportNarrative }
  | { status: 'issued'; region: string; semester: string; versions: IssuedVersion[]; narrative?: ReportNarrative };

/** One stream per region and semester: created with "no stream", so two instances never both issue. */
export const reportStreamId = (region: string, semester: string) => `report-${region}-${semester}`;

export const REASON_MAX_LENGTH = 2000;
export const SUMMARY_MAX_LENGTH = 8000;
export const COMMENT_MAX_LENGTH = 4000;
/** The chapters a comment may go to: the report's sections and the map. */
export const COMMENTABLE_CHAPTERS = [
  'network-projects',
  'conventions',
  'commitments',
  'white-zones',
  'usage-projects',
  'concertation',
  'map',
  'forward-calendar',
  'corrections',
] as const;

/**
 * Plain text with paragraphs: lines and blank lines are kept (trailing spaces and more than one
 * blank line are tidied); control characters other than the line feed are refused, and so is markup.
 */
export function checkNarrativeText(raw: string, field: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/.test(raw.replace(/\r\n/g, '\n').replace(/\t/g, ' ')))
    throw invalid(`${field} must be plain text: no control characters`, field);
  if (/<\/?[a-zA-Z][^>]*>/.test(raw)) throw invalid(`${field} must be plain text, not HTML`, field);
  const text = raw
    .replace(/\r\n/g, '\n')
    .replace(/\t/g, ' ')
    .split('\n')
    .map((line) => line.replace(/ +/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (text.length === 0) throw invalid(`${field} must not be empty`, field);
  if (text.length > max) throw invalid(`${field} must be at most ${max} characters`, field);
  return text;
}

const emptyNarrative = (): ReportNarrative => ({ summary: null, comments: {} });
const hasText = (n: ReportNarrative | undefined): n is ReportNarrative => !!n && (n.summary !== null || Object.keys(n.comments).length > 0);
const ISSUERS: readonly Role[] = ['admin', 'commission_secretariat'];

/** Narrows a recorded event of the log to this decider's events. */
export const isReportEvent = isEventOf<ReportEvent>({ ReportIssued: true, ReportReissued: true, ReportSummaryWritten: true, ReportChapterCommented: true });

export const reportDecider: Decider<ReportCommand, ReportEvent, ReportState> = {
  events: isReportEvent,
  initialState: () => ({ status: 'none' }),

  evolve(state, event) {
    switch (event.type) {
      case 'ReportIssued': {
        const { region, semester, narrative, ...version } = event.data;
        return { status: 'issued', region, semester, versions: [{ ...version, reason: null }], ...(narrative ? { narrative } : {}) };
      }
      case 'ReportReissued': {
        if (state.status === 'none') return state;
        const { region: _region, semester: _semester, previousSha256: _previous, narrative, ...version } = event.data;
        return { ...state, versions: [...state.versions, version], ...(narrative ? { narrative } : {}) };
      }
      case 'ReportSummaryWritten':
        return { ...state, narrative: { ...(state.narrative ?? emptyNarrative()), summary: event.data.text } };
      case 'ReportChapterCommented': {
        const narrative = state.narrative ?? emptyNarrative();
        const comments = Object.fromEntries(
          Object.entries({ ...narrative.comments, [event.data.chapter]: event.data.text }).sort(([a], [b]) => (a < b ? -1 : 1)),
        );
        return { ...state, narrative: { ...narrative, comments } };
      }
      default:
        return assertNever(event, 'report event');
    }
  },

  decide(command, state) {
    if (command.type === 'WriteReportSummary' || command.type === 'CommentReportChapter') {
      if (!ISSUERS.includes(command.principal.role)) throw forbidden('Only an administrator or the commission secretariat may write the report’s text');
      if (state.status === 'issued')
        throw conflict(`The ${command.semester} report of region ${command.region} is already issued: its text is as it was issued`);
      const { region, semester } = command;
      if (command.type === 'WriteReportSummary')
        return [{ type: 'ReportSummaryWritten', data: { region, semester, text: checkNarrativeText(command.text, 'text', SUMMARY_MAX_LENGTH) } }];
      if (!(COMMENTABLE_CHAPTERS as readonly string[]).includes(command.chapter))
        throw invalid(`chapter is one of ${COMMENTABLE_CHAPTERS.join(', ')}`, 'chapter');
      return [
        {
          type: 'ReportChapterCommented',
          data: { region, semester, chapter: command.chapter, text: checkNarrativeText(command.text, 'text', COMMENT_MAX_LENGTH) },
        },
      ];
    }
    if (!ISSUERS.includes(command.principal.role)) throw forbidden('Only an administrator or the commission secretariat may issue a report');
    if (!command.cutoffPassed) throw conflict(`The semester ${command.semester} is not over: its cut-off ${command.cutoff} has not passed`);
    const { region, semester, sha256, position, cutoff, recipients } = command;
    if (recipients.length === 0) throw invalid('A report goes to at least one recipient', 'recipients');
    switch (command.type) {
      case 'IssueReport':
        if (state.status === 'issued') throw conflict(`The ${semester} report of region ${region} is already issued; re-issue it with a reason`);
        // The text as it stands is part of the issue: later reads show it as issued.
        return [
          {
            type: 'ReportIssued',
            data: { region, semester, sha256, position, cutoff, recipients, ...(hasText(state.narrative) ? { narrative: state.narrative } : {}) },
          },
        ];
      case 'ReissueReport': {
        if (state.status === 'none') throw conflict(`The ${semester} report of region ${region} has not been issued yet`);
        const reason = tidyText(command.reason, 'reason', REASON_MAX_LENGTH);
        const previousSha256 = state.versions[state.versions.length - 1].sha256;
        // A re-issue may carry new text: the summary and the comments given replace those issued.
        const narrative = revisedNarrative(state.narrative ?? emptyNarrative(), command.text);
        return [
          {
            type: 'ReportReissued',
            data: { region, semester, sha256, position, cutoff, recipients, reason, previousSha256, ...(hasText(narrative) ? { narrative } : {}) },
          },
        ];
      }
      default:
        return assertNever(command, 'report command');
    }
  },
};

/** The issued text with a re-issue's new summary and comments, each checked as when written on the draft. */
function revisedNarrative(issued: ReportNarrative, text: { summary?: string; comments?: { chapter: string; text: string }[] } | undefined): ReportNarrative {
  if (!text) return issued;
  const comments = { ...issued.comments };
  for (const { chapter, text: comment } of text.comments ?? []) {
    if (!(COMMENTABLE_CHAPTERS as readonly string[]).includes(chapter)) throw invalid(`chapter is one of ${COMMENTABLE_CHAPTERS.join(', ')}`, 'comments');
    comments[chapter] = checkNarrativeText(comment, 'comments', COMMENT_MAX_LENGTH);
  }
  return {
    summary: text.summary === undefined ? issued.summary : checkNarrativeText(text.summary, 'summary', SUMMARY_MAX_LENGTH),
    comments: Object.fromEntries(Object.entries(comments).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}
