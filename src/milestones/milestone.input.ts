import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsIn, IsOptional } from 'class-validator';
import { CommandInput } from '../graphql/command-input.js';
import { ProjectKindEnum, ProjectStatusEnum, type ProjectKind } from './milestone.model.js';
import type { ProjectStatus } from './project-rules.js';
import { MILESTONE_LABEL_MAX_LENGTH, MILESTONE_REASON_MAX_LENGTH } from './milestones.js';
import { IsCalendarDate, IsDocumentHash, IsEntityId, IsText } from '../graphql/field-kinds.js';

@InputType({ isAbstract: true })
abstract class MilestoneCommandInput extends CommandInput {
  @Field(() => ProjectKindEnum)
  @IsIn(Object.values(ProjectKindEnum))
  projectKind!: ProjectKind;
  @Field(() => ID)
  @IsEntityId()
  projectId!: string;
  @Field(() => ID, { description: 'The milestone key, e.g. state_funding_decision.' })
  @IsEntityId()
  key!: string;
}

@InputType()
export class AddMilestoneInput extends MilestoneCommandInput {
  @Field()
  @IsText(MILESTONE_LABEL_MAX_LENGTH)
  label!: string;
  @Field(() => ID, { nullable: true, description: 'Insert after this milestone; default: at the end of the sequence.' })
  @IsEntityId({ optional: true })
  afterKey?: string;
}

@InputType()
export class PlanMilestoneInput extends MilestoneCommandInput {
  @Field({ description: 'YYYY-MM-DD. Once planned, a milestone moves only by rescheduling.' })
  @IsCalendarDate()
  date!: string;
}

@InputType()
export class RescheduleMilestoneInput extends PlanMilestoneInput {
  @Field({ description: 'Required; the previous date stays in the history with it.' })
  @IsText(MILESTONE_REASON_MAX_LENGTH)
  reason!: string;
}

@InputType()
export class AchieveMilestoneInput extends MilestoneCommandInput {
  @Field({ description: 'YYYY-MM-DD: not in the future, not before the project was registered.' })
  @IsCalendarDate()
  achievedOn!: string;
  @Field({ description: 'SHA-256 of the evidence document (deliberation, award notice, acceptance report...).' })
  @IsDocumentHash()
  evidenceHash!: string;
}

@InputType()
export class DropMilestoneInput extends MilestoneCommandInput {
  @Field()
  @IsText(MILESTONE_REASON_MAX_LENGTH)
  reason!: string;
}

/** Filters every kind of project has. */
@InputType({ isAbstract: true })
export abstract class ProjectFilterInput {
  @Field(() => [ProjectStatusEnum], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(3)
  @IsIn(Object.values(ProjectStatusEnum), { each: true })
  statuses?: ProjectStatus[];
  @Field(() => Boolean, { nullable: true, description: 'true: only projects with a late milestone; false: only those without.' })
  @IsOptional()
  @IsBoolean()
  hasLateMilestones?: boolean;
}
