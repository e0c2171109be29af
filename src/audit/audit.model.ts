import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsDate, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { STREAM_ID } from '../event-store/stream-id.js';
import { graphqlEnum } from '../graphql/enums.js';
import { JSONScalar } from '../graphql/json.scalar.js';
import { ConnectionType, PageArgs } from '../graphql/pagination.js';
import { ListSize } from '../graphql/query-limits.js';
import { HistoryEventModel } from './history.model.js';
import { IsEntityId, IsNested } from '../graphql/field-kinds.js';

const STREAM_ID_MESSAGE = 'streamId must look like <category>-<id>';
const NAME = /^[A-Za-z][A-Za-z0-9]{0,99}$/;
const POSITION = /^\d{1,20}$/;

@ObjectType('AuditEvent', { description: 'An event of the log with its metadata, hash-chain link and a one-line summary.' })
export class AuditEventModel extends HistoryEventModel {
  @Field({ description: 'The stream category: commitment, convention, actor, ...' })
  category!: string;
  @Field(() => GraphQLISODateTime, { description: 'When it happened in the world, as declared.' })
  occurredAt!: Date;
  @Field({ description: 'Who, for whom, what, on which record, and the salient facts.' })
  summary!: string;
}

export const AuditEventConnection = ConnectionType(AuditEventModel, 'AuditEvent');

@InputType({ description: 'Every condition given must hold. Time bounds are inclusive.' })
export class AuditTrailFilter {
  @Field(() => ID, { nullable: true, description: 'The acting actor (metadata.actingActorId).' })
  @IsEntityId({ optional: true })
  actorId?: string;

  @Field({ nullable: true, description: 'The authenticated principal (token subject).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  principal?: string;

  @Field(() => [String], { nullable: true, description: 'Event types, e.g. CommitmentMade.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @Matches(NAME, { each: true, message: 'event types are names such as CommitmentMade' })
  types?: string[];

  @Field(() => [String], { nullable: true, description: 'Stream categories, e.g. commitment, convention.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @Matches(NAME, { each: true, message: 'categories are names such as commitment' })
  categories?: string[];

  @Field({ nullable: true })
  @IsOptional()
  @Matches(STREAM_ID, { message: STREAM_ID_MESSAGE })
  streamId?: string;

  @Field({ nullable: true, description: 'INSEE region code: the acts on records that concern that region.' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'region is an INSEE region code (two digits), e.g. 52' })
  region?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  correlationId?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The acts an import batch recorded (import-<16 hex digits>, from the import report; also metadata.importBatch).',
  })
  @IsOptional()
  @Matches(/^import-[0-9a-f]{16}$/, { message: 'importBatch is written import- and 16 hex digits' })
  importBatch?: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  @IsDate()
  recordedFrom?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  @IsDate()
  recordedTo?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  @IsDate()
  occurredFrom?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  @IsDate()
  occurredTo?: Date;
}

@ArgsType()
export class AuditTrailArgs extends PageArgs {
  @Field(() => AuditTrailFilter, { nullable: true })
  @IsNested(() => AuditTrailFilter, { optional: true })
  filter?: AuditTrailFilter;

  @Field({ defaultValue: false, description: 'Newest first instead of log order.' })
  @IsBoolean()
  newestFirst: boolean = false;
}

export const CausationLinkEnum = graphqlEnum(
  ['caused_by', 'same_command', 'stream_continuation'] as const,
  'CausationLink',
  'How an event follows from the one before it in a causation tree.',
);

@ObjectType()
export class CausationStep {
  @Field(() => AuditEventModel)
  event!: AuditEventModel;
  @Field(() => CausationLinkEnum, { description: 'How the next step follows from this event.' })
  link!: string;
}

@ObjectType()
export class CausationNodeModel {
  @Field(() => AuditEventModel)
  event!: AuditEventModel;
  @Field(() => ID, { nullable: true, description: 'Null for the root.' })
  parentEventId!: string | null;
  @Field(() => CausationLinkEnum, { nullable: true })
  link!: string | null;
  @Field(() => Int)
  depth!: number;
}

@ObjectType('CausationTree', { description: 'What an act led to (descendants, breadth first, each with its parent) and what led to it (ancestors).' })
export class CausationTreeModel {
  @Field(() => AuditEventModel)
  root!: AuditEventModel;
  @Field(() => [CausationStep], { description: 'From the origin down to the root’s parent.' })
  @ListSize(100)
  ancestors!: CausationStep[];
  @Field(() => ID, { nullable: true, description: 'The command the chain started from, when it recorded no event of its own (a batch request).' })
  originCommandId!: string | null;
  @Field(() => [CausationNodeModel], { description: 'The root first, then what it led to; rebuild the tree with parentEventId.' })
  @ListSize(200)
  descendants!: CausationNodeModel[];
  @Field({ description: 'True when maxNodes cut the descendants short.' })
  truncated!: boolean;
}

@ArgsType()
export class CausationArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(100)
  eventId!: string;

  @Field(() => Int, { defaultValue: 200, description: 'At most this many descendants (1-1000).' })
  @IsInt()
  @Min(1)
  @Max(1000)
  maxNodes: number = 200;

  @Field({
    nullable: true,
    description: 'INSEE region code: keep only what the act led to in that region (the root always; a kept node’s parent may lie outside it).',
  })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'region is an INSEE region code (two digits), e.g. 27' })
  region?: string;
}

@InputType({ description: 'Exactly one of: as known at a recorded time, as effective at an occurred time, or at a log position.' })
export class PointInTimeInput {
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'As the record stood at that instant (events recorded until then).' })
  @IsOptional()
  @IsDate()
  recordedAt?: Date;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'As effective in the world at that instant (events that occurred until then, as known now).',
  })
  @IsOptional()
  @IsDate()
  occurredAt?: Date;

  @Field({ nullable: true, description: 'As of this global log position (inclusive).' })
  @IsOptional()
  @Matches(POSITION, { message: 'position is a decimal integer' })
  position?: string;
}

@ArgsType()
class StreamArgs {
  @Field()
  @Matches(STREAM_ID, { message: STREAM_ID_MESSAGE })
  streamId!: string;
}

@ArgsType()
export class StateAsOfArgs extends StreamArgs {
  @Field(() => PointInTimeInput)
  @IsNested(() => PointInTimeInput)
  at!: PointInTimeInput;
}

@ArgsType()
export class StateDiffArgs extends StreamArgs {
  @Field(() => PointInTimeInput)
  @IsNested(() => PointInTimeInput)
  from!: PointInTimeInput;

  @Field(() => PointInTimeInput)
  @IsNested(() => PointInTimeInput)
  to!: PointInTimeInput;
}

@ObjectType('EntitySnapshot', { description: 'An entity as it stood at a point in time.' })
export class EntitySnapshotModel {
  @Field()
  streamId!: string;
  @Field()
  category!: string;
  @Field({ description: 'False when none of its events falls within the point in time.' })
  exists!: boolean;
  @Field(() => Int, { description: 'Last revision included (-1 when none).' })
  revision!: number;
  @Field(() => Int)
  eventCount!: number;
  @Field(() => HistoryEventModel, { nullable: true })
  lastEvent!: HistoryEventModel | null;
  @Field(() => JSONScalar, {
    description:
      "The state the domain rules saw (the decider state), in the log's own vocabulary, as history's event data: statuses are lower-case values (in_force), where typed fields use the GraphQL enum of the same value in upper case (IN_FORCE).",
  })
  state!: unknown;
  @Field(() => JSONScalar, { description: 'The latest value of every field its events carried.' })
  attributes!: unknown;
}

@ObjectType()
export class StateChangeModel {
  @Field({ description: 'Where, e.g. state.status or attributes.target.quantity.' })
  path!: string;
  @Field(() => JSONScalar, { nullable: true })
  before!: unknown;
  @Field(() => JSONScalar, { nullable: true })
  after!: unknown;
}

@ObjectType('StateDiff')
export class StateDiffModel {
  @Field(() => EntitySnapshotModel)
  from!: EntitySnapshotModel;
  @Field(() => EntitySnapshotModel)
  to!: EntitySnapshotModel;
  @Field(() => [StateChangeModel])
  @ListSize(100)
  changes!: StateChangeModel[];
  @Field(() => [HistoryEventModel], { description: 'The events in `to` that are not in `from`, in stream order.' })
  @ListSize(100)
  events!: HistoryEventModel[];
}
