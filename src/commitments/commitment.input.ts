import { ArgsType, Field, Float, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CommandInput } from '../graphql/command-input.js';
import { PageArgs } from '../graphql/pagination.js';
import { AreTerritoryRefs, IsTerritoryRef, TerritoryRefInput } from '../territory/territory.model.js';
import {
  REASON_MAX_LENGTH,
  TITLE_MAX_LENGTH,
  type CommitmentStatus,
  type CommitmentSubject,
  type ProgressSource,
  type TargetUnit,
} from './commitment.decider.js';
import type { CommitmentHealth } from './commitments.read-model.js';
import {
  CommitmentHealthEnum,
  CommitmentOriginKindEnum,
  CommitmentStatusEnum,
  CommitmentSubjectEnum,
  ProgressSourceEnum,
  TargetUnitEnum,
} from './commitment.model.js';
import { IsAmount, IsCalendarDate, IsEntityId, IsNested, IsText } from '../graphql/field-kinds.js';

@InputType()
export class TargetInput {
  @Field(() => Float, { description: 'Positive; a percentage is at most 100.' })
  @IsAmount()
  quantity!: number;

  @Field(() => TargetUnitEnum)
  @IsIn(Object.values(TargetUnitEnum))
  unit!: TargetUnit;
}

@InputType({ description: 'Where the commitment comes from: a convention in force the committing actor is party to, or a commission decision.' })
export class CommitmentOriginInput {
  @Field(() => CommitmentOriginKindEnum)
  @IsIn(Object.values(CommitmentOriginKindEnum))
  kind!: 'convention' | 'commission_decision';

  @Field(() => ID, { nullable: true, description: 'Required when kind is CONVENTION.' })
  @IsEntityId({ optional: true })
  conventionId?: string;

  @Field(() => ID, { nullable: true, description: 'Required when kind is COMMISSION_DECISION.' })
  @IsEntityId({ optional: true })
  decisionId?: string;

  @Field(() => ID, { nullable: true, description: 'Required when kind is COMMISSION_DECISION.' })
  @IsEntityId({ optional: true })
  meetingId?: string;
}

@InputType()
export class MakeCommitmentInput extends CommandInput {
  @Field(() => ID, { nullable: true, description: 'Readable id (lower case, digits, - _ .); default: derived from commandId.' })
  @IsEntityId({ optional: true })
  commitmentId?: string;

  @Field(() => ID)
  @IsEntityId()
  committingActorId!: string;

  @Field(() => CommitmentSubjectEnum)
  @IsIn(Object.values(CommitmentSubjectEnum))
  subject!: CommitmentSubject;

  @Field()
  @IsText(TITLE_MAX_LENGTH)
  title!: string;

  @Field(() => TargetInput)
  @IsNested(() => TargetInput)
  target!: TargetInput;

  @Field(() => [TerritoryRefInput], { description: 'Official codes; a commitment on a commune is found under its EPCI, département and région too.' })
  @AreTerritoryRefs({ min: 1, max: 200 })
  territories!: TerritoryRefInput[];

  @Field({ description: 'YYYY-MM-DD, after the day it is made.' })
  @IsCalendarDate()
  dueDate!: string;

  @Field(() => CommitmentOriginInput, { nullable: true })
  @IsNested(() => CommitmentOriginInput, { optional: true })
  stemsFrom?: CommitmentOriginInput;
}

@InputType()
class CommitmentCommandInput extends CommandInput {
  @Field(() => ID)
  @IsEntityId()
  commitmentId!: string;
}

@InputType()
export class ReviseCommitmentInput extends CommitmentCommandInput {
  @Field(() => TargetInput, { nullable: true })
  @IsNested(() => TargetInput, { optional: true })
  target?: TargetInput;

  @Field(() => String, { nullable: true })
  @IsCalendarDate({ optional: true })
  dueDate?: string;

  @Field({ description: 'Required: every version keeps its reason.' })
  @IsText(REASON_MAX_LENGTH)
  reason!: string;
}

@InputType()
export class ReportCommitmentProgressInput extends CommitmentCommandInput {
  @Field(() => Float, { description: 'The value reached, in the target’s unit.' })
  @IsAmount()
  value!: number;

  @Field({ description: 'The date the value was true on (YYYY-MM-DD), not in the future.' })
  @IsCalendarDate()
  asOf!: string;

  @Field(() => ProgressSourceEnum)
  @IsIn(Object.values(ProgressSourceEnum))
  source!: ProgressSource;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(REASON_MAX_LENGTH)
  note?: string;
}

@InputType()
export class FulfilCommitmentInput extends CommitmentCommandInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(REASON_MAX_LENGTH)
  note?: string;
}

@InputType()
export class EndCommitmentInput extends CommitmentCommandInput {
  @Field()
  @IsText(REASON_MAX_LENGTH)
  reason!: string;
}

@InputType()
export class AttachCommitmentToConventionInput extends CommitmentCommandInput {
  @Field(() => ID, { description: 'A convention in force that the committing actor is party to.' })
  @IsEntityId()
  conventionId!: string;
}

@InputType()
export class CommitmentsFromConventionCalendarInput extends CommandInput {
  @Field(() => ID)
  @IsEntityId()
  conventionId!: string;

  @Field(() => ID, { description: 'The party that commits to the calendar (usually the operator); its representatives call this.' })
  @IsEntityId()
  committingActorId!: string;
}

@InputType()
export class CommitmentFilterInput {
  @Field(() => ID, { nullable: true, description: 'The committing actor.' })
  @IsEntityId({ optional: true })
  actorId?: string;

  @Field(() => CommitmentSubjectEnum, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(CommitmentSubjectEnum))
  subject?: CommitmentSubject;

  @Field(() => TerritoryRefInput, { nullable: true, description: 'A département also finds the commitments on its communes and EPCIs.' })
  @IsTerritoryRef({ optional: true })
  territory?: TerritoryRefInput;

  @Field(() => [CommitmentStatusEnum], { nullable: true })
  @IsOptional()
  @IsIn(Object.values(CommitmentStatusEnum), { each: true })
  @ArrayMaxSize(4)
  statuses?: CommitmentStatus[];

  @Field(() => [CommitmentHealthEnum], { nullable: true, description: 'E.g. [AT_RISK, LATE]; only active commitments have a health.' })
  @IsOptional()
  @IsIn(Object.values(CommitmentHealthEnum), { each: true })
  @ArrayMaxSize(3)
  health?: CommitmentHealth[];

  @Field(() => String, { nullable: true, description: 'Due on or after (YYYY-MM-DD).' })
  @IsCalendarDate({ optional: true })
  dueFrom?: string;

  @Field(() => String, { nullable: true, description: 'Due on or before (YYYY-MM-DD).' })
  @IsCalendarDate({ optional: true })
  dueTo?: string;

  @Field(() => ID, { nullable: true, description: 'Attached to, or stemming from, this convention.' })
  @IsEntityId({ optional: true })
  conventionId?: string;
}

@ArgsType()
export class CommitmentsArgs extends PageArgs {
  @Field(() => CommitmentFilterInput, { nullable: true })
  @IsNested(() => CommitmentFilterInput, { optional: true })
  filter?: CommitmentFilterInput;
}
