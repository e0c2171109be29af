import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '../graphql/enums.js';
import { ConnectionType } from '../graphql/pagination.js';
import { CONVENTION_KINDS, DEFAULT_DECISION_OUTCOMES, type ConventionKind, type ConventionStatus, type DefaultStage } from './convention.decider.js';

export const ConventionKindEnum = graphqlEnum(
  CONVENTION_KINDS,
  'ConventionKind',
  'CPSD (convention de programmation et de suivi des déploiements), financing, public-service delegation, partnership protocol, other.',
);
export const ConventionStatusEnum = graphqlEnum<ConventionStatus>(
  ['draft', 'partially_signed', 'in_force', 'amendment_pending', 'terminated', 'expired'],
  'ConventionStatus',
  'AMENDMENT_PENDING: an amendment awaits signatures; the previous version stays in force meanwhile.',
);
export const DefaultStageEnum = graphqlEnum<DefaultStage>(
  ['notified', 'referred_to_commission', 'referred_to_national_committee', 'formal_default', 'resolved'],
  'ConventionDefaultStage',
);
export const DefaultDecisionOutcomeEnum = graphqlEnum(DEFAULT_DECISION_OUTCOMES, 'ConventionDefaultOutcome', 'What the commission decided on a default.');

@ObjectType()
export class ConventionParty {
  @Field(() => ID)
  actorId!: string;
  @Field(() => Int, { description: 'Signatures the party must give on each version.' })
  signaturesRequired!: number;
  @Field({ description: 'A local authority signs under a council resolution.' })
  localAuthority!: boolean;
}

@ObjectType()
export class CouncilResolution {
  @Field()
  number!: string;
  @Field({ description: 'YYYY-MM-DD' })
  date!: string;
}

@ObjectType({ description: 'A signature of one version, by a party’s signatory (a person id and title; names live in the people registry).' })
export class ConventionSignature {
  @Field(() => Int)
  version!: number;
  @Field(() => ID)
  partyId!: string;
  @Field(() => ID)
  personId!: string;
  @Field({ description: 'The title the signatory signed under.' })
  title!: string;
  @Field()
  place!: string;
  @Field({ description: 'YYYY-MM-DD' })
  signedOn!: string;
  @Field(() => CouncilResolution, { nullable: true })
  councilResolution!: CouncilResolution | null;
  @Field(() => GraphQLISODateTime)
  recordedAt!: Date;
}

@ObjectType({ description: 'A version of the convention: the original, then one per amendment (avenant).' })
export class ConventionVersion {
  @Field(() => Int)
  version!: number;
  @Field({ description: 'SHA-256 of the exact document signed.' })
  documentHash!: string;
  @Field(() => String, { nullable: true, description: 'Summary of the changes an amendment makes; null for version 1.' })
  summary!: string | null;
  @Field(() => ID, { nullable: true })
  proposedBy!: string | null;
  @Field()
  proposedOn!: string;
  @Field(() => String, { nullable: true, description: 'When its last required signature made it enter into force.' })
  inForceOn!: string | null;
}

@ObjectType({ description: 'A party that still owes signatures on the version awaiting them.' })
export class ExpectedSignature {
  @Field(() => ID)
  partyId!: string;
  @Field(() => Int)
  missing!: number;
}

@ObjectType({ description: 'A planned step of the deployment calendar.' })
export class ConventionCalendarEntry {
  @Field()
  communeCode!: string;
  @Field(() => Int)
  plannedPremises!: number;
  @Field()
  plannedDate!: string;
}

@ObjectType({ description: 'The default procedure of a CPSD: notified by a party, referred to the commission, decided, resolved.' })
export class ConventionDefault {
  @Field(() => ID)
  defaultId!: string;
  @Field(() => ID)
  defaultingPartyId!: string;
  @Field()
  description!: string;
  @Field(() => ID)
  notifiedBy!: string;
  @Field()
  notifiedOn!: string;
  @Field(() => DefaultStageEnum)
  stage!: DefaultStage;
  @Field(() => ID, { nullable: true })
  referredBy!: string | null;
  @Field(() => ID, { nullable: true, description: 'The commission decision on it.' })
  decisionId!: string | null;
  @Field(() => ID, { nullable: true })
  meetingId!: string | null;
  @Field(() => String, { nullable: true })
  resolution!: string | null;
}

@ObjectType({ description: 'A convention between actors, signed party by party, version by version.' })
export class Convention {
  @Field(() => ID)
  id!: string;
  @Field(() => ConventionKindEnum)
  kind!: ConventionKind;
  @Field()
  title!: string;
  @Field(() => ConventionStatusEnum)
  status!: ConventionStatus;
  @Field(() => Int, { description: 'The latest version: in force, or awaiting signatures.' })
  currentVersion!: number;
  @Field(() => Int, { nullable: true, description: 'The version in force; null before the first is fully signed.' })
  inForceVersion!: number | null;
  @Field(() => [ConventionCalendarEntry])
  calendar!: ConventionCalendarEntry[];
  @Field()
  draftedOn!: string;
  @Field(() => String, { nullable: true })
  endsOn!: string | null;
  @Field(() => String, { nullable: true, description: 'When it was terminated or expired.' })
  endedOn!: string | null;
  @Field(() => String, { nullable: true })
  endedReason!: string | null;
  @Field(() => Int, { description: 'Revision of the convention stream: send it back as expectedRevision.' })
  revision!: number;
  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

export const ConventionConnection = ConnectionType(Convention);

@ObjectType({ description: 'The result of a command on a convention.' })
export class ConventionPayload {
  @Field(() => Convention)
  convention!: Convention;
  @Field(() => Int)
  revision!: number;
  @Field({ description: 'True when this commandId had already been handled: nothing new was recorded.' })
  replayed!: boolean;
  @Field({ description: 'True when this command made the convention (or its amendment) enter into force.' })
  enteredIntoForce!: boolean;
}
