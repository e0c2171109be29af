import { isEventOf } from '../event-store/event-store.js';
import { assertNever, type Decider } from '../decider/decider.js';
import { conflict, forbidden, invalid, notFound } from '../decider/errors.js';
import { refusal } from '../decider/refusals.js';
import type { MeetingAction } from '../decider/refusal-phrases.meetings.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import { checkCalendarDate, checkDocumentHash, tidyText } from '../decider/checks.js';
import type { DecisionRules, MajorityKind } from './commission.decider.js';
import type { ActingActor } from '../shared/principal.js';

/** docs/domain.md, "CCRANT meeting and decision": one meeting, its agenda, attendance, decisions and minutes. */

export const DECISION_KINDS = [
  'strategy_adoption',
  'phasing_plan_adoption',
  'opinion',
  'action_request',
  'recommendation',
  'default_escalation',
  'conclusions',
  'member_admission',
  'member_departure',
  'rules_change',
  'minutes_approval',
] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const ATTENDANCE_STATUSES = ['present', 'proxy', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const VOTE_CHOICES = ['for', 'against', 'abstain'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

export type MeetingStatus = 'convened' | 'held' | 'closed';
export type DecisionOutcome = 'adopted' | 'rejected';

/** The commission as it stands when the meeting is convened (looked up by the caller). */
export interface CommissionFacts {
  regionCode: string;
  prefectActorId: string;
  regionActorId: string;
  secretariatActorId: string;
  memberIds: string[];
  rules: DecisionRules;
}

export interface AgendaItem {
  itemId: string;
  title: string;
}

export interface Attendance {
  memberActorId: string;
  /** Person id of who sits (for a proxy: who holds it). */
  representativeId: string | null;
  status: AttendanceStatus;
  /** The member actor holding the proxy. */
  proxyHolderActorId: string | null;
}

/** What the follow-ups need, by kind; the other kinds carry no subject. */
export type DecisionSubject =
  | {
      kind: 'action_request';
      actorId: string;
      commitmentSubject: string;
      title: string;
      target: { quantity: number; unit: string };
      territories: { kind: string; code: string }[];
      dueDate: CalendarDate;
    }
  | {
      kind: 'default_escalation';
      conventionId: string;
      defaultId: string;
      escalation: 'referred_to_commission' | 'referred_to_national_committee' | 'formal_default';
    }
  | { kind: 'member_admission'; actorId: string; representatives: string[] }
  | { kind: 'member_departure'; actorId: string }
  | { kind: 'rules_change'; rules: DecisionRules }
  | { kind: 'minutes_approval'; meetingId: string; version: number };

export interface Tally {
  for: number;
  against: number;
  abstain: number;
}

export interface QuorumCheck {
  members: number;
  presentOrRepresented: number;
  quorumShare: number;
  reached: boolean;
}

export interface Proposal {
  itemId: string;
  kind: DecisionKind;
  text: string;
  subject: DecisionSubject | null;
}

interface Sent {
  principal: ActingActor;
}

export type MeetingCommand =
  | (Sent & {
      type: 'ConveneMeeting';
      meetingId: string;
      commission: CommissionFacts | undefined;
      date: CalendarDate;
      place: string;
      agenda: AgendaItem[];
      today: CalendarDate;
    })
  | (Sent & { type: 'AmendAgenda'; agenda: AgendaItem[] })
  | (Sent & { type: 'RecordAttendance'; memberActorId: string; representativeId?: string; status: AttendanceStatus; proxyHolderActorId?: string })
  | (Sent & { type: 'HoldMeeting'; today: CalendarDate })
  | (Sent & { type: 'CloseMeeting' })
  | (Sent & { type: 'RecordConsensusDecision'; proposal: Proposal })
  | (Sent & { type: 'OpenVote'; proposal: Proposal })
  | (Sent & { type: 'CastVote'; itemId: string; memberActorId: string; choice: VoteChoice })
  | (Sent & { type: 'CloseVote'; itemId: string })
  | (Sent & { type: 'PublishMinutes'; documentHash: string })
  /** Sent by the follow-ups of a minutes approval decided at a later meeting. */
  | (Sent & { type: 'ApproveMinutes'; version: number; decisionId: string; approvingMeetingId: string; approvingMeetingDate: CalendarDate });

export interface DecisionData {
  meetingId: string;
  regionCode: string;
  decisionId: string;
  itemId: string;
  kind: DecisionKind;
  text: string;
  subject: DecisionSubject | null;
  mode: 'consensus' | 'vote';
  outcome: DecisionOutcome;
  /** The co-chair who recorded the consensus or closed the vote. */
  recordedBy: string;
  meetingDate: CalendarDate;
  tally: Tally | null;
  quorum: QuorumCheck | null;
  majority: MajorityKind | null;
}

export type MeetingEvent =
  | {
      type: 'MeetingConvened';
      data: {
        meetingId: string;
        regionCode: string;
        date: CalendarDate;
        place: string;
        agenda: AgendaItem[];
        convenedBy: string;
        coChairIds: string[];
        secretariatActorId: string;
        memberIds: string[];
        rules: DecisionRules;
      };
    }
  | { type: 'AgendaAmended'; data: { meetingId: string; agenda: AgendaItem[] } }
  | { type: 'AttendanceRecorded'; data: { meetingId: string } & Attendance }
  | { type: 'MeetingHeld'; data: { meetingId: string } }
  | { type: 'MeetingClosed'; data: { meetingId: string } }
  | { type: 'VoteOpened'; data: { meetingId: string; decisionId: string; openedBy: string } & Proposal }
  | { type: 'VoteCast'; data: { meetingId: string; itemId: string; memberActorId: string; choice: VoteChoice } }
  | { type: 'DecisionRecorded'; data: DecisionData }
  | { type: 'MinutesPublished'; data: { meetingId: string; version: number; documentHash: string } }
  | { type: 'MinutesApproved'; data: { meetingId: string; version: number; decisionId: string; approvingMeetingId: string } };

export interface OpenVote extends Proposal {
  votes: Record<string, VoteChoice>;
}

export type MeetingState =
  | { status: 'none' }
  | {
      status: MeetingStatus;
      meetingId: string;
      regionCode: string;
      date: CalendarDate;
      agenda: AgendaItem[];
      coChairIds: string[];
      secretariatActorId: string;
      memberIds: string[];
      rules: DecisionRules;
      attendance: Record<string, Attendance>;
      openVotes: Record<string, OpenVote>;
      decidedItemIds: string[];
      minutes: { version: number; documentHash: string }[];
      approvedVersion: number | null;
    };

export type Meeting = Exclude<MeetingState, { status: 'none' }>;

export const meetingStreamId = (meetingId: string) => `meeting-${meetingId}`;
/** One decision per agenda item. */
export const decisionIdFor = (meetingId: string, itemId: string) => `${meetingId}.${itemId}`;

export const PLACE_MAX_LENGTH = 300;
export const ITEM_TITLE_MAX_LENGTH = 300;
export const DECISION_TEXT_MAX_LENGTH = 4000;
export const MAX_AGENDA_ITEMS = 50;

/** Narrows a recorded event of the log to this decider's events. */
export const isMeetingEvent = isEventOf<MeetingEvent>({
  MeetingConvened: true,
  AgendaAmended: true,
  AttendanceRecorded: true,
  MeetingHeld: true,
  MeetingClosed: true,
  VoteOpened: true,
  VoteCast: true,
  DecisionRecorded: true,
  MinutesPublished: true,
  MinutesApproved: true,
});

export const meetingDecider: Decider<MeetingCommand, MeetingEvent, MeetingState> = {
  events: isMeetingEvent,
  initialState: () => ({ status: 'none' }),

  evolve(state, event) {
    if (event.type === 'MeetingConvened') {
      const { meetingId, regionCode, date, agenda, coChairIds, secretariatActorId, memberIds, rules } = event.data;
      return {
        status: 'convened',
        meetingId,
        regionCode,
        date,
        agenda,
        coChairIds,
        secretariatActorId,
        memberIds,
        rules,
        attendance: {},
        openVotes: {},
        decidedItemIds: [],
        minutes: [],
        approvedVersion: null,
      };
    }
    if (state.status === 'none') return state;
    switch (event.type) {
      case 'AgendaAmended':
        return { ...state, agenda: event.data.agenda };
      case 'AttendanceRecorded': {
        const { meetingId: _, ...attendance } = event.data;
        return { ...state, attendance: { ...state.attendance, [attendance.memberActorId]: attendance } };
      }
      case 'MeetingHeld':
        return { ...state, status: 'held' };
      case 'MeetingClosed':
        return { ...state, status: 'closed' };
      case 'VoteOpened': {
        const { itemId, kind, text, subject } = event.data;
        return { ...state, openVotes: { ...state.openVotes, [itemId]: { itemId, kind, text, subject, votes: {} } } };
      }
      case 'VoteCast': {
        const vote = state.openVotes[event.data.itemId];
        return {
          ...state,
          openVotes: { ...state.openVotes, [vote.itemId]: { ...vote, votes: { ...vote.votes, [event.data.memberActorId]: event.data.choice } } },
        };
      }
      case 'DecisionRecorded': {
        const { [event.data.itemId]: _, ...openVotes } = state.openVotes;
        return { ...state, openVotes, decidedItemIds: [...state.decidedItemIds, event.data.itemId] };
      }
      case 'MinutesPublished':
        return { ...state, minutes: [...state.minutes, { version: event.data.version, documentHash: event.data.documentHash }] };
      case 'MinutesApproved':
        return { ...state, approvedVersion: event.data.version };
      default:
        return assertNever(event, 'meeting event');
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'ConveneMeeting': {
        if (state.status !== 'none') throw conflict(refusal('meeting.exists', { meetingId: command.meetingId }));
        const commission = command.commission;
        if (!commission) throw notFound(refusal('meeting.noCommission'));
        const { principal } = command;
        if (!isCoChairOrSecretariat(principal, [commission.prefectActorId, commission.regionActorId], commission.secretariatActorId)) {
          throw forbidden(refusal('meeting.convenedBy'));
        }
        checkCalendarDate(command.date, 'date');
        if (command.date < command.today) throw invalid(refusal('meeting.dateToCome'), 'date');
        const place = tidyText(command.place, 'place', PLACE_MAX_LENGTH);
        const agenda = checkAgenda(command.agenda);
        return [
          {
            type: 'MeetingConvened',
            data: {
              meetingId: command.meetingId,
              regionCode: commission.regionCode,
              date: command.date,
              place,
              agenda,
              convenedBy: principal.actorId,
              coChairIds: [commission.prefectActorId, commission.regionActorId],
              secretariatActorId: commission.secretariatActorId,
              memberIds: commission.memberIds,
              rules: commission.rules,
            },
          },
        ];
      }
      case 'AmendAgenda': {
        const meeting = requireMeeting(state);
        requireCoChairOrSecretariat(command.principal, meeting, 'amend the agenda');
        if (meeting.status !== 'convened') throw conflict(refusal('meeting.agendaBeforeHeld'));
        const agenda = checkAgenda(command.agenda);
        if (sameAgenda(agenda, meeting.agenda)) return [];
        return [{ type: 'AgendaAmended', data: { meetingId: meeting.meetingId, agenda } }];
      }
      case 'RecordAttendance': {
        const meeting = requireMeeting(state);
        requireCoChairOrSecretariat(command.principal, meeting, 'record attendance');
        if (meeting.status === 'closed') throw conflict(refusal('meeting.closed'));
        if (!meeting.memberIds.includes(command.memberActorId))
          throw invalid(refusal('meeting.notMember', { actorId: command.memberActorId }), 'memberActorId');
        const attendance = checkAttendance(command, meeting);
        const votedAlready = Object.values(meeting.openVotes).some((v) => command.memberActorId in v.votes);
        if (votedAlready && attendance.status === 'excused') throw conflict(refusal('meeting.votedNotExcused', { memberActorId: command.memberActorId }));
        const current = meeting.attendance[command.memberActorId];
        if (current && JSON.stringify(current) === JSON.stringify(attendance)) return [];
        return [{ type: 'AttendanceRecorded', data: { meetingId: meeting.meetingId, ...attendance } }];
      }
      case 'HoldMeeting': {
        const meeting = requireMeeting(state);
        requireCoChairOrSecretariat(command.principal, meeting, 'open the meeting');
        if (meeting.status === 'held') return [];
        if (meeting.status !== 'convened') throw conflict(refusal('meeting.closed'));
        if (command.today < meeting.date) throw conflict(refusal('meeting.convenedFor', { date: meeting.date }));
        return [{ type: 'MeetingHeld', data: { meetingId: meeting.meetingId } }];
      }
      case 'CloseMeeting': {
        const meeting = requireMeeting(state);
        requireCoChair(command.principal, meeting, 'close the meeting');
        if (meeting.status === 'closed') return [];
        if (meeting.status !== 'held') throw conflict(refusal('meeting.notHeldClose'));
        const open = Object.keys(meeting.openVotes);
        if (open.length > 0) throw conflict(refusal('meeting.closeVotesFirst', { itemIds: open }));
        return [{ type: 'MeetingClosed', data: { meetingId: meeting.meetingId } }];
      }
      case 'RecordConsensusDecision': {
        const meeting = requireSitting(state);
        requireCoChair(command.principal, meeting, 'record a consensus');
        const proposal = checkProposal(command.proposal, meeting);
        return [{ type: 'DecisionRecorded', data: decisionData(meeting, proposal, command.principal.actorId, 'consensus', 'adopted', null, null) }];
      }
      case 'OpenVote': {
        const meeting = requireSitting(state);
        requireCoChair(command.principal, meeting, 'open a vote');
        if (meeting.rules.mode !== 'vote') throw conflict(refusal('meeting.consensusOnly'));
        const proposal = checkProposal(command.proposal, meeting);
        return [
          {
            type: 'VoteOpened',
            data: {
              meetingId: meeting.meetingId,
              decisionId: decisionIdFor(meeting.meetingId, proposal.itemId),
              openedBy: command.principal.actorId,
              ...proposal,
            },
          },
        ];
      }
      case 'CastVote': {
        const meeting = requireSitting(state);
        const vote = meeting.openVotes[command.itemId];
        if (!vote) throw notFound(refusal('meeting.noOpenVote', { itemId: command.itemId }));
        const attendance = meeting.attendance[command.memberActorId];
        if (!meeting.memberIds.includes(command.memberActorId)) throw forbidden(refusal('meeting.notMember', { actorId: command.memberActorId }));
        if (!attendance || attendance.status === 'excused') throw conflict(refusal('meeting.notPresent', { memberActorId: command.memberActorId }));
        requireVoter(command.principal, meeting, attendance);
        if (command.memberActorId in vote.votes)
          throw conflict(refusal('meeting.alreadyVoted', { memberActorId: command.memberActorId, itemId: command.itemId }));
        return [
          { type: 'VoteCast', data: { meetingId: meeting.meetingId, itemId: command.itemId, memberActorId: command.memberActorId, choice: command.choice } },
        ];
      }
      case 'CloseVote': {
        const meeting = requireSitting(state);
        requireCoChair(command.principal, meeting, 'close a vote');
        const vote = meeting.openVotes[command.itemId];
        if (!vote) throw notFound(refusal('meeting.noOpenVote', { itemId: command.itemId }));
        if (meeting.rules.mode !== 'vote') throw conflict(refusal('meeting.consensusOnly'));
        const present = Object.values(meeting.attendance).filter((a) => a.status !== 'excused').length;
        const result = voteOutcome(Object.values(vote.votes), present, meeting.memberIds.length, meeting.rules);
        const { votes: _, ...proposal } = vote;
        return [
          {
            type: 'DecisionRecorded',
            data: decisionData(meeting, proposal, command.principal.actorId, 'vote', result.outcome, result.tally, result.quorum, meeting.rules.majority),
          },
        ];
      }
      case 'PublishMinutes': {
        const meeting = requireMeeting(state);
        requireSecretariat(command.principal, meeting);
        if (meeting.status !== 'closed') throw conflict(refusal('meeting.minutesOnceClosed'));
        checkDocumentHash(command.documentHash);
        const latest = meeting.minutes[meeting.minutes.length - 1];
        if (latest?.documentHash === command.documentHash) return [];
        if (meeting.minutes.some((m) => m.documentHash === command.documentHash)) throw conflict(refusal('meeting.minutesEarlierVersion'));
        return [{ type: 'MinutesPublished', data: { meetingId: meeting.meetingId, version: meeting.minutes.length + 1, documentHash: command.documentHash } }];
      }
      case 'ApproveMinutes': {
        const meeting = requireMeeting(state);
        requireSecretariat(command.principal, meeting);
        if (!meeting.minutes.some((m) => m.version === command.version)) throw notFound(refusal('meeting.noMinutesVersion', { version: command.version }));
        if (command.approvingMeetingId === meeting.meetingId || command.approvingMeetingDate < meeting.date) {
          throw conflict(refusal('meeting.minutesApprovedLater'));
        }
        if (meeting.approvedVersion === command.version) return [];
        return [
          {
            type: 'MinutesApproved',
            data: { meetingId: meeting.meetingId, version: command.version, decisionId: command.decisionId, approvingMeetingId: command.approvingMeetingId },
          },
        ];
      }
      default:
        return assertNever(command, 'meeting command');
    }
  },
};

/**
 * The rule's arithmetic. Quorum: members present or represented over all members reach the share.
 * Majority over the votes cast: simple, more for than against; absolute, more for than half of all
 * votes cast (abstentions included); two-thirds, at least two thirds of for + against, and at least one for.
 * Without quorum a vote cannot adopt.
 */
export function voteOutcome(votes: VoteChoice[], presentOrRepresented: number, members: number, rules: Extract<DecisionRules, { mode: 'vote' }>) {
  const tally: Tally = { for: 0, against: 0, abstain: 0 };
  for (const choice of votes) tally[choice]++;
  const reached = members > 0 && presentOrRepresented >= rules.quorumShare * members - 1e-9;
  const quorum: QuorumCheck = { members, presentOrRepresented, quorumShare: rules.quorumShare, reached };
  const majority = majorityReached(tally, rules.majority);
  const outcome: DecisionOutcome = reached && majority ? 'adopted' : 'rejected';
  return { tally, quorum, outcome };
}

function majorityReached(tally: Tally, kind: MajorityKind): boolean {
  switch (kind) {
    case 'simple':
      return tally.for > tally.against;
    case 'absolute':
      return 2 * tally.for > tally.for + tally.against + tally.abstain;
    case 'two_thirds':
      return tally.for > 0 && 3 * tally.for >= 2 * (tally.for + tally.against);
    default:
      return assertNever(kind, 'majority kind');
  }
}

function decisionData(
  meeting: Meeting,
  proposal: Proposal,
  recordedBy: string,
  mode: 'consensus' | 'vote',
  outcome: DecisionOutcome,
  tally: Tally | null,
  quorum: QuorumCheck | null,
  majority: MajorityKind | null = null,
): DecisionData {
  return {
    meetingId: meeting.meetingId,
    regionCode: meeting.regionCode,
    decisionId: decisionIdFor(meeting.meetingId, proposal.itemId),
    itemId: proposal.itemId,
    kind: proposal.kind,
    text: proposal.text,
    subject: proposal.subject,
    mode,
    outcome,
    recordedBy,
    meetingDate: meeting.date,
    tally,
    quorum,
    majority,
  };
}

function requireMeeting(state: MeetingState): Meeting {
  if (state.status === 'none') throw notFound(refusal('meeting.unknown'));
  return state;
}

/** Decisions are taken while the meeting sits: held, not closed. */
function requireSitting(state: MeetingState): Meeting {
  const meeting = requireMeeting(state);
  if (meeting.status === 'closed') throw conflict(refusal('meeting.closedNoDecision'));
  if (meeting.status !== 'held') throw conflict(refusal('meeting.notOpened'));
  return meeting;
}

function isCoChairOrSecretariat(principal: ActingActor, coChairIds: string[], secretariatActorId: string) {
  if (principal.role === 'admin') return true;
  if (principal.role === 'representative' && coChairIds.includes(principal.actorId)) return true;
  return principal.role === 'commission_secretariat' && principal.actorId === secretariatActorId;
}

function requireCoChairOrSecretariat(principal: ActingActor, meeting: Meeting, what: MeetingAction) {
  if (!isCoChairOrSecretariat(principal, meeting.coChairIds, meeting.secretariatActorId))
    throw forbidden(refusal('meeting.coChairOrSecretariatOnly', { action: what }));
}

function requireCoChair(principal: ActingActor, meeting: Meeting, what: MeetingAction) {
  if (principal.role === 'admin') return;
  if (principal.role === 'representative' && meeting.coChairIds.includes(principal.actorId)) return;
  throw forbidden(refusal('meeting.coChairOnly', { action: what }));
}

function requireSecretariat(principal: ActingActor, meeting: Meeting) {
  if (principal.role === 'admin') return;
  if (principal.role === 'commission_secretariat' && principal.actorId === meeting.secretariatActorId) return;
  throw forbidden(refusal('meeting.secretariatMinutes'));
}

/** The member's own representative, the member holding its proxy, or the secretariat recording a show of hands. */
function requireVoter(principal: ActingActor, meeting: Meeting, attendance: Attendance) {
  if (principal.role === 'admin') return;
  if (principal.role === 'commission_secretariat' && principal.actorId === meeting.secretariatActorId) return;
  if (principal.role === 'representative') {
    if (attendance.status === 'present' && principal.actorId === attendance.memberActorId) return;
    if (attendance.status === 'proxy' && principal.actorId === attendance.proxyHolderActorId) return;
  }
  throw forbidden(refusal('meeting.voterOnly', { memberActorId: attendance.memberActorId, proxy: attendance.status === 'proxy' }));
}

function checkAgenda(agenda: AgendaItem[]): AgendaItem[] {
  if (agenda.length === 0) throw invalid(refusal('meeting.agendaEmpty'), 'agenda');
  if (agenda.length > MAX_AGENDA_ITEMS) throw invalid(refusal('meeting.agendaMax', { max: MAX_AGENDA_ITEMS }), 'agenda');
  if (new Set(agenda.map((i) => i.itemId)).size !== agenda.length) throw invalid(refusal('meeting.agendaItemTwice'), 'agenda');
  return agenda.map((item, i) => ({ itemId: item.itemId, title: tidyText(item.title, `agenda.${i}.title`, ITEM_TITLE_MAX_LENGTH) }));
}

function sameAgenda(a: AgendaItem[], b: AgendaItem[]) {
  return a.length === b.length && a.every((item, i) => item.itemId === b[i].itemId && item.title === b[i].title);
}

function checkAttendance(command: Extract<MeetingCommand, { type: 'RecordAttendance' }>, meeting: Meeting): Attendance {
  const { memberActorId, status } = command;
  const representativeId = command.representativeId ?? null;
  const proxyHolderActorId = command.proxyHolderActorId ?? null;
  if (status === 'present' && !representativeId) throw invalid(refusal('meeting.representativeRequired'), 'representativeId');
  if (status === 'proxy') {
    if (!proxyHolderActorId) throw invalid(refusal('meeting.proxyHolderRequired'), 'proxyHolderActorId');
    if (proxyHolderActorId === memberActorId) throw invalid(refusal('meeting.ownProxy'), 'proxyHolderActorId');
    if (!meeting.memberIds.includes(proxyHolderActorId)) throw invalid(refusal('meeting.notMember', { actorId: proxyHolderActorId }), 'proxyHolderActorId');
    if (meeting.attendance[proxyHolderActorId]?.status !== 'present') throw conflict(refusal('meeting.proxyHolderPresent', { actorId: proxyHolderActorId }));
  } else if (proxyHolderActorId) throw invalid(refusal('meeting.proxyHolderOnlyForProxy'), 'proxyHolderActorId');
  if (status === 'excused' && representativeId) throw invalid(refusal('meeting.excusedNobody'), 'representativeId');
  return { memberActorId, representativeId, status, proxyHolderActorId };
}

function checkProposal(proposal: Proposal, meeting: Meeting): Proposal {
  if (!meeting.agenda.some((i) => i.itemId === proposal.itemId)) throw notFound(refusal('meeting.noItem', { itemId: proposal.itemId }));
  if (meeting.decidedItemIds.includes(proposal.itemId)) throw conflict(refusal('meeting.itemDecided', { itemId: proposal.itemId }));
  if (proposal.itemId in meeting.openVotes) throw conflict(refusal('meeting.voteOpen', { itemId: proposal.itemId }));
  const text = tidyText(proposal.text, 'text', DECISION_TEXT_MAX_LENGTH);
  const needsSubject = ['action_request', 'default_escalation', 'member_admission', 'member_departure', 'rules_change', 'minutes_approval'].includes(
    proposal.kind,
  );
  if (needsSubject && proposal.subject?.kind !== proposal.kind) throw invalid(refusal('meeting.subjectRequired', { kind: proposal.kind }), 'subject');
  if (!needsSubject && proposal.subject !== null) throw invalid(refusal('meeting.noSubject', { kind: proposal.kind }), 'subject');
  if (proposal.subject?.kind === 'action_request') {
    checkCalendarDate(proposal.subject.dueDate, 'subject.dueDate');
    if (proposal.subject.dueDate <= meeting.date) throw invalid(refusal('meeting.actionDueAfter'), 'subject.dueDate');
    tidyText(proposal.subject.title, 'subject.title', ITEM_TITLE_MAX_LENGTH);
  }
  if (proposal.subject?.kind === 'minutes_approval' && proposal.subject.meetingId === meeting.meetingId) {
    throw invalid(refusal('meeting.minutesApprovedLater'), 'subject.meetingId');
  }
  if (proposal.subject?.kind === 'member_departure' && meeting.coChairIds.includes(proposal.subject.actorId)) {
    throw invalid(refusal('meeting.coChairStays'), 'subject.actorId');
  }
  return { itemId: proposal.itemId, kind: proposal.kind, text, subject: proposal.subject };
}
