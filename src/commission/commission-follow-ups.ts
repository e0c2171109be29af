import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ActorsReadModel } from '../actors/actors.read-model.js';
import { ExecuteCommand } from '../runtime/execute-command.js';
import { commitmentDecider, commitmentStreamId, type CommitmentCommand, type CommitmentSubject, type TargetUnit } from '../commitments/commitment.decider.js';
import { conventionDecider, conventionStreamId, type ConventionCommand } from '../conventions/convention.decider.js';
import { derivedCommandId, type CommandContext } from '../decider/command-handler.js';
import type { RecordedEvent } from '../event-store/event-store.js';
import { Projections } from '../projections/projections.module.js';
import type { TerritoryRef } from '../territory/territory.types.js';
import { commissionDecider, commissionStreamId, type CommissionCommand } from './commission.decider.js';
import { CommissionReadModel, type DecisionRow } from './commission.read-model.js';
import { meetingDecider, meetingStreamId, type DecisionData, type DecisionKind, isMeetingEvent } from './meeting.decider.js';
import type { ActingActor } from '../shared/principal.js';

const NAME = 'commission-follow-ups';

/** Decision kinds that act on another stream once adopted. */
export const FOLLOW_UP_KINDS: readonly DecisionKind[] = [
  'action_request',
  'default_escalation',
  'member_admission',
  'member_departure',
  'rules_change',
  'minutes_approval',
];

/** A committed decision: its data and the event that recorded it (the follow-up's cause). */
export interface CommittedDecision {
  decision: DecisionData;
  eventId: string;
  correlationId: string;
  /** When the decision was taken (its event's occurredAt), not when it was recorded: the follow-up is dated by it. */
  occurredAt: string;
}

/**
 * Carries out what an adopted decision orders on other streams: a commitment for the actor an
 * action is requested from, the referral or formal default on a convention, a member admitted or
 * removed, new decision rules, the approval of earlier minutes. Driven by the committed
 * `DecisionRecorded` event (never by the mutation), each follow-up is one command on one stream
 * whose id derives from the decision event, so a retry, a second instance or a restart mid-way
 * appends it once. On start it goes over every adopted decision again to finish what a crash left.
 */
@Injectable()
export class CommissionFollowUps implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NAME);
  private queue: Promise<unknown> = Promise.resolve();
  private stop?: () => void;

  constructor(
    private readonly commandBus: CommandBus,
    private readonly projections: Projections,
    private readonly readModel: CommissionReadModel,
    private readonly actors: ActorsReadModel,
  ) {}

  onModuleInit(): void {
    this.stop = this.projections.onCommitted((name, events) => {
      if (name !== 'commission') return;
      for (const event of events) {
        const committed = fromEvent(event);
        if (committed) this.enqueue(committed);
      }
    });
  }

  onApplicationBootstrap(): void {
    for (const row of this.readModel.adoptedWithFollowUps(FOLLOW_UP_KINDS)) this.enqueue(fromRow(row));
  }

  /** Stops listening and lets the follow-ups under way finish before the store and projections close. */
  async onModuleDestroy(): Promise<void> {
    this.stop?.();
    await this.queue;
  }

  /** Resolves once every follow-up queued so far is done (tests, shutdown). */
  settled(): Promise<unknown> {
    return this.queue;
  }

  /** Catch-up over the whole register: what a restart does. Returns how many follow-ups appended something. */
  async catchUp(): Promise<number> {
    let applied = 0;
    for (const row of this.readModel.adoptedWithFollowUps(FOLLOW_UP_KINDS)) applied += await this.apply(fromRow(row));
    return applied;
  }

  private enqueue(committed: CommittedDecision) {
    this.queue = this.queue.then(() => this.apply(committed)).catch(() => undefined);
  }

  /** Returns 1 when the follow-up appended something now, 0 when it was done before (or has none). */
  async apply(committed: CommittedDecision): Promise<number> {
    const { decision } = committed;
    if (decision.outcome !== 'adopted' || !decision.subject) return 0;
    const commission = this.readModel.commission(decision.regionCode);
    if (!commission) return 0;
    const principal: ActingActor = { actorId: commission.secretariatActorId, role: 'commission_secretariat' };
    const context: CommandContext = {
      commandId: derivedCommandId(committed.eventId, decision.subject.kind),
      correlationId: committed.correlationId,
      causationId: committed.eventId,
      principal: `system:${NAME}`,
      actingActorId: commission.secretariatActorId,
      occurredAt: committed.occurredAt,
    };
    try {
      const result = await this.commandBus.execute(this.commandFor(decision, principal, context));
      return result.events.length > 0 && !result.replayed ? 1 : 0;
    } catch (error) {
      // A follow-up the target refuses (a retired actor, a default resolved meanwhile) is left for the secretariat; the next start retries it.
      this.logger.warn(`Follow-up of decision ${decision.decisionId} not applied: ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    }
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private commandFor(decision: DecisionData, principal: ActingActor, context: CommandContext): ExecuteCommand<any, any, any> {
    const subject = decision.subject!;
    const facts = {
      decisionId: decision.decisionId,
      meetingId: decision.meetingId,
      regionCode: decision.regionCode,
      kind: decision.kind,
      outcome: decision.outcome,
    };
    switch (subject.kind) {
      case 'action_request': {
        const commitmentId = followUpCommitmentId(decision.decisionId);
        const actor = this.actors.byId(subject.actorId);
        const command: CommitmentCommand = {
          type: 'MakeCommitment',
          principal,
          commitmentId,
          committingActorId: subject.actorId,
          committingActor: actor && { kind: actor.kind, status: actor.status },
          subject: subject.commitmentSubject as CommitmentSubject,
          title: subject.title,
          target: { quantity: subject.target.quantity, unit: subject.target.unit as TargetUnit },
          territories: subject.territories as TerritoryRef[],
          dueDate: subject.dueDate,
          madeOn: decision.meetingDate,
          stemsFrom: { kind: 'commission_decision', decisionId: decision.decisionId, meetingId: decision.meetingId },
        };
        return new ExecuteCommand(commitmentDecider, commitmentStreamId(commitmentId), command, context);
      }
      case 'default_escalation': {
        const command: ConventionCommand =
          subject.escalation === 'referred_to_commission'
            ? { type: 'ReferConventionDefault', principal, defaultId: subject.defaultId }
            : {
                type: 'RecordDefaultDecision',
                principal,
                defaultId: subject.defaultId,
                decisionId: decision.decisionId,
                meetingId: decision.meetingId,
                outcome: subject.escalation,
              };
        return new ExecuteCommand(conventionDecider, conventionStreamId(subject.conventionId), command, context);
      }
      case 'member_admission':
      case 'member_departure':
      case 'rules_change': {
        const command: CommissionCommand =
          subject.kind === 'member_admission'
            ? { type: 'AdmitMember', principal, member: { actorId: subject.actorId, representatives: subject.representatives }, decision: facts }
            : subject.kind === 'member_departure'
              ? { type: 'RemoveMember', principal, actorId: subject.actorId, decision: facts }
              : { type: 'ChangeDecisionRules', principal, rules: subject.rules, decision: facts };
        return new ExecuteCommand(commissionDecider, commissionStreamId(decision.regionCode), command, context);
      }
      case 'minutes_approval':
        return new ExecuteCommand(
          meetingDecider,
          meetingStreamId(subject.meetingId),
          {
            type: 'ApproveMinutes',
            principal,
            version: subject.version,
            decisionId: decision.decisionId,
            approvingMeetingId: decision.meetingId,
            approvingMeetingDate: decision.meetingDate,
          },
          context,
        );
    }
  }
}

/** The commitment an action request creates: one per decision. */
export const followUpCommitmentId = (decisionId: string) => `${decisionId}.commitment`;

function fromEvent(recorded: RecordedEvent): CommittedDecision | undefined {
  if (!isMeetingEvent(recorded)) return undefined;
  const event = recorded;
  if (event.type !== 'DecisionRecorded' || event.data.outcome !== 'adopted' || !FOLLOW_UP_KINDS.includes(event.data.kind)) return undefined;
  return {
    decision: event.data,
    eventId: recorded.id,
    correlationId: recorded.metadata.correlationId,
    occurredAt: recorded.metadata.occurredAt,
  };
}

function fromRow(row: DecisionRow): CommittedDecision {
  const { id, eventId, correlationId, recordedAt: _recordedAt, occurredAt, concernedActorId: _, ...rest } = row;
  return {
    decision: { ...rest, decisionId: id, majority: (row.majority as DecisionData['majority']) ?? null },
    eventId,
    correlationId,
    occurredAt: occurredAt.toISOString(),
  };
}
