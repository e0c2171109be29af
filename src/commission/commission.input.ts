import { applyDecorators } from '@nestjs/common';
import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { TargetInput } from '../commitments/commitment.input.js';
import { CommitmentSubjectEnum } from '../commitments/commitment.model.js';
import { CommandInput } from '../graphql/command-input.js';
import { PERSON_ID } from '../graphql/ids.js';
import { PageArgs } from '../graphql/pagination.js';
import { AreTerritoryRefs, TerritoryRefInput } from '../territory/territory.model.js';
import { MAX_MEMBERS, MAX_REPRESENTATIVES } from './commission.decider.js';
import { DECISION_TEXT_MAX_LENGTH, ITEM_TITLE_MAX_LENGTH, MAX_AGENDA_ITEMS, PLACE_MAX_LENGTH } from './meeting.decider.js';
import {
  AttendanceStatusEnum,
  DecisionKindEnum,
  DecisionModeEnum,
  DecisionOutcomeEnum,
  DefaultEscalationEnum,
  MajorityKindEnum,
  MeetingStatusEnum,
  VoteChoiceEnum,
} from './commission.model.js';
import { IsAmount, IsCalendarDate, IsDocumentHash, IsEntityId, IsNested, IsText } from '../graphql/field-kinds.js';

const REGION_CODE = /^\d{2}$/;
const REGION_MESSAGE = 'a region INSEE code is 2 digits (e.g. 52)';
const PERSON_MESSAGE = 'person ids are 1-100 characters: letters, digits, - _ . :';

@InputType()
export class DecisionRulesInput {
  @Field(() => DecisionModeEnum)
  @IsIn(Object.values(DecisionModeEnum))
  mode!: 'consensus' | 'vote';

  @Field(() => Float, { nullable: true, description: 'Votes only: share of members present or represented for a quorum, (0-1].' })
  @IsAmount({ optional: true })
  quorumShare?: number;

  @Field(() => MajorityKindEnum, { nullable: true, description: 'Votes only (default SIMPLE).' })
  @IsOptional()
  @IsIn(Object.values(MajorityKindEnum))
  majority?: 'simple' | 'absolute' | 'two_thirds';
}

@InputType()
export class MemberInput {
  @Field(() => ID)
  @IsEntityId()
  actorId!: string;

  @Field(() => [ID], { description: 'Person ids of who sits for the actor.' })
  @Matches(PERSON_ID, { each: true, message: PERSON_MESSAGE })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REPRESENTATIVES)
  representatives!: string[];
}

@InputType()
export class ConstituteCommissionInput extends CommandInput {
  @Field()
  @Matches(REGION_CODE, { message: REGION_MESSAGE })
  regionCode!: string;

  @Field(() => ID)
  @IsEntityId()
  prefectActorId!: string;

  @Field(() => ID)
  @IsEntityId()
  regionActorId!: string;

  @Field(() => ID)
  @IsEntityId()
  secretariatActorId!: string;

  @Field(() => [MemberInput], { description: 'Including both co-chairs.' })
  @IsNested(() => MemberInput, { each: true })
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_MEMBERS)
  members!: MemberInput[];

  @Field(() => DecisionRulesInput)
  @IsNested(() => DecisionRulesInput)
  rules!: DecisionRulesInput;
}

@InputType()
export class NameRepresentativesInput extends CommandInput {
  @Field()
  @Matches(REGION_CODE, { message: REGION_MESSAGE })
  regionCode!: string;

  @Field(() => ID)
  @IsEntityId()
  actorId!: string;

  @Field(() => [ID])
  @Matches(PERSON_ID, { each: true, message: PERSON_MESSAGE })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REPRESENTATIVES)
  representatives!: string[];
}

@InputType()
export class AgendaItemInput {
  @Field(() => ID)
  @IsEntityId()
  itemId!: string;

  @Field()
  @IsText(ITEM_TITLE_MAX_LENGTH)
  title!: string;
}

const AgendaField = (description: string) =>
  applyDecorators(
    Field(() => [AgendaItemInput], { description }),
    ValidateNested({ each: true }),
    Type(() => AgendaItemInput),
    ArrayMinSize(1),
    ArrayMaxSize(MAX_AGENDA_ITEMS),
  );

@InputType()
export class ConveneMeetingInput extends CommandInput {
  @Field(() => ID)
  @IsEntityId()
  meetingId!: string;

  @Field()
  @Matches(REGION_CODE, { message: REGION_MESSAGE })
  regionCode!: string;

  @Field({ description: 'YYYY-MM-DD, not before the day the convocation is sent (occurredAt; by default today, in Europe/Paris).' })
  @IsCalendarDate()
  date!: string;

  @Field()
  @IsText(PLACE_MAX_LENGTH)
  place!: string;

  @AgendaField('In order.')
  agenda!: AgendaItemInput[];
}

@InputType()
export class MeetingCommandInput extends CommandInput {
  @Field(() => ID)
  @IsEntityId()
  meetingId!: string;
}

@InputType()
export class AmendAgendaInput extends MeetingCommandInput {
  @AgendaField('The whole agenda, in its new order.')
  agenda!: AgendaItemInput[];
}

@InputType()
export class RecordAttendanceInput extends MeetingCommandInput {
  @Field(() => ID)
  @IsEntityId()
  memberActorId!: string;

  @Field(() => ID, { nullable: true, description: 'Who sits (required when PRESENT).' })
  @IsOptional()
  @Matches(PERSON_ID, { message: PERSON_MESSAGE })
  representativeId?: string;

  @Field(() => AttendanceStatusEnum)
  @IsIn(Object.values(AttendanceStatusEnum))
  status!: 'present' | 'proxy' | 'excused';

  @Field(() => ID, { nullable: true, description: 'PROXY: the member present who holds it.' })
  @IsEntityId({ optional: true })
  proxyHolderActorId?: string;
}

@InputType({ description: 'An action requested from an actor: becomes that actor’s commitment once adopted.' })
export class ActionRequestInput {
  @Field(() => ID)
  @IsEntityId()
  actorId!: string;

  @Field(() => CommitmentSubjectEnum)
  @IsIn(Object.values(CommitmentSubjectEnum))
  commitmentSubject!: string;

  @Field()
  @IsText(ITEM_TITLE_MAX_LENGTH)
  title!: string;

  @Field(() => TargetInput)
  @IsNested(() => TargetInput)
  target!: TargetInput;

  @Field(() => [TerritoryRefInput])
  @AreTerritoryRefs({ min: 1, max: 200 })
  territories!: TerritoryRefInput[];

  @Field({ description: 'YYYY-MM-DD, after the meeting.' })
  @IsCalendarDate()
  dueDate!: string;
}

@InputType({ description: 'A convention default escalated: recorded on the convention once adopted.' })
export class DefaultEscalationInput {
  @Field(() => ID)
  @IsEntityId()
  conventionId!: string;

  @Field(() => ID)
  @IsEntityId()
  defaultId!: string;

  @Field(() => DefaultEscalationEnum)
  @IsIn(Object.values(DefaultEscalationEnum))
  escalation!: 'referred_to_commission' | 'referred_to_national_committee' | 'formal_default';
}

@InputType()
export class MinutesRefInput {
  @Field(() => ID, { description: 'An earlier meeting.' })
  @IsEntityId()
  meetingId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(1000)
  version!: number;
}

@InputType({ description: 'A proposal on an agenda item; give the one subject field its kind needs.' })
export class ProposalInput extends MeetingCommandInput {
  @Field(() => ID)
  @IsEntityId()
  itemId!: string;

  @Field(() => DecisionKindEnum)
  @IsIn(Object.values(DecisionKindEnum))
  kind!: string;

  @Field()
  @IsText(DECISION_TEXT_MAX_LENGTH)
  text!: string;

  @Field(() => ActionRequestInput, { nullable: true, description: 'ACTION_REQUEST' })
  @IsNested(() => ActionRequestInput, { optional: true })
  actionRequest?: ActionRequestInput;

  @Field(() => DefaultEscalationInput, { nullable: true, description: 'DEFAULT_ESCALATION' })
  @IsNested(() => DefaultEscalationInput, { optional: true })
  defaultEscalation?: DefaultEscalationInput;

  @Field(() => MemberInput, { nullable: true, description: 'MEMBER_ADMISSION' })
  @IsNested(() => MemberInput, { optional: true })
  newMember?: MemberInput;

  @Field(() => ID, { nullable: true, description: 'MEMBER_DEPARTURE' })
  @IsEntityId({ optional: true })
  departingActorId?: string;

  @Field(() => DecisionRulesInput, { nullable: true, description: 'RULES_CHANGE' })
  @IsNested(() => DecisionRulesInput, { optional: true })
  rules?: DecisionRulesInput;

  @Field(() => MinutesRefInput, { nullable: true, description: 'MINUTES_APPROVAL' })
  @IsNested(() => MinutesRefInput, { optional: true })
  minutes?: MinutesRefInput;
}

@InputType()
export class CastVoteInput extends MeetingCommandInput {
  @Field(() => ID)
  @IsEntityId()
  itemId!: string;

  @Field(() => ID, { description: 'The member whose vote this is (the caller’s actor, or the member whose proxy it holds).' })
  @IsEntityId()
  memberActorId!: string;

  @Field(() => VoteChoiceEnum)
  @IsIn(Object.values(VoteChoiceEnum))
  choice!: 'for' | 'against' | 'abstain';
}

@InputType()
export class CloseVoteInput extends MeetingCommandInput {
  @Field(() => ID)
  @IsEntityId()
  itemId!: string;
}

@InputType()
export class PublishMinutesInput extends MeetingCommandInput {
  @Field({ description: 'SHA-256 of the minutes document.' })
  @IsDocumentHash()
  documentHash!: string;
}

@InputType()
export class MeetingFilterInput {
  @Field({ nullable: true })
  @IsOptional()
  @Matches(REGION_CODE, { message: REGION_MESSAGE })
  regionCode?: string;

  @Field({ nullable: true, description: 'From this date (YYYY-MM-DD), inclusive.' })
  @IsCalendarDate({ optional: true })
  from?: string;

  @Field({ nullable: true, description: 'To this date (YYYY-MM-DD), inclusive.' })
  @IsCalendarDate({ optional: true })
  to?: string;

  @Field(() => [MeetingStatusEnum], { nullable: true })
  @IsOptional()
  @IsIn(Object.values(MeetingStatusEnum), { each: true })
  @ArrayMaxSize(3)
  statuses?: ('convened' | 'held' | 'closed')[];
}

@ArgsType()
export class MeetingsArgs extends PageArgs {
  @Field(() => MeetingFilterInput, { nullable: true })
  @IsNested(() => MeetingFilterInput, { optional: true })
  filter?: MeetingFilterInput;
}

@InputType()
export class DecisionFilterInput {
  @Field({ nullable: true })
  @IsOptional()
  @Matches(REGION_CODE, { message: REGION_MESSAGE })
  regionCode?: string;

  @Field(() => [DecisionKindEnum], { nullable: true })
  @IsOptional()
  @IsIn(Object.values(DecisionKindEnum), { each: true })
  @ArrayMaxSize(20)
  kinds?: string[];

  @Field(() => ID, { nullable: true, description: 'The actor an action is requested from, admitted or leaving.' })
  @IsEntityId({ optional: true })
  concernedActorId?: string;

  @Field({ nullable: true, description: 'Meetings from this date (YYYY-MM-DD), inclusive.' })
  @IsCalendarDate({ optional: true })
  from?: string;

  @Field({ nullable: true, description: 'Meetings to this date (YYYY-MM-DD), inclusive.' })
  @IsCalendarDate({ optional: true })
  to?: string;

  @Field(() => DecisionOutcomeEnum, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(DecisionOutcomeEnum))
  outcome?: 'adopted' | 'rejected';
}

@ArgsType()
export class DecisionsArgs extends PageArgs {
  @Field(() => DecisionFilterInput, { nullable: true })
  @IsNested(() => DecisionFilterInput, { optional: true })
  filter?: DecisionFilterInput;
}
