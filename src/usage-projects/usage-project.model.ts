import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '../graphql/enums.js';
import { ConnectionType } from '../graphql/pagination.js';
import { ProjectRecord } from '../milestones/milestone.model.js';
import { PRIORITY_LEVELS, USAGE_DOMAINS, type PriorityLevel, type UsageDomain } from './usage-project.decider.js';

export const UsageDomainEnum = graphqlEnum(
  USAGE_DOMAINS,
  'UsageDomain',
  'Health (telemedicine), education (digital workspaces), higher education and research, e-administration, economic development, culture, inclusion, other.',
);
export const PriorityLevelEnum = graphqlEnum(PRIORITY_LEVELS, 'PriorityLevel', 'A national priority domain or a regional priority.');

@ObjectType({ description: 'A digital usage and service project; its milestones follow the same rules as network projects.' })
export class UsageProject extends ProjectRecord {
  @Field()
  title!: string;
  @Field(() => UsageDomainEnum)
  domain!: UsageDomain;
  @Field(() => PriorityLevelEnum)
  priorityLevel!: PriorityLevel;
  @Field({ description: 'Flagged as an innovative-territory demonstrator.' })
  innovativeTerritory!: boolean;
  @Field(() => String, { nullable: true, description: 'Reference of the national investment call (PIA) it answers.' })
  nationalCallReference!: string | null;
  @Field(() => ID)
  carryingActorId!: string;
  @Field(() => [ID])
  partnerIds!: string[];
}

export const UsageProjectConnection = ConnectionType(UsageProject);

@ObjectType()
export class UsageProjectPayload {
  @Field(() => UsageProject)
  usageProject!: UsageProject;
  @Field(() => Int)
  revision!: number;
  @Field()
  replayed!: boolean;
}
