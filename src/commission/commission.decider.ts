import { isEventOf } from '../event-store/event-store.js';
import type { ActingActor } from '../shared/principal.js';
import { assertNever, type Decider } from '../decider/decider.js';
import { conflict, forbidden, invalid, notFound } from '../decider/errors.js';
import type { CommissionChange } from '../decider/refusal-phrases.commission.js';
import { refusal } from '../decider/refusals.js';

/** docs/domain.md, "CCRANT meeting and decision": the commission of one region. */

/** How the majority of a vote is counted (abstentions never count for). */
export const MAJORITY_KINDS = ['simple', 'absolute', 'two_thirds'] as const;
export type MajorityKind = (typeof MAJORITY_KINDS)[number];

/** Consensus only, or votes with a quorum (share of members present or represented) and a majority. */
export type DecisionRules = { mode: 'consensus' } | { mode: 'vote'; quorumShare: number; majority: MajorityKind };

export interface Member {
  actorId: string;
  /** Person ids of the people who sit for the actor. */
  representatives: string[];
}

/** What a commission command may rely on about the decision that orders it (looked up by the caller). */
export interface DecisionFacts {
  decisionId: string;
  meetingId: string;
  regionCode: string;
  kind: string;
  outcome: 'adopted' | 'rejected';
}

interface Sent {
  principal: ActingActor;
}

export type CommissionCommand =
  | (Sent & {
      type: 'ConstituteCommission';
      regionCode: string;
      prefectActorId: string;
      regionActorId: string;
      secretariatActorId: string;
      members: Member[];
      rules: DecisionRules;
    })
  | (Sent & { type: 'AdmitMember'; member: Member; decision: DecisionFacts | undefined })
  | (Sent & { type: 'RemoveMember'; actorId: string; decision: DecisionFacts | undefined })
  | (Sent & { type: 'ChangeDecisionRules'; rules: DecisionRules; decision: DecisionFacts | undefined })
  | (Sent & { type: 'NameRepresentatives'; actorId: string; representatives: string[] });

export type CommissionEvent =
  | {
      type: 'CommissionConstituted';
      data: { regionCode: string; prefectActorId: string; regionActorId: string; secretariatActorId: string; members: Member[]; rules: DecisionRules };
    }
  | { type: 'MemberAdmitted'; data: { regionCode: string; member: Member; decisionId: string; meetingId: string } }
  | { type: 'MemberRemoved'; data: { regionCode: string; actorId: string; decisionId: string; meetingId: string } }
  | { type: 'DecisionRulesChanged'; data: { regionCode: string; rules: DecisionRules; previousRules: DecisionRules; decisionId: string; meetingId: string } }
  | { type: 'RepresentativesNamed'; data: { regionCode: string; actorId: string; representatives: string[] } };

export type CommissionState =
  | { status: 'none' }
  | {
      status: 'constituted';
      regionCode: string;
      prefectActorId: string;
      regionActorId: string;
      secretariatActorId: string;
      members: Member[];
      rules: DecisionRules;
      /** Decisions already applied: a repeated follow-up changes nothing. */
      appliedDecisionIds: string[];
    };

export type Commission = Exclude<CommissionState, { status: 'none' }>;

export const commissionStreamId = (regionCode: string) => `commission-${regionCode}`;

export const MAX_MEMBERS = 200;
export const MAX_REPRESENTATIVES = 10;

/** Narrows a recorded event of the log to this decider's events. */
export const isCommissionEvent = isEventOf<CommissionEvent>({
  CommissionConstituted: true,
  MemberAdmitted: true,
  MemberRemoved: true,
  DecisionRulesChanged: true,
  RepresentativesNamed: true,
});

export const commissionDecider: Decider<CommissionCommand, CommissionEvent, CommissionState> = {
  events: isCommissionEvent,
  initialState: () => ({ status: 'none' }),

  evolve(state, event) {
    if (event.type === 'CommissionConstituted') {
      const { regionCode, prefectActorId, regionActorId, secretariatActorId, members, rules } = event.data;
      return { status: 'constituted', regionCode, prefectActorId, regionActorId, secretariatActorId, members, rules, appliedDecisionIds: [] };
    }
    if (state.status === 'none') return state;
    switch (event.type) {
      case 'MemberAdmitted':
        return { ...state, members: [...state.members, event.data.member], appliedDecisionIds: [...state.appliedDecisionIds, event.data.decisionId] };
      case 'MemberRemoved':
        return {
          ...state,
          members: state.members.filter((m) => m.actorId !== event.data.actorId),
          appliedDecisionIds: [...state.appliedDecisionIds, event.data.decisionId],
        };
      case 'DecisionRulesChanged':
        return { ...state, rules: event.data.rules, appliedDecisionIds: [...state.appliedDecisionIds, event.data.decisionId] };
      case 'RepresentativesNamed':
        return { ...state, members: state.members.map((m) => (m.actorId === event.data.actorId ? { ...m, representatives: event.data.representatives } : m)) };
      default:
        return assertNever(event, 'commission event');
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'ConstituteCommission': {
        if (state.status !== 'none') throw conflict(refusal('commission.constituted', { regionCode: command.regionCode }));
        const { principal } = command;
        if (principal.role !== 'admin' && !(principal.role === 'commission_secretariat' && principal.actorId === command.secretariatActorId)) {
          throw forbidden(refusal('commission.constituteBySecretariat'));
        }
        if (command.prefectActorId === command.regionActorId) throw invalid(refusal('commission.coChairsDistinct'), 'regionActorId');
        checkMembers(command.members, 'members');
        const memberIds = command.members.map((m) => m.actorId);
        if (!memberIds.includes(command.prefectActorId)) throw invalid(refusal('commission.prefectMember'), 'members');
        if (!memberIds.includes(command.regionActorId)) throw invalid(refusal('commission.regionMember'), 'members');
        checkRules(command.rules, 'rules');
        const { regionCode, prefectActorId, regionActorId, secretariatActorId, members, rules } = command;
        return [{ type: 'CommissionConstituted', data: { regionCode, prefectActorId, regionActorId, secretariatActorId, members, rules } }];
      }
      case 'AdmitMember': {
        const ordered = orderedBy(state, command, 'member_admission');
        if (!ordered) return [];
        const { commission, decision } = ordered;
        if (commission.members.some((m) => m.actorId === command.member.actorId))
          throw conflict(refusal('commission.alreadyMember', { actorId: command.member.actorId }));
        if (commission.members.length >= MAX_MEMBERS) throw conflict(refusal('commission.fullMembership', { max: MAX_MEMBERS }));
        checkMembers([command.member], 'member');
        return [
          {
            type: 'MemberAdmitted',
            data: { regionCode: commission.regionCode, member: command.member, decisionId: decision.decisionId, meetingId: decision.meetingId },
          },
        ];
      }
      case 'RemoveMember': {
        const ordered = orderedBy(state, command, 'member_departure');
        if (!ordered) return [];
        const { commission, decision } = ordered;
        if (!commission.members.some((m) => m.actorId === command.actorId)) throw conflict(refusal('commission.notMember', { actorId: command.actorId }));
        if (command.actorId === commission.prefectActorId || command.actorId === commission.regionActorId) throw conflict(refusal('commission.coChairStays'));
        return [
          {
            type: 'MemberRemoved',
            data: { regionCode: commission.regionCode, actorId: command.actorId, decisionId: decision.decisionId, meetingId: decision.meetingId },
          },
        ];
      }
      case 'ChangeDecisionRules': {
        const ordered = orderedBy(state, command, 'rules_change');
        if (!ordered) return [];
        const { commission, decision } = ordered;
        checkRules(command.rules, 'rules');
        return [
          {
            type: 'DecisionRulesChanged',
            data: {
              regionCode: commission.regionCode,
              rules: command.rules,
              previousRules: commission.rules,
              decisionId: decision.decisionId,
              meetingId: decision.meetingId,
            },
          },
        ];
      }
      case 'NameRepresentatives': {
        const commission = requireConstituted(state);
        const { principal } = command;
        const isOwn = principal.role === 'representative' && principal.actorId === command.actorId;
        const isSecretariat =
          principal.role === 'admin' || (principal.role === 'commission_secretariat' && principal.actorId === commission.secretariatActorId);
        if (!isOwn && !isSecretariat) throw forbidden(refusal('commission.representativesNamedBy', { actorId: command.actorId }));
        const member = commission.members.find((m) => m.actorId === command.actorId);
        if (!member) throw notFound(refusal('commission.unknownMember', { actorId: command.actorId }));
        checkRepresentatives(command.representatives, 'representatives');
        if (sameList(member.representatives, command.representatives)) return [];
        return [
          { type: 'RepresentativesNamed', data: { regionCode: commission.regionCode, actorId: command.actorId, representatives: command.representatives } },
        ];
      }
      default:
        return assertNever(command, 'commission command');
    }
  },
};

function requireConstituted(state: CommissionState): Commission {
  if (state.status === 'none') throw notFound(refusal('commission.notConstituted'));
  return state;
}

/** The commission and the decision ordering the change; undefined when that decision is already applied. */
function orderedBy(state: CommissionState, command: Sent & { decision: DecisionFacts | undefined }, kind: CommissionChange) {
  const commission = requireConstituted(state);
  requireSecretariat(command.principal, commission);
  const decision = requireDecision(command.decision, commission, kind);
  return commission.appliedDecisionIds.includes(decision.decisionId) ? undefined : { commission, decision };
}

function requireSecretariat(principal: ActingActor, commission: Commission) {
  if (principal.role === 'admin') return;
  if (principal.role === 'commission_secretariat' && principal.actorId === commission.secretariatActorId) return;
  throw forbidden(refusal('commission.secretariatRecords'));
}

/** Membership and rules change only by an adopted decision of this very commission. */
function requireDecision(decision: DecisionFacts | undefined, commission: Commission, kind: CommissionChange): DecisionFacts {
  if (!decision) throw notFound(refusal('commission.noDecision'));
  if (decision.regionCode !== commission.regionCode) throw conflict(refusal('commission.decisionOtherCommission', { decisionId: decision.decisionId }));
  if (decision.kind !== kind) throw conflict(refusal('commission.decisionKind', { decisionId: decision.decisionId, kind }));
  if (decision.outcome !== 'adopted') throw conflict(refusal('commission.decisionNotAdopted', { decisionId: decision.decisionId }));
  return decision;
}

function checkMembers(members: Member[], field: string) {
  if (members.length === 0) throw invalid(refusal('commission.memberRequired'), field);
  if (members.length > MAX_MEMBERS) throw invalid(refusal('commission.maxMembers', { max: MAX_MEMBERS }), field);
  if (new Set(members.map((m) => m.actorId)).size !== members.length) throw invalid(refusal('commission.memberTwice'), field);
  members.forEach((m, i) =>
    checkRepresentatives(m.representatives, members.length === 1 && field === 'member' ? `${field}.representatives` : `${field}.${i}.representatives`),
  );
}

function checkRepresentatives(representatives: string[], field: string) {
  if (representatives.length === 0) throw invalid(refusal('commission.representativeRequired'), field);
  if (representatives.length > MAX_REPRESENTATIVES) throw invalid(refusal('commission.maxRepresentatives', { max: MAX_REPRESENTATIVES }), field);
  if (new Set(representatives).size !== representatives.length) throw invalid(refusal('commission.representativeTwice'), field);
}

export function checkRules(rules: DecisionRules, field: string) {
  if (rules.mode === 'consensus') return;
  if (!Number.isFinite(rules.quorumShare) || rules.quorumShare <= 0 || rules.quorumShare > 1) {
    throw invalid(refusal('commission.quorumShare'), `${field}.quorumShare`);
  }
}

function sameList(a: string[], b: string[]) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
