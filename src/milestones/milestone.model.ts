import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '../graphql/enums.js';
import { ListSize } from '../graphql/query-limits.js';
import type { MilestoneStatus } from './milestones.js';
import { PROJECT_STATUSES, type ProjectStatus } from './project-rules.js';

export const MilestoneStatusEnum = graphqlEnum<MilestoneStatus>(['pending', 'planned', 'achieved', 'dropped'], 'MilestoneStatus');
export const ProjectStatusEnum = graphqlEnum(
  PROJECT_STATUSES,
  'ProjectStatus',
  'ACTIVE until completed (a network project: when its completion milestone is achieved) or abandoned.',
);
export const PROJECT_KINDS = ['network', 'usage'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];
export const ProjectKindEnum = graphqlEnum(PROJECT_KINDS, 'ProjectKind', 'A public-initiative network project (RIP) or a usage and service project.');

@ObjectType({ description: 'A date a milestone was planned for: the first plan, then every reschedule with its reason.' })
export class MilestoneDate {
  @Field({ description: 'YYYY-MM-DD.' })
  date!: string;
  @Field(() => String, { nullable: true, description: 'Null for the first plan.' })
  reason!: string | null;
  @Field(() => GraphQLISODateTime)
  recordedAt!: Date;
}

@ObjectType({ description: 'A milestone of a project: planned vs actual.' })
export class Milestone {
  @Field(() => ID)
  key!: string;
  @Field()
  label!: string;
  @Field(() => Float, { description: 'Position in the expected sequence.' })
  order!: number;
  @Field(() => MilestoneStatusEnum)
  status!: MilestoneStatus;
  @Field(() => String, { nullable: true, description: 'The date first planned (the baseline).' })
  firstPlannedDate!: string | null;
  @Field(() => String, { nullable: true, description: 'The current planned date.' })
  plannedDate!: string | null;
  @Field(() => String, { nullable: true })
  achievedOn!: string | null;
  @Field(() => String, { nullable: true, description: 'SHA-256 of the evidence document.' })
  evidenceHash!: string | null;
  @Field({ description: 'Achieved while earlier milestones of the sequence were neither achieved nor dropped.' })
  outOfOrder!: boolean;
  @Field(() => [ID], { description: 'The earlier milestones still open when it was achieved out of order.' })
  skippedKeys!: string[];
  @Field(() => String, { nullable: true })
  droppedReason!: string | null;
  @Field({ description: 'Planned, not achieved, and the planned date has passed (judged today, Europe/Paris).' })
  late!: boolean;
  @Field(() => Int, {
    nullable: true,
    description:
      'Days from the first planned date to the achievement date, or (not achieved) to the current plan, or to today once that has passed. Null when never planned or dropped.',
  })
  slippageDays!: number | null;
  @ListSize(3)
  @Field(() => [MilestoneDate], { description: 'Every planned date, oldest first.' })
  dates!: MilestoneDate[];
}

@ObjectType({ description: 'The result of a milestone command.' })
export class MilestonePayload {
  @Field(() => ProjectKindEnum)
  projectKind!: ProjectKind;
  @Field(() => ID)
  projectId!: string;
  @Field(() => Milestone)
  milestone!: Milestone;
  @Field(() => Int, { description: 'Revision of the project stream after the command.' })
  revision!: number;
  @Field()
  replayed!: boolean;
}

@ObjectType({ isAbstract: true })
export abstract class ProjectRecord {
  @Field(() => ID)
  id!: string;
  @Field({ description: 'The day it was registered (Europe/Paris); no milestone is achieved before it.' })
  registeredOn!: string;
  @Field(() => ProjectStatusEnum)
  status!: ProjectStatus;
  @Field(() => String, { nullable: true })
  completedOn!: string | null;
  @Field(() => String, { nullable: true })
  abandonedReason!: string | null;
  @Field(() => Int, { description: 'Milestones planned for a date already past and not achieved.' })
  lateMilestoneCount!: number;
  @Field(() => Int, { description: 'Revision of the project stream: send it back as expectedRevision.' })
  revision!: number;
  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}
