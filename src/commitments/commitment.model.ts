import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '../graphql/enums.js';
import { ConnectionType } from '../graphql/pagination.js';
import {
  COMMITMENT_SUBJECTS,
  PROGRESS_SOURCES,
  TARGET_UNITS,
  type CommitmentStatus,
  type CommitmentSubject,
  type ProgressSource,
  type TargetUnit,
} from './commitment.decider.js';
import type { CommitmentHealth } from './commitments.read-model.js';

export const CommitmentSubjectEnum = graphqlEnum(
  COMMITMENT_SUBJECTS,
  'CommitmentSubject',
  'What is committed: fixed or mobile coverage, funding, deployment of a service, a study or report, other.',
);
export const TargetUnitEnum = graphqlEnum(
  TARGET_UNITS,
  'TargetUnit',
  'Unit of a target: FttH premises, copper-upgrade lines, mobile sites, euros, percent, or units of anything else.',
);
export const ProgressSourceEnum = graphqlEnum(
  PROGRESS_SOURCES,
  'ProgressSource',
  'Where a progress figure comes from. Only the committing actor may merely declare it; others give operator data, regulator data or an audit.',
);
export const CommitmentStatusEnum = graphqlEnum<CommitmentStatus>(['active', 'fulfilled', 'withdrawn', 'breached'], 'CommitmentStatus');
export const CommitmentHealthEnum = graphqlEnum<CommitmentHealth>(
  ['on_track', 'at_risk', 'late'],
  'CommitmentHealth',
  'Derived daily, never stored: LATE once the due date has passed; AT_RISK when progress is behind the straight line from the day made to the target by more than the configured threshold; otherwise ON_TRACK.',
);
export const CommitmentOriginKindEnum = graphqlEnum(['convention', 'commission_decision'] as const, 'CommitmentOriginKind');

@ObjectType({ description: 'A measurable target.' })
export class Target {
  @Field(() => Float)
  quantity!: number;
  @Field(() => TargetUnitEnum)
  unit!: TargetUnit;
}

@ObjectType({ description: 'The convention or the commission decision a commitment stems from.' })
export class CommitmentOrigin {
  @Field(() => CommitmentOriginKindEnum)
  kind!: 'convention' | 'commission_decision';
  @Field(() => ID, { nullable: true })
  conventionId?: string;
  @Field(() => ID, { nullable: true })
  decisionId?: string;
  @Field(() => ID, { nullable: true })
  meetingId?: string;
}

@ObjectType({ description: 'A version of the target and due date: the first one, then one per revision (with its reason).' })
export class CommitmentVersion {
  @Field(() => Int, { description: 'Revision of the commitment stream that recorded it.' })
  revision!: number;
  @Field(() => Target)
  target!: Target;
  @Field({ description: 'Calendar date YYYY-MM-DD.' })
  dueDate!: string;
  @Field(() => String, { nullable: true, description: 'Why it was revised; null for the first version.' })
  reason!: string | null;
  @Field(() => GraphQLISODateTime)
  occurredAt!: Date;
  @Field(() => GraphQLISODateTime)
  recordedAt!: Date;
}

@ObjectType({ description: 'A progress report. A report older than the latest one stays in the history without moving the current value back.' })
export class CommitmentProgressReport {
  @Field(() => Int)
  revision!: number;
  @Field(() => Float)
  value!: number;
  @Field({ description: 'The date the value was true on (YYYY-MM-DD).' })
  asOf!: string;
  @Field(() => ProgressSourceEnum)
  source!: ProgressSource;
  @Field(() => String, { nullable: true })
  note!: string | null;
  @Field({ description: 'False when an earlier-dated report arrived after a later one: kept, but not the current value.' })
  supersedesCurrent!: boolean;
  @Field(() => ID, { nullable: true, description: 'The actor that reported it.' })
  reportedBy!: string | null;
  @Field(() => GraphQLISODateTime)
  recordedAt!: Date;
}

@ObjectType({ description: 'What an actor commits to do, by when, and how far it has got.' })
export class Commitment {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  committingActorId!: string;
  @Field(() => CommitmentSubjectEnum)
  subject!: CommitmentSubject;
  @Field()
  title!: string;
  @Field(() => Target)
  target!: Target;
  @Field({ description: 'Calendar date YYYY-MM-DD.' })
  dueDate!: string;
  @Field({ description: 'The day it was made (Europe/Paris), from the command’s occurredAt.' })
  madeOn!: string;
  @Field(() => CommitmentStatusEnum)
  status!: CommitmentStatus;
  @Field(() => CommitmentHealthEnum, { nullable: true, description: 'Null once the commitment is no longer active.' })
  health!: CommitmentHealth | null;
  @Field(() => Float, { nullable: true, description: 'The value of the latest report by as-of date.' })
  currentValue!: number | null;
  @Field(() => String, { nullable: true })
  currentAsOf!: string | null;
  @Field(() => Float, { nullable: true, description: 'Where a straight line from 0 on the day made to the target on the due date stands today.' })
  expectedValue!: number | null;
  @Field(() => CommitmentOrigin, { nullable: true })
  stemsFrom!: CommitmentOrigin | null;
  @Field(() => ID, {
    description: 'Id of the CommitmentMade event: give it to causation(eventId) to see its cause (a convention, a decision) and what followed.',
  })
  madeEventId!: string;
  @Field(() => String, { nullable: true, description: 'Why it was withdrawn or breached, or the note given on fulfilment.' })
  endedReason!: string | null;
  @Field(() => Int, { description: 'Revision of the commitment stream: send it back as expectedRevision.' })
  revision!: number;
  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

export const CommitmentConnection = ConnectionType(Commitment);

@ObjectType({ description: 'The result of a command on a commitment.' })
export class CommitmentPayload {
  @Field(() => Commitment)
  commitment!: Commitment;
  @Field(() => Int, { description: 'Revision of the commitment stream after the command.' })
  revision!: number;
  @Field({ description: 'True when this commandId had already been handled: nothing new was recorded.' })
  replayed!: boolean;
}

@ObjectType({ description: 'The commitments made from a convention’s deployment calendar, one per commune.' })
export class CalendarCommitmentsPayload {
  @Field(() => [Commitment])
  commitments!: Commitment[];
  @Field(() => Int, { description: 'How many were recorded by this call (the others existed already: a retry creates nothing twice).' })
  created!: number;
}
