import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { CommandInput } from '../graphql/command-input.js';
import { PageArgs } from '../graphql/pagination.js';
import { ProjectFilterInput } from '../milestones/milestone.input.js';
import { MILESTONE_LABEL_MAX_LENGTH } from '../milestones/milestones.js';
import { AreTerritoryRefs, IsTerritoryRef, TerritoryRefInput } from '../territory/territory.model.js';
import { CALL_REFERENCE, REASON_MAX_LENGTH, TITLE_MAX_LENGTH, type PriorityLevel, type UsageDomain } from './usage-project.decider.js';
import { PriorityLevelEnum, UsageDomainEnum } from './usage-project.model.js';
import { IsCalendarDate, IsEntityId, IsNested, IsText } from '../graphql/field-kinds.js';

@InputType()
export class MilestoneTemplateInput {
  @Field(() => ID)
  @IsEntityId()
  key!: string;
  @Field()
  @IsText(MILESTONE_LABEL_MAX_LENGTH)
  label!: string;
}

@InputType()
export class RegisterUsageProjectInput extends CommandInput {
  @Field(() => ID, { nullable: true, description: 'Readable id; default: derived from commandId.' })
  @IsEntityId({ optional: true })
  projectId?: string;
  @Field()
  @IsText(TITLE_MAX_LENGTH)
  title!: string;
  @Field(() => UsageDomainEnum)
  @IsIn(Object.values(UsageDomainEnum))
  domain!: UsageDomain;
  @Field(() => PriorityLevelEnum)
  @IsIn(Object.values(PriorityLevelEnum))
  priorityLevel!: PriorityLevel;
  @Field({ defaultValue: false })
  @IsBoolean()
  innovativeTerritory!: boolean;
  @Field(() => String, { nullable: true, description: 'Reference of the national investment call (PIA) it answers.' })
  @IsOptional()
  @Matches(CALL_REFERENCE, { message: 'nationalCallReference is 1-100 letters, digits and _ . : / -' })
  nationalCallReference?: string;
  @Field(() => ID, { description: 'The carrying actor; its representatives run the project.' })
  @IsEntityId()
  carryingActorId!: string;
  @Field(() => [ID], { defaultValue: [] })
  @ArrayMaxSize(50)
  @IsEntityId({ each: true })
  partnerIds!: string[];
  @Field(() => [TerritoryRefInput])
  @AreTerritoryRefs({ min: 1, max: 200 })
  territories!: TerritoryRefInput[];
  @Field(() => [MilestoneTemplateInput], { nullable: true, description: 'Its own milestone sequence; default: defined, funded, pilot, opened, evaluated.' })
  @IsNested(() => MilestoneTemplateInput, { optional: true, each: true })
  @ArrayMaxSize(40)
  milestones?: MilestoneTemplateInput[];
}

@InputType()
export class CompleteUsageProjectInput extends CommandInput {
  @Field(() => ID)
  @IsEntityId()
  projectId!: string;
  @Field({ description: 'YYYY-MM-DD: not in the future, not before registration.' })
  @IsCalendarDate()
  completedOn!: string;
}

@InputType()
export class AbandonUsageProjectInput extends CommandInput {
  @Field(() => ID)
  @IsEntityId()
  projectId!: string;
  @Field()
  @IsText(REASON_MAX_LENGTH)
  reason!: string;
}

@InputType()
export class UsageProjectFilterInput extends ProjectFilterInput {
  @Field(() => [UsageDomainEnum], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(8)
  @IsIn(Object.values(UsageDomainEnum), { each: true })
  domains?: UsageDomain[];
  @Field(() => PriorityLevelEnum, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(PriorityLevelEnum))
  priorityLevel?: PriorityLevel;
  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  innovativeTerritory?: boolean;
  @Field(() => ID, { nullable: true, description: 'Carrying actor or partner.' })
  @IsEntityId({ optional: true })
  actorId?: string;
  @Field(() => TerritoryRefInput, { nullable: true, description: 'A département also finds the projects on its communes and EPCIs.' })
  @IsTerritoryRef({ optional: true })
  territory?: TerritoryRefInput;
}

@ArgsType()
export class UsageProjectsArgs extends PageArgs {
  @Field(() => UsageProjectFilterInput, { nullable: true })
  @IsNested(() => UsageProjectFilterInput, { optional: true })
  filter?: UsageProjectFilterInput;
}
