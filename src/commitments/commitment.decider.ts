import { isEventOf } from '../event-store/event-store.js';
import type { ActingActor } from '../shared/principal.js';
import { assertNever, type Decider } from '../decider/decider.js';
import { conflict, forbidden, invalid, notFound } from '../decider/errors.js';
import { refusal } from '../decider/refusals.js';
import type { CommitterAction } from '../decider/refusal-phrases.conventions.js';
import { addDays, type CalendarDate } from '../shared/calendar-date.js';
import { checkCalendarDate, tidyText } from '../decider/checks.js';
import type { TerritoryRef } from '../territory/territory.types.js';

/** What an actor commits to (docs/domain.md, "Commitment"). */
export const COMMITMENT_SUBJECTS = ['fixed_coverage', 'mobile_coverage', 'funding', 'service_deployment', 'study', 'other'] as const;
export type CommitmentSubject = (typeof COMMITMENT_SUBJECTS)[number];

export const TARGET_UNITS = ['ftth_premises', 'copper_upgrade_lines', 'mobile_sites', 'euros', 'percent', 'units'] as const;
export type TargetUnit = (typeof TARGET_UNITS)[number];

/** Where a progress figure comes from; only the committing actor may merely declare it. */
export const PROGRESS_SOURCES = ['declared', 'operator_data', 'regulator_data', 'audit'] as const;
export type ProgressSource = (typeof PROGRESS_SOURCES)[number];

export interface Target {
  quantity: number;
  unit: TargetUnit;
}

export type CommitmentOrigin = { kind: 'convention'; conventionId: string } | { kind: 'commission_decision'; decisionId: string; meetingId: string };

/** Facts about a convention that decide needs: undefined when there is no such convention. */
export interface ConventionFacts {
  status: string;
  partyIds: string[];
}

/** Facts about an actor that decide needs and must not look up itself. */
export interface ActorFacts {
  kind: string;
  status: 'active' | 'retired';
}

interface Sent {
  principal: ActingActor;
}

export type CommitmentCommand =
  | (Sent & {
      type: 'MakeCommitment';
      commitmentId: string;
      committingActorId: string;
      /** undefined: no such actor. */
      committingActor: ActorFacts | undefined;
      subject: CommitmentSubject;
      title: string;
      target: Target;
      territories: TerritoryRef[];
      dueDate: CalendarDate;
      /** The day it is made (Paris), from the command's occurredAt. */
      madeOn: CalendarDate;
      stemsFrom?: CommitmentOrigin;
      /** When it stems from a convention: that convention, as known now. */
      originConvention?: ConventionFacts;
    })
  | (Sent & { type: 'ReviseCommitment'; target?: Target; dueDate?: CalendarDate; reason: string; today: CalendarDate })
  | (Sent & { type: 'ReportCommitmentProgress'; value: number; asOf: CalendarDate; source: ProgressSource; note?: string; today: CalendarDate })
  | (Sent & { type: 'FulfilCommitment'; note?: string })
  | (Sent & { type: 'WithdrawCommitment'; reason: string })
  | (Sent & { type: 'DeclareCommitmentBreached'; reason: string })
  /** Sent by the scheduler once the due date has passed (grace included). */
  | (Sent & { type: 'RecordLapsedCommitment'; today: CalendarDate; graceDays: number })
  | (Sent & { type: 'AttachCommitmentToConvention'; conventionId: string; convention: ConventionFacts | undefined });

export type CommitmentStatus = 'active' | 'fulfilled' | 'withdrawn' | 'breached';

export type CommitmentEvent =
  | {
      type: 'CommitmentMade';
      data: {
        commitmentId: string;
        committingActorId: string;
        subject: CommitmentSubject;
        title: string;
        target: Target;
        territories: TerritoryRef[];
        dueDate: CalendarDate;
        madeOn: CalendarDate;
        stemsFrom: CommitmentOrigin | null;
      };
    }
  | {
      type: 'CommitmentRevised';
      data: { commitmentId: string; target: Target; dueDate: CalendarDate; previousTarget: Target; previousDueDate: CalendarDate; reason: string };
    }
  | {
      type: 'CommitmentProgressReported';
      data: { commitmentId: string; value: number; asOf: CalendarDate; source: ProgressSource; note: string | null; supersedesCurrent: boolean };
    }
  | { type: 'CommitmentFulfilled'; data: { commitmentId: string; note: string | null } }
  | { type: 'CommitmentWithdrawn'; data: { commitmentId: string; reason: string } }
  | { type: 'CommitmentBreached'; data: { commitmentId: string; reason: string; declaredBy: string | null; dueDate: CalendarDate } }
  | { type: 'CommitmentAttachedToConvention'; data: { commitmentId: string; conventionId: string } };

export type CommitmentState =
  | { status: 'none' }
  | {
      status: CommitmentStatus;
      commitmentId: string;
      committingActorId: string;
      target: Target;
      dueDate: CalendarDate;
      /** The latest report by its as-of date: the current value. */
      latestProgress: { value: number; asOf: CalendarDate } | null;
      conventionIds: string[];
    };

export const commitmentStreamId = (commitmentId: string) => `commitment-${commitmentId}`;

export const TITLE_MAX_LENGTH = 300;
export const REASON_MAX_LENGTH = 2000;
/** Larger figures are typing mistakes, not commitments (1e13 € is ten thousand billion). */
const MAX_QUANTITY = 1e13;

/** Narrows a recorded event of the log to this decider's events. */
export const isCommitmentEvent = isEventOf<CommitmentEvent>({
  CommitmentMade: true,
  CommitmentRevised: true,
  CommitmentProgressReported: true,
  CommitmentFulfilled: true,
  CommitmentWithdrawn: true,
  CommitmentBreached: true,
  CommitmentAttachedToConvention: true,
});

export const commitmentDecider: Decider<CommitmentCommand, CommitmentEvent, CommitmentState> = {
  events: isCommitmentEvent,
  initialState: () => ({ status: 'none' }),

  evolve(state, event) {
    if (event.type === 'CommitmentMade') {
      const { commitmentId, committingActorId, target, dueDate, stemsFrom } = event.data;
      return {
        status: 'active',
        commitmentId,
        committingActorId,
        target,
        dueDate,
        latestProgress: null,
        conventionIds: stemsFrom?.kind === 'convention' ? [stemsFrom.conventionId] : [],
      };
    }
    if (state.status === 'none') return state;
    switch (event.type) {
      case 'CommitmentRevised':
        return { ...state, target: event.data.target, dueDate: event.data.dueDate };
      case 'CommitmentProgressReported':
        return event.data.supersedesCurrent ? { ...state, latestProgress: { value: event.data.value, asOf: event.data.asOf } } : state;
      case 'CommitmentFulfilled':
        return { ...state, status: 'fulfilled' };
      case 'CommitmentWithdrawn':
        return { ...state, status: 'withdrawn' };
      case 'CommitmentBreached':
        return { ...state, status: 'breached' };
      case 'CommitmentAttachedToConvention':
        return { ...state, conventionIds: [...state.conventionIds, event.data.conventionId] };
      default:
        return assertNever(event, 'commitment event');
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'MakeCommitment': {
        if (state.status !== 'none') throw conflict(refusal('commitment.exists', { commitmentId: command.commitmentId }));
        if (!command.committingActor) throw notFound(refusal('commitment.unknownActor', { actorId: command.committingActorId }));
        if (command.committingActor.status === 'retired') throw conflict(refusal('commitment.actorRetired', { actorId: command.committingActorId }));
        requireMaker(command);
        const title = tidyText(command.title, 'title', TITLE_MAX_LENGTH);
        checkTarget(command.target, 'target');
        checkCalendarDate(command.dueDate, 'dueDate');
        if (command.dueDate <= command.madeOn) throw invalid(refusal('commitment.dueAfterMade'), 'dueDate');
        if (command.territories.length === 0) throw invalid(refusal('territory.required'), 'territories');
        if (new Set(command.territories.map((t) => `${t.kind}:${t.code}`)).size !== command.territories.length) {
          throw invalid(refusal('territory.twice'), 'territories');
        }
        if (command.stemsFrom?.kind === 'convention') {
          requireConventionInForce(command.stemsFrom.conventionId, command.originConvention, command.committingActorId);
        }
        return [
          {
            type: 'CommitmentMade',
            data: {
              commitmentId: command.commitmentId,
              committingActorId: command.committingActorId,
              subject: command.subject,
              title,
              target: command.target,
              territories: command.territories,
              dueDate: command.dueDate,
              madeOn: command.madeOn,
              stemsFrom: command.stemsFrom ?? null,
            },
          },
        ];
      }
      case 'ReviseCommitment': {
        const commitment = requireActive(state);
        requireCommitter(command.principal, commitment, 'revise');
        const reason = tidyText(command.reason, 'reason', REASON_MAX_LENGTH);
        if (command.target === undefined && command.dueDate === undefined) throw invalid(refusal('commitment.targetOrDueDate'), 'target', 'dueDate');
        if (command.target) checkTarget(command.target, 'target');
        if (command.dueDate) {
          checkCalendarDate(command.dueDate, 'dueDate');
          if (command.dueDate < command.today) throw invalid(refusal('commitment.dueDatePast'), 'dueDate');
        }
        const target = command.target ?? commitment.target;
        const dueDate = command.dueDate ?? commitment.dueDate;
        if (target.unit !== commitment.target.unit && commitment.latestProgress) {
          throw invalid(refusal('commitment.unitFixed', { unit: commitment.target.unit }), 'target.unit');
        }
        if (sameTarget(target, commitment.target) && dueDate === commitment.dueDate) return [];
        return [
          {
            type: 'CommitmentRevised',
            data: { commitmentId: commitment.commitmentId, target, dueDate, previousTarget: commitment.target, previousDueDate: commitment.dueDate, reason },
          },
        ];
      }
      case 'ReportCommitmentProgress': {
        const commitment = requireActive(state);
        const { principal, source } = command;
        const isCommitter = principal.role === 'representative' && principal.actorId === commitment.committingActorId;
        const isOverseer = principal.role === 'commission_secretariat' || principal.role === 'national_body' || principal.role === 'admin';
        if (!isCommitter && !isOverseer) throw forbidden(refusal('commitment.progressReporters'));
        if (!isCommitter && source === 'declared') throw invalid(refusal('commitment.declaredByCommitter'), 'source');
        if (!Number.isFinite(command.value) || command.value < 0 || command.value > MAX_QUANTITY) throw invalid(refusal('commitment.progressValue'), 'value');
        checkCalendarDate(command.asOf, 'asOf');
        if (command.asOf > command.today) throw invalid(refusal('commitment.progressInFuture'), 'asOf');
        const note = command.note === undefined ? null : tidyText(command.note, 'note', REASON_MAX_LENGTH);
        const latest = commitment.latestProgress;
        return [
          {
            type: 'CommitmentProgressReported',
            data: {
              commitmentId: commitment.commitmentId,
              value: command.value,
              asOf: command.asOf,
              source,
              note,
              supersedesCurrent: !latest || command.asOf >= latest.asOf,
            },
          },
        ];
      }
      case 'FulfilCommitment': {
        const commitment = requireActive(state);
        requireCommitter(command.principal, commitment, 'declare fulfilled');
        const note = command.note === undefined ? null : tidyText(command.note, 'note', REASON_MAX_LENGTH);
        return [{ type: 'CommitmentFulfilled', data: { commitmentId: commitment.commitmentId, note } }];
      }
      case 'WithdrawCommitment': {
        const commitment = requireActive(state);
        requireCommitter(command.principal, commitment, 'withdraw');
        const reason = tidyText(command.reason, 'reason', REASON_MAX_LENGTH);
        return [{ type: 'CommitmentWithdrawn', data: { commitmentId: commitment.commitmentId, reason } }];
      }
      case 'DeclareCommitmentBreached': {
        const commitment = requireActive(state);
        if (command.principal.role === 'auditor') throw forbidden(refusal('commitment.auditorsRead'));
        const reason = tidyText(command.reason, 'reason', REASON_MAX_LENGTH);
        return [
          {
            type: 'CommitmentBreached',
            data: { commitmentId: commitment.commitmentId, reason, declaredBy: command.principal.actorId, dueDate: commitment.dueDate },
          },
        ];
      }
      case 'RecordLapsedCommitment': {
        if (command.principal.role !== 'admin') throw forbidden(refusal('commitment.lapsedByService'));
        if (state.status !== 'active') return []; // fulfilled, withdrawn or already breached meanwhile: nothing lapses
        if (addDays(state.dueDate, command.graceDays) >= command.today) return []; // revised to a later date meanwhile
        return [
          {
            type: 'CommitmentBreached',
            data: { commitmentId: state.commitmentId, reason: `Due date ${state.dueDate} passed unfulfilled`, declaredBy: null, dueDate: state.dueDate },
          },
        ];
      }
      case 'AttachCommitmentToConvention': {
        const commitment = requireActive(state);
        requireCommitter(command.principal, commitment, 'attach');
        requireConventionInForce(command.conventionId, command.convention, commitment.committingActorId);
        if (commitment.conventionIds.includes(command.conventionId)) return [];
        return [{ type: 'CommitmentAttachedToConvention', data: { commitmentId: commitment.commitmentId, conventionId: command.conventionId } }];
      }
      default:
        return assertNever(command, 'commitment command');
    }
  },
};

type ActiveCommitment = Exclude<CommitmentState, { status: 'none' }>;

function requireActive(state: CommitmentState): ActiveCommitment {
  if (state.status === 'none') throw notFound(refusal('commitment.unknown'));
  if (state.status !== 'active') throw conflict(refusal('commitment.closed', { status: state.status }));
  return state;
}

/** Representatives make their actor's commitments; the secretariat records those a commission decision requests. */
function requireMaker(command: Extract<CommitmentCommand, { type: 'MakeCommitment' }>) {
  const { principal } = command;
  if (principal.role === 'admin') return;
  if (principal.role === 'representative' && principal.actorId === command.committingActorId) return;
  if (principal.role === 'commission_secretariat' && command.stemsFrom?.kind === 'commission_decision') return;
  throw forbidden(refusal('commitment.makerOnly', { actorId: command.committingActorId }));
}

function requireCommitter(principal: ActingActor, commitment: ActiveCommitment, action: CommitterAction) {
  if (principal.role === 'admin') return;
  if (principal.role === 'representative' && principal.actorId === commitment.committingActorId) return;
  throw forbidden(refusal('commitment.committerOnly', { actorId: commitment.committingActorId, action }));
}

/** An amendment awaiting signatures leaves the previous version in force. */
function requireConventionInForce(conventionId: string, convention: ConventionFacts | undefined, committingActorId: string) {
  if (!convention) throw notFound(refusal('commitment.unknownConvention', { conventionId }));
  if (convention.status !== 'in_force' && convention.status !== 'amendment_pending') {
    throw conflict(refusal('commitment.conventionNotInForce'));
  }
  if (!convention.partyIds.includes(committingActorId)) throw conflict(refusal('commitment.notAParty', { actorId: committingActorId, conventionId }));
}

function checkTarget(target: Target, field: string) {
  if (!Number.isFinite(target.quantity) || target.quantity <= 0 || target.quantity > MAX_QUANTITY) {
    throw invalid(refusal('commitment.targetQuantity'), `${field}.quantity`);
  }
  if (target.unit === 'percent' && target.quantity > 100) throw invalid(refusal('commitment.percentTarget'), `${field}.quantity`);
}

function sameTarget(a: Target, b: Target) {
  return a.quantity === b.quantity && a.unit === b.unit;
}
