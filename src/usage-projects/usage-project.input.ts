import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { CommandInput } from '../graphql/command-input.js';
import { CALENDAR_DATE, CALENDAR_DATE_MESSAGE, ENTITY_ID, ENTITY_ID_MESSAGE } from '../graphql/ids.js';
import { PageArgs } from '../graphql/pagination.js';
import { ProjectFilterInput } from '../milestones/milestone.input.js';
import { MILESTONE_LABEL_MAX_LENGTH } from '../milestones/milestones.js';
import { TerritoryRefInput } from '../territory/territory.model.js';
import { CALL_REFERENCE, REASON_MAX_LENGTH, TITLE_MAX_LENGTH, type PriorityLevel, type UsageDomain } from './usage-project.decider.js';
import { PriorityLevelEnum, UsageDomainEnum } from './usage-project.model.js';

@InputType()
export class MilestoneTemplateInput {
  @Field(() => ID)
  @Matches(ENTITY_ID, { message: ENTITY_ID_MESSAGE })
  key!: string;
  @Field()
  @IsString()
  @Length(1, MILESTONE_LABEL_MAX_LENGTH)
  label!: string;
}

@InputType()
export class RegisterUsageProjectInput extends CommandInput {
  @Field(() => ID, { nullable: true, description: 'Readable id; default: derived from commandId.' })
  @IsOptional()
  @Matches(ENTITY_ID, { message: ENTITY_ID_MESSAGE })
  projectId?: string;
  @Field()
  @IsString()
  @Length(1, TITLE_MAX_LENGTH)
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
  @Matches(ENTITY_ID, { message: ENTITY_ID_MESSAGE })
  carryingActorId!: string;
  @Field(() => [ID], { defaultValue: [] })
  @ArrayMaxSize(50)
  @Matches(ENTITY_ID, { each: true, message: ENTITY_ID_MESSAGE })
  partnerIds!: string[];
  @Field(() => [TerritoryRefInput])
  @ValidateNested({ each: true })
  @Type(() => TerritoryRefInput)
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  territories!: TerritoryRefInput[];
  @Field(() => [MilestoneTemplateInput], { nullable: true, description: 'Its own milestone sequence; default: defined, funded, pilot, opened, evaluated.' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => MilestoneTemplateInput)
  @ArrayMaxSize(40)
  milestones?: MilestoneTemplateInput[];
}

@InputType()
export class CompleteUsageProjectInput extends CommandInput {
  @Field(() => ID)
  @Matches(ENTITY_ID, { message: ENTITY_ID_MESSAGE })
  projectId!: string;
  @Field({ description: 'YYYY-MM-DD: not in the future, not before registration.' })
  @Matches(CALENDAR_DATE, { message: CALENDAR_DATE_MESSAGE })
  completedOn!: string;
}

@InputType()
export class AbandonUsageProjectInput extends CommandInput {
  @Field(() => ID)
  @Matches(ENTITY_ID, { message: ENTITY_ID_MESSAGE })
  projectId!: string;
  @Field()
  @IsString()
  @Length(1, REASON_MAX_LENGTH)
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
  @IsOptional()
  @Matches(ENTITY_ID, { message: ENTITY_ID_MESSAGE })
  actorId?: string;
  @Field(() => TerritoryRefInput, { nullable: true, description: 'A département also finds the projects on its communes and EPCIs.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TerritoryRefInput)
  territory?: TerritoryRefInput;
}

@ArgsType()
export class UsageProjectsArgs extends PageArgs {
  @Field(() => UsageProjectFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => UsageProjectFilterInput)
  filter?: UsageProjectFilterInput;
}
