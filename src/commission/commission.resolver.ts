import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { CurrentPrincipal, PublicRead } from '../auth/access.decorators.js';
import type { Principal } from '../shared/principal.js';
import { ActorsReadModel } from '../actors/actors.read-model.js';
import { CommitmentsReadModel } from '../commitments/commitments.read-model.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { invalid } from '../decider/errors.js';
import { refusal } from '../decider/refusals.js';
import type { RecordedEvent } from '../event-store/event-store.js';
import { commandContext, type CommandInput, type WithoutPrincipal } from '../graphql/command-input.js';
import { apiError } from '../graphql/errors.js';
import { LiveUpdates } from '../graphql/live-updates.js';
import { pageSize, type Connection } from '../graphql/pagination.js';
import { ListSize } from '../graphql/query-limits.js';
import { parisDateOf } from '../shared/calendar-date.js';
import { TerritoryService } from '../territory/territory.service.js';
import { checkTerritoryRefs } from '../territory/territory-input.js';
import { CommissionFollowUps, followUpCommitmentId } from './commission-follow-ups.js';
import { commissionDecider, commissionStreamId, type CommissionCommand, type DecisionRules } from './commission.decider.js';
import {
  AmendAgendaInput,
  CastVoteInput,
  CloseVoteInput,
  ConstituteCommissionInput,
  ConveneMeetingInput,
  DecisionRulesInput,
  DecisionsArgs,
  MeetingCommandInput,
  MeetingsArgs,
  NameRepresentativesInput,
  ProposalInput,
  PublishMinutesInput,
  RecordAttendanceInput,
} from './commission.input.js';
import {
  Commission,
  CommissionPayload,
  Decision,
  DecisionConnection,
  DecisionRecordedUpdate,
  Meeting,
  MeetingConnection,
  MeetingPayload,
  MinutesVersion,
} from './commission.model.js';
import { CommissionReadModel, type CommissionRow, type DecisionRow, type MeetingRow } from './commission.read-model.js';
import { meetingDecider, meetingStreamId, type DecisionKind, type DecisionSubject, type MeetingCommand, type Proposal } from './meeting.decider.js';
import { CommandGateway } from '../graphql/command-gateway.js';

@Resolver(() => Meeting)
export class CommissionResolver {
  constructor(
    private readonly commands: CommandGateway,
    private readonly readModel: CommissionReadModel,
    private readonly territories: TerritoryService,
    private readonly live: LiveUpdates,
    private readonly followUps: CommissionFollowUps,
    private readonly actors: ActorsReadModel,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @PublicRead()
  @Query(() => Commission, { nullable: true, description: 'The CCRANT of a region (INSEE region code, e.g. 52).' })
  commission(@Args('regionCode') regionCode: string): CommissionRow | undefined {
    return this.readModel.commission(regionCode);
  }

  @PublicRead()
  @Query(() => MeetingConnection, { description: 'Meetings by date; filter by region, date range and status.' })
  meetings(@Args() args: MeetingsArgs): Connection<MeetingRow> {
    return this.readModel.meetings(args.filter ?? {}, pageSize(args, this.config.graphql.maxPageSize), args.after);
  }

  @PublicRead()
  @Query(() => Meeting, { nullable: true, description: 'A meeting with its agenda, attendance, decisions and minutes.' })
  meeting(@Args('id', { type: () => ID }) id: string): MeetingRow | undefined {
    return this.readModel.meeting(id);
  }

  @PublicRead()
  @Query(() => DecisionConnection, { description: 'The decision register, by meeting date: filter by region, kind, actor concerned, date range and outcome.' })
  decisions(@Args() args: DecisionsArgs): Connection<DecisionRow> {
    const { kinds, ...filter } = args.filter ?? {};
    return this.readModel.decisions({ ...filter, kinds: kinds as DecisionKind[] | undefined }, pageSize(args, this.config.graphql.maxPageSize), args.after);
  }

  @ListSize(50)
  @ResolveField('decisions', () => [Decision])
  decisionsOf(meeting: MeetingRow): DecisionRow[] {
    return this.readModel.decisionsOfMeeting(meeting.id);
  }

  @ListSize(10)
  @ResolveField('minutes', () => [MinutesVersion], { description: 'Every version of the minutes, oldest first.' })
  minutes(meeting: MeetingRow) {
    return this.readModel.minutes(meeting.id);
  }

  @Subscription(() => DecisionRecordedUpdate, {
    description: 'Every decision recorded, once the register includes it (optionally one region’s).',
    resolve: (update: DecisionRecordedUpdate) => update,
  })
  decisionRecorded(@Args('regionCode', { nullable: true }) regionCode?: string): AsyncIterableIterator<DecisionRecordedUpdate> {
    return this.live.follow('commission', (event: RecordedEvent) => {
      if (event.type !== 'DecisionRecorded') return undefined;
      const { decisionId, regionCode: region } = event.data as { decisionId: string; regionCode: string };
      if (regionCode && region !== regionCode) return undefined;
      const decision = this.readModel.decision(decisionId);
      return decision && ({ position: event.position.toString(), decision } as unknown as DecisionRecordedUpdate);
    });
  }

  @Mutation(() => CommissionPayload, { description: 'The secretariat (SGAR) constitutes the commission of its region: co-chairs, members and decision rules.' })
  constituteCommission(@Args('input') input: ConstituteCommissionInput, @CurrentPrincipal() principal: Principal) {
    const { regionCode, prefectActorId, regionActorId, secretariatActorId } = input;
    const members = input.members.map(({ actorId, representatives }) => ({ actorId, representatives }));
    return this.runOnCommission(
      regionCode,
      { type: 'ConstituteCommission', regionCode, prefectActorId, regionActorId, secretariatActorId, members, rules: toRules(input.rules) },
      input,
      principal,
    );
  }

  @Mutation(() => CommissionPayload, { description: 'A member (or the secretariat) names who sits for it.' })
  nameCommissionRepresentatives(@Args('input') input: NameRepresentativesInput, @CurrentPrincipal() principal: Principal) {
    return this.runOnCommission(
      input.regionCode,
      { type: 'NameRepresentatives', actorId: input.actorId, representatives: input.representatives },
      input,
      principal,
    );
  }

  @Mutation(() => MeetingPayload, {
    description: 'A co-chair or the secretariat convenes a meeting: date (not before the day of occurredAt), place, ordered agenda.',
  })
  conveneMeeting(@Args('input') input: ConveneMeetingInput, @CurrentPrincipal() principal: Principal) {
    const commission = this.readModel.commission(input.regionCode);
    const facts = commission && {
      regionCode: commission.regionCode,
      prefectActorId: commission.prefectActorId,
      regionActorId: commission.regionActorId,
      secretariatActorId: commission.secretariatActorId,
      memberIds: commission.members.map((m) => m.actorId),
      rules: commission.rules,
    };
    const agenda = input.agenda.map(({ itemId, title }) => ({ itemId, title }));
    return this.runOnMeeting(
      input.meetingId,
      {
        type: 'ConveneMeeting',
        meetingId: input.meetingId,
        commission: facts,
        date: input.date,
        place: input.place,
        agenda,
        today: parisDateOf(commandContext(input, principal).occurredAt),
      },
      input,
      principal,
    );
  }

  @Mutation(() => MeetingPayload, { description: 'Before the meeting is held: the whole agenda in its new order.' })
  amendMeetingAgenda(@Args('input') input: AmendAgendaInput, @CurrentPrincipal() principal: Principal) {
    return this.runOnMeeting(input.meetingId, { type: 'AmendAgenda', agenda: input.agenda.map(({ itemId, title }) => ({ itemId, title })) }, input, principal);
  }

  @Mutation(() => MeetingPayload, { description: 'A co-chair or the secretariat records a member present, represented by proxy, or excused.' })
  recordAttendance(@Args('input') input: RecordAttendanceInput, @CurrentPrincipal() principal: Principal) {
    const { memberActorId, representativeId, status, proxyHolderActorId } = input;
    return this.runOnMeeting(input.meetingId, { type: 'RecordAttendance', memberActorId, representativeId, status, proxyHolderActorId }, input, principal);
  }

  @Mutation(() => MeetingPayload, { description: 'The meeting opens (occurredAt on or after its date): decisions can be taken.' })
  holdMeeting(@Args('input') input: MeetingCommandInput, @CurrentPrincipal() principal: Principal) {
    // Held on the day the client says (occurredAt), so earlier meetings can be recorded from the archives.
    return this.runOnMeeting(input.meetingId, { type: 'HoldMeeting', today: parisDateOf(commandContext(input, principal).occurredAt) }, input, principal);
  }

  @Mutation(() => MeetingPayload, { description: 'A co-chair closes the meeting; nothing more is decided in it.' })
  closeMeeting(@Args('input') input: MeetingCommandInput, @CurrentPrincipal() principal: Principal) {
    return this.runOnMeeting(input.meetingId, { type: 'CloseMeeting' }, input, principal);
  }

  @Mutation(() => MeetingPayload, { description: 'A co-chair records a decision taken by consensus on an agenda item.' })
  recordConsensusDecision(@Args('input') input: ProposalInput, @CurrentPrincipal() principal: Principal) {
    return this.runOnMeeting(input.meetingId, { type: 'RecordConsensusDecision', proposal: this.proposal(input) }, input, principal);
  }

  @Mutation(() => MeetingPayload, { description: 'A co-chair opens a vote on an agenda item (commissions that vote).' })
  openVote(@Args('input') input: ProposalInput, @CurrentPrincipal() principal: Principal) {
    return this.runOnMeeting(input.meetingId, { type: 'OpenVote', proposal: this.proposal(input) }, input, principal);
  }

  /** An action can only be requested of a registered, active actor: its follow-up commitment must be possible. */
  private proposal(input: ProposalInput): Proposal {
    const requested = input.actionRequest?.actorId;
    if (requested !== undefined) {
      const actor = this.actors.byId(requested);
      if (!actor) throw invalid(refusal('commission.unregisteredActor', { actorId: requested }), 'actionRequest.actorId');
      if (actor.status === 'retired') throw invalid(refusal('commission.actorRetired', { actorId: requested }), 'actionRequest.actorId');
    }
    return toProposal(input, this.territories);
  }

  @Mutation(() => MeetingPayload, { description: 'A member present (or the member holding its proxy, or the secretariat) votes once.' })
  castVote(@Args('input') input: CastVoteInput, @CurrentPrincipal() principal: Principal) {
    return this.runOnMeeting(
      input.meetingId,
      { type: 'CastVote', itemId: input.itemId, memberActorId: input.memberActorId, choice: input.choice },
      input,
      principal,
    );
  }

  @Mutation(() => MeetingPayload, { description: 'A co-chair closes the vote: the decision records the tally, the quorum check and the outcome.' })
  closeVote(@Args('input') input: CloseVoteInput, @CurrentPrincipal() principal: Principal) {
    return this.runOnMeeting(input.meetingId, { type: 'CloseVote', itemId: input.itemId }, input, principal);
  }

  @Mutation(() => MeetingPayload, { description: 'The secretariat publishes the minutes of a closed meeting; a correction is a new version.' })
  publishMinutes(@Args('input') input: PublishMinutesInput, @CurrentPrincipal() principal: Principal) {
    return this.runOnMeeting(input.meetingId, { type: 'PublishMinutes', documentHash: input.documentHash }, input, principal);
  }

  private async runOnCommission(
    regionCode: string,
    command: WithoutPrincipal<CommissionCommand>,
    input: CommandInput,
    principal: Principal,
  ): Promise<CommissionPayload> {
    const result = await this.commands.send(commissionDecider, commissionStreamId(regionCode), command, input, principal);
    const commission = this.readModel.commission(regionCode);
    if (!commission) throw apiError('NOT_FOUND', `No commission for region ${regionCode}`);
    return { commission: commission as unknown as Commission, revision: result.revision, replayed: result.replayed };
  }

  private async runOnMeeting(meetingId: string, command: WithoutPrincipal<MeetingCommand>, input: CommandInput, principal: Principal): Promise<MeetingPayload> {
    const result = await this.commands.send(meetingDecider, meetingStreamId(meetingId), command, input, principal);
    const meeting = this.readModel.meeting(meetingId);
    if (!meeting) throw apiError('NOT_FOUND', `No meeting ${meetingId}`);
    const recorded = result.events.find((event) => event.type === 'DecisionRecorded');
    // The follow-ups run from the committed event; the response waits for them so it shows their effect.
    if (recorded) await this.followUps.settled();
    const decision = recorded ? this.readModel.decision((recorded.data as { decisionId: string }).decisionId) : null;
    return { meeting: meeting as unknown as Meeting, revision: result.revision, replayed: result.replayed, decision: decision as unknown as Decision | null };
  }
}

@Resolver(() => Decision)
export class DecisionResolver {
  constructor(private readonly commitments: CommitmentsReadModel) {}

  @ResolveField('commitmentId', () => ID, { nullable: true })
  commitmentId(decision: DecisionRow): string | null {
    if (decision.kind !== 'action_request' || decision.outcome !== 'adopted') return null;
    const id = followUpCommitmentId(decision.id);
    return this.commitments.byId(id) ? id : null;
  }
}

function toRules(input: DecisionRulesInput): DecisionRules {
  if (input.mode === 'consensus') return { mode: 'consensus' };
  if (input.quorumShare === undefined) throw invalid(refusal('commission.voteQuorum'), 'rules.quorumShare');
  return { mode: 'vote', quorumShare: input.quorumShare, majority: input.majority ?? 'simple' };
}

function toProposal(input: ProposalInput, territories: TerritoryService): Proposal {
  const kind = input.kind as DecisionKind;
  let subject: DecisionSubject | null = null;
  const given = [input.actionRequest, input.defaultEscalation, input.newMember, input.departingActorId, input.rules, input.minutes].filter(
    (x) => x !== undefined,
  );
  if (given.length > 1) throw invalid(refusal('commission.oneSubject'), 'actionRequest');
  if (input.actionRequest) {
    const a = input.actionRequest;
    const refs = checkTerritoryRefs(territories, a.territories, 'actionRequest.territories');
    subject = {
      kind: 'action_request',
      actorId: a.actorId,
      commitmentSubject: a.commitmentSubject,
      title: a.title,
      target: { quantity: a.target.quantity, unit: a.target.unit },
      territories: refs.map((r) => ({ kind: r.kind, code: r.code })),
      dueDate: a.dueDate,
    };
  } else if (input.defaultEscalation) {
    const { conventionId, defaultId, escalation } = input.defaultEscalation;
    subject = { kind: 'default_escalation', conventionId, defaultId, escalation };
  } else if (input.newMember) subject = { kind: 'member_admission', actorId: input.newMember.actorId, representatives: input.newMember.representatives };
  else if (input.departingActorId) subject = { kind: 'member_departure', actorId: input.departingActorId };
  else if (input.rules) subject = { kind: 'rules_change', rules: toRules(input.rules) };
  else if (input.minutes) subject = { kind: 'minutes_approval', meetingId: input.minutes.meetingId, version: input.minutes.version };
  return { itemId: input.itemId, kind, text: input.text, subject };
}
