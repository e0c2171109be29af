import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '../graphql/enums.js';
import { DEPLOYMENT_ZONES, type DeploymentZone } from './commune-zone.decider.js';
import { LEGAL_BASES, type CommuneCommitmentEnd, type LegalBasis } from './operator-commitments.decider.js';
import type { CommitmentStanding } from './zones.read-model.js';

export const DeploymentZoneEnum = graphqlEnum(
  DEPLOYMENT_ZONES,
  'DeploymentZone',
  'ZTD: very dense zone; AMII: private investment announced in the 2011 call for intentions; AMEL: private investment committed in a later local call; RIP: public-initiative network.',
);
export const LegalBasisEnum = graphqlEnum(
  LEGAL_BASES,
  'OperatorCommitmentLegalBasis',
  'AMII_INTENTION: announced intention to invest; AMEL: commitment in a local call; L33_13_BINDING: made binding under article L.33-13 of the postal and electronic communications code.',
);
export const CommitmentStandingEnum = graphqlEnum<CommitmentStanding>(
  ['on_track', 'at_risk', 'late', 'breached', 'fulfilled', 'withdrawn'],
  'CommitmentStanding',
  "The commitment's health today while active (ON_TRACK, AT_RISK, LATE: the commitments rules), else how it ended.",
);
export const CommuneCommitmentEndEnum = graphqlEnum<CommuneCommitmentEnd>(
  ['withdrawn_by_amendment', 'moved_out_of_private_zone', 'operator_changed'],
  'CommuneCommitmentEnd',
  'Why a commune left an operator commitment set.',
);

@ObjectType({ description: "The regulator's figures for a commune in a quarter." })
export class CoverageFigures {
  @Field({ description: 'YYYY-Qn.' })
  quarter!: string;
  @Field({ description: 'The last day of the quarter.' })
  asOf!: string;
  @Field(() => Int, { description: 'Premises made connectable to FttH.' })
  connectable!: number;
  @Field(() => Int, { description: "The regulator's best estimate of the premises to cover." })
  premisesEstimate!: number;
  @Field(() => Float, { nullable: true, description: 'connectable / premisesEstimate in %, two decimals; null when the estimate is 0.' })
  coverageRate!: number | null;
}

@ObjectType({ description: 'A commune in its deployment zone, as of a day.' })
export class CommuneZone {
  @Field()
  communeCode!: string;
  @Field(() => String, { nullable: true })
  communeName!: string | null;
  @Field(() => String, { nullable: true })
  departement!: string | null;
  @Field(() => DeploymentZoneEnum)
  zone!: DeploymentZone;
  @Field(() => ID, { nullable: true, description: 'The operator in charge (private zones).' })
  operatorId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The network project in charge (RIP zones), when known.' })
  networkProjectId!: string | null;
  @Field({ description: 'The day this zone took effect.' })
  effectiveFrom!: string;
  @Field(() => String, { nullable: true })
  reason!: string | null;
  @Field(() => CoverageFigures, { nullable: true, description: "The regulator's last figures published by the day asked." })
  coverage!: CoverageFigures | null;
}

@ObjectType()
export class ZoneCount {
  @Field(() => DeploymentZoneEnum)
  zone!: DeploymentZone;
  @Field(() => Int)
  communes!: number;
  @Field(() => Int)
  connectable!: number;
  @Field(() => Int)
  premisesEstimate!: number;
}

@ObjectType({ description: 'The zone map of a territory as of a day, with each commune’s coverage.' })
export class ZoneMap {
  @Field()
  asOf!: string;
  @Field(() => [ZoneCount])
  totals!: ZoneCount[];
  @Field(() => [CommuneZone])
  communes!: CommuneZone[];
}

@ObjectType({ description: 'One commune of an operator commitment set.' })
export class CommuneCommitment {
  @Field()
  communeCode!: string;
  @Field(() => ID, { description: 'The commitment (commitments feature) it created.' })
  commitmentId!: string;
  @Field(() => Int)
  premises!: number;
  @Field()
  dueDate!: string;
  @Field(() => CommuneCommitmentEndEnum, { nullable: true })
  ended!: CommuneCommitmentEnd | null;
  @Field(() => String, { nullable: true })
  endedOn!: string | null;
}

@ObjectType({ description: "An operator's commitment over a list of communes, recorded in one act under a common reference." })
export class OperatorCommitmentSet {
  @Field(() => ID)
  id!: string;
  @Field()
  reference!: string;
  @Field(() => ID)
  operatorId!: string;
  @Field(() => LegalBasisEnum)
  legalBasis!: LegalBasis;
  @Field()
  madeOn!: string;
  @Field(() => Int)
  revision!: number;
}

@ObjectType()
export class OperatorCommitmentSetPayload {
  @Field(() => OperatorCommitmentSet)
  set!: OperatorCommitmentSet;
  @Field(() => Int)
  revision!: number;
  @Field()
  replayed!: boolean;
}

@ObjectType()
export class CommuneZonePayload {
  @Field(() => CommuneZone)
  communeZone!: CommuneZone;
  @Field(() => Int)
  revision!: number;
  @Field()
  replayed!: boolean;
  @Field(() => [ID], { description: 'Operator commitments the change of zone ended (withdrawn with the reason).' })
  endedCommitmentIds!: string[];
}

@ObjectType({ description: 'An operator commitment on a commune with its standing today.' })
export class OperatorCommitmentStanding {
  @Field()
  communeCode!: string;
  @Field(() => String, { nullable: true })
  communeName!: string | null;
  @Field(() => String, { nullable: true })
  departement!: string | null;
  @Field(() => DeploymentZoneEnum, { nullable: true, description: 'The commune’s zone today.' })
  zone!: DeploymentZone | null;
  @Field(() => ID)
  operatorId!: string;
  @Field(() => LegalBasisEnum)
  legalBasis!: LegalBasis;
  @Field(() => ID)
  setId!: string;
  @Field()
  reference!: string;
  @Field(() => ID)
  commitmentId!: string;
  @Field(() => Int, { description: 'Premises committed.' })
  premises!: number;
  @Field()
  dueDate!: string;
  @Field(() => CommitmentStandingEnum)
  standing!: CommitmentStanding;
  @Field(() => Float, { nullable: true })
  currentValue!: number | null;
  @Field(() => String, { nullable: true })
  currentAsOf!: string | null;
  @Field(() => Int, { description: 'Premises still to make connectable.' })
  shortfall!: number;
  @Field(() => Int)
  daysLate!: number;
  @Field(() => CoverageFigures, { nullable: true })
  coverage!: CoverageFigures | null;
}

@ObjectType({ description: 'How many commitments stand where, for one value of a split.' })
export class StandingGroup {
  @Field({ description: 'The operator id, zone, département or legal basis.' })
  key!: string;
  @Field(() => Int)
  onTrack!: number;
  @Field(() => Int)
  atRisk!: number;
  @Field(() => Int)
  late!: number;
  @Field(() => Int)
  breached!: number;
  @Field(() => Int, { description: 'Premises missing on the late and breached ones.' })
  shortfall!: number;
}

@ObjectType({ description: 'The standing of the commitments at the end of a quarter the regulator published.' })
export class QuarterTrend {
  @Field()
  quarter!: string;
  @Field()
  asOf!: string;
  @Field(() => Int)
  onTrack!: number;
  @Field(() => Int)
  atRisk!: number;
  @Field(() => Int)
  late!: number;
  @Field(() => Int)
  lateShortfall!: number;
}

@ObjectType({ description: 'Operator commitments by standing, split by operator, zone, département and legal basis, with the trend by quarter.' })
export class OperatorCommitmentReview {
  @Field()
  today!: string;
  @Field(() => [OperatorCommitmentStanding], { description: 'Worst first: breached, late (largest shortfall first), at risk, on track.' })
  commitments!: OperatorCommitmentStanding[];
  @Field(() => [StandingGroup])
  byOperator!: StandingGroup[];
  @Field(() => [StandingGroup])
  byZone!: StandingGroup[];
  @Field(() => [StandingGroup])
  byDepartement!: StandingGroup[];
  @Field(() => [StandingGroup])
  byLegalBasis!: StandingGroup[];
  @Field(() => [QuarterTrend])
  trend!: QuarterTrend[];
}

@ObjectType({ description: 'A problem of one line of an imported file (line 1 is the header; 0: the file as a whole).' })
export class ImportIssue {
  @Field(() => Int, { description: 'The line of the file.' })
  row!: number;
  @Field()
  column!: string;
  @Field()
  message!: string;
}

@ObjectType({ description: 'What a regulator file holds and would do; recorded only when asked and without any issue.' })
export class RegulatorQuarterImport {
  @Field()
  quarter!: string;
  @Field()
  asOf!: string;
  @Field(() => Int)
  rows!: number;
  @Field(() => [ImportIssue])
  issues!: ImportIssue[];
  @Field(() => Int)
  commitmentsToMove!: number;
  @Field(() => Int, { description: 'Communes whose best estimate of premises changed since the previous quarter.' })
  estimateChanges!: number;
  @Field()
  recorded!: boolean;
  @Field(() => Int)
  commitmentsMoved!: number;
}

@ObjectType({ description: 'What a zone file holds and would do; recorded only when asked and without any issue.' })
export class ZoneFileImport {
  @Field(() => Int)
  rows!: number;
  @Field(() => [ImportIssue])
  issues!: ImportIssue[];
  @Field()
  recorded!: boolean;
  @Field(() => Int, { description: 'Communes whose zone changed (rows equal to the zone in force change nothing).' })
  changed!: number;
  @Field(() => Int, { description: 'Operator commitments ended because their commune left the operator’s zone.' })
  endedCommitments!: number;
}
