import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { Target } from '../commitments/commitment.model.js';
import { graphqlEnum } from '../graphql/enums.js';
import { ConnectionType } from '../graphql/pagination.js';
import { MAJORITY_KINDS } from './commission.decider.js';
import { ATTENDANCE_STATUSES, DECISION_KINDS, VOTE_CHOICES, type MeetingStatus } from './meeting.decider.js';

export const DecisionModeEnum = graphqlEnum(
  ['consensus', 'vote'] as const,
  'DecisionMode',
  'Consensus recorded by a co-chair, or a vote closed by a co-chair.',
);
export const MajorityKindEnum = graphqlEnum(
  MAJORITY_KINDS,
  'MajorityKind',
  'SIMPLE: more for than against; ABSOLUTE: more for than half the votes cast; TWO_THIRDS: at least 2/3 of for + against.',
);
export const DecisionKindEnum = graphqlEnum(DECISION_KINDS, 'DecisionKind', 'What a decision of the commission is about.');
export const AttendanceStatusEnum = graphqlEnum(ATTENDANCE_STATUSES, 'AttendanceStatus', 'PROXY: represented by another member present.');
export const VoteChoiceEnum = graphqlEnum(VOTE_CHOICES, 'VoteChoice');
export const MeetingStatusEnum = graphqlEnum<MeetingStatus>(['convened', 'held', 'closed'], 'MeetingStatus');
export const DecisionOutcomeEnum = graphqlEnum(['adopted', 'rejected'] as const, 'DecisionOutcome');
export const DefaultEscalationEnum = graphqlEnum(['referred_to_commission', 'referred_to_national_committee', 'formal_default'] as const, 'DefaultEscalation');

@ObjectType({ description: 'Consensus only, or votes with a quorum and a majority.' })
export class DecisionRules {
  @Field(() => DecisionModeEnum)
  mode!: string;
  @Field(() => Float, { nullable: true, description: 'Share of the members that must be present or represented (0-1].' })
  quorumShare?: number;
  @Field(() => MajorityKindEnum, { nullable: true })
  majority?: string;
}

@ObjectType()
export class CommissionMember {
  @Field(() => ID)
  actorId!: string;
  @Field(() => [ID], { description: 'Person ids of the people who sit for the actor.' })
  representatives!: string[];
}

@ObjectType({ description: 'The CCRANT of a region.' })
export class Commission {
  @Field()
  regionCode!: string;
  @Field(() => ID, { description: 'Co-chair: the préfet de région’s actor.' })
  prefectActorId!: string;
  @Field(() => ID, { description: 'Co-chair: the Région’s actor.' })
  regionActorId!: string;
  @Field(() => ID, { description: 'The secretariat (SGAR).' })
  secretariatActorId!: string;
  @Field(() => [CommissionMember])
  members!: CommissionMember[];
  @Field(() => DecisionRules)
  rules!: DecisionRules;
  @Field(() => Int)
  revision!: number;
}

@ObjectType()
export class AgendaItem {
  @Field(() => ID)
  itemId!: string;
  @Field()
  title!: string;
}

@ObjectType()
export class AttendanceRecord {
  @Field(() => ID)
  memberActorId!: string;
  @Field(() => ID, { nullable: true, description: 'Person id of who sits.' })
  representativeId!: string | null;
  @Field(() => AttendanceStatusEnum)
  status!: string;
  @Field(() => ID, { nullable: true, description: 'The member holding the proxy.' })
  proxyHolderActorId!: string | null;
}

@ObjectType()
export class Tally {
  @Field(() => Int)
  for!: number;
  @Field(() => Int)
  against!: number;
  @Field(() => Int)
  abstain!: number;
}

@ObjectType({ description: 'The quorum check recorded with a vote.' })
export class QuorumCheck {
  @Field(() => Int)
  members!: number;
  @Field(() => Int)
  presentOrRepresented!: number;
  @Field(() => Float)
  quorumShare!: number;
  @Field()
  reached!: boolean;
}

@ObjectType({ description: 'What a decision acts on, by kind (fields of other kinds are null).' })
export class DecisionSubject {
  @Field(() => DecisionKindEnum)
  kind!: string;
  @Field(() => ID, { nullable: true, description: 'The actor an action is requested from, admitted, or leaving.' })
  actorId?: string;
  @Field({ nullable: true })
  title?: string;
  @Field(() => Target, { nullable: true })
  target?: Target;
  @Field({ nullable: true, description: 'YYYY-MM-DD' })
  dueDate?: string;
  @Field(() => ID, { nullable: true })
  conventionId?: string;
  @Field(() => ID, { nullable: true })
  defaultId?: string;
  @Field(() => DefaultEscalationEnum, { nullable: true })
  escalation?: string;
  @Field(() => ID, { nullable: true, description: 'Minutes approval: the meeting whose minutes are approved.' })
  meetingId?: string;
  @Field(() => Int, { nullable: true })
  version?: number;
  @Field(() => DecisionRules, { nullable: true })
  rules?: DecisionRules;
}

@ObjectType({ description: 'A decision of the commission on an agenda item: an entry of the register DATAR audits.' })
export class Decision {
  @Field(() => ID, { description: '<meetingId>.<itemId>' })
  id!: string;
  @Field(() => ID)
  meetingId!: string;
  @Field()
  regionCode!: string;
  @Field(() => ID)
  itemId!: string;
  @Field(() => DecisionKindEnum)
  kind!: string;
  @Field()
  text!: string;
  @Field(() => DecisionSubject, { nullable: true })
  subject!: DecisionSubject | null;
  @Field(() => DecisionModeEnum)
  mode!: string;
  @Field(() => DecisionOutcomeEnum)
  outcome!: string;
  @Field(() => ID, { description: 'The co-chair who recorded the consensus or closed the vote.' })
  recordedBy!: string;
  @Field({ description: 'YYYY-MM-DD' })
  meetingDate!: string;
  @Field(() => Tally, { nullable: true })
  tally!: Tally | null;
  @Field(() => QuorumCheck, { nullable: true })
  quorum!: QuorumCheck | null;
  @Field(() => MajorityKindEnum, { nullable: true })
  majority!: string | null;
  @Field(() => ID, { nullable: true, description: 'An adopted action request: the commitment it created for the actor.' })
  commitmentId?: string | null;
  @Field(() => GraphQLISODateTime)
  recordedAt!: Date;
  @Field(() => ID, { description: 'Id of the DecisionRecorded event: give it to causation(eventId) to see what the decision caused.' })
  eventId!: string;
}
export const DecisionConnection = ConnectionType(Decision);

@ObjectType({ description: 'A version of the minutes (compte rendu); corrections are new versions.' })
export class MinutesVersion {
  @Field(() => Int)
  version!: number;
  @Field()
  documentHash!: string;
  @Field(() => GraphQLISODateTime)
  publishedAt!: Date;
  @Field(() => ID, { nullable: true, description: 'The decision of a later meeting that approved this version.' })
  approvedByDecision!: string | null;
}

@ObjectType()
export class Meeting {
  @Field(() => ID)
  id!: string;
  @Field()
  regionCode!: string;
  @Field({ description: 'YYYY-MM-DD' })
  date!: string;
  @Field()
  place!: string;
  @Field(() => MeetingStatusEnum)
  status!: string;
  @Field(() => [AgendaItem], { description: 'In order.' })
  agenda!: AgendaItem[];
  @Field(() => [AttendanceRecord])
  attendance!: AttendanceRecord[];
  @Field(() => ID)
  convenedBy!: string;
  @Field(() => Int)
  revision!: number;
}
export const MeetingConnection = ConnectionType(Meeting);

@ObjectType({ description: 'The result of a command on the commission.' })
export class CommissionPayload {
  @Field(() => Commission)
  commission!: Commission;
  @Field(() => Int)
  revision!: number;
  @Field({ description: 'True when this commandId had already been handled: nothing new was recorded.' })
  replayed!: boolean;
}

@ObjectType({ description: 'The result of a command on a meeting.' })
export class MeetingPayload {
  @Field(() => Meeting)
  meeting!: Meeting;
  @Field(() => Int)
  revision!: number;
  @Field({ description: 'True when this commandId had already been handled: nothing new was recorded.' })
  replayed!: boolean;
  @Field(() => Decision, { nullable: true, description: 'The decision this command recorded, if any.' })
  decision?: Decision | null;
}

@ObjectType({ description: 'A decision recorded, sent once the read model includes it.' })
export class DecisionRecordedUpdate {
  @Field({ description: 'Global log position of the event (a decimal string).' })
  position!: string;
  @Field(() => Decision)
  decision!: Decision;
}
