import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '../graphql/enums.js';
import { ConnectionType } from '../graphql/pagination.js';
import { ProjectRecord } from '../milestones/milestone.model.js';
import {
  INDICATOR_SOURCES,
  PROCUREMENT_MODELS,
  TECHNOLOGIES,
  type Indicator,
  type IndicatorSource,
  type ProcurementModel,
  type Technology,
} from './network-project.decider.js';

export const TechnologyEnum = graphqlEnum(TECHNOLOGIES, 'NetworkTechnology', 'FttH, copper upgrade (montée en débit), radio, satellite.');
export const IndicatorSourceEnum = graphqlEnum(
  INDICATOR_SOURCES,
  'IndicatorSource',
  'Where indicator figures come from: the reporter’s declaration (default), an operator’s file, or the regulator’s (Arcep) published file.',
);
export const ProcurementModelEnum = graphqlEnum(
  PROCUREMENT_MODELS,
  'ProcurementModel',
  'Concession (DSP), leasing (affermage), design-build contract (conception-réalisation), PPP, direct management (régie).',
);

@ObjectType({ description: 'Figures reported as of a date. Figures not given in a report carry over from the previous one; null: never reported.' })
export class NetworkIndicatorReport {
  @Field(() => Int)
  revision!: number;
  @Field({ description: 'YYYY-MM-DD.' })
  asOf!: string;
  @Field(() => Int, { nullable: true })
  ftthPremisesPlanned!: number | null;
  @Field(() => Int, { nullable: true, description: 'At most the premises planned.' })
  ftthPremisesBuilt!: number | null;
  @Field(() => Int, { nullable: true })
  ftthPremisesConnectable!: number | null;
  @Field(() => Int, { nullable: true, description: 'At most the premises connectable.' })
  ftthPremisesConnected!: number | null;
  @Field(() => Int, { nullable: true })
  copperUpgradeLines!: number | null;
  @Field(() => Int, { nullable: true })
  businessSites!: number | null;
  @Field(() => Int, { nullable: true })
  cabinetsAndNodes!: number | null;
  @Field(() => [String], { description: 'Figures this report lowered (a correction: see reason), e.g. ftthPremisesBuilt.' })
  lowered!: Indicator[];
  @Field(() => String, { nullable: true })
  reason!: string | null;
  @Field(() => IndicatorSourceEnum)
  source!: IndicatorSource;
  @Field(() => ID, { nullable: true })
  reportedBy!: string | null;
  @Field(() => GraphQLISODateTime)
  recordedAt!: Date;
}

@ObjectType({ description: 'Share of the cost by funder, in euros.' })
export class FundingSplit {
  @Field(() => Float)
  state!: number;
  @Field(() => Float)
  region!: number;
  @Field(() => Float)
  departement!: number;
  @Field(() => Float)
  epci!: number;
  @Field(() => Float, { description: 'EU ERDF (FEDER).' })
  euErdf!: number;
  @Field(() => Float, { description: 'The operator or other private funding.' })
  operatorPrivate!: number;
  @Field(() => Float)
  other!: number;
}

@ObjectType({ description: 'A cost and financing estimate as of a date; the list of them is the semestrial update of cost estimates.' })
export class FinancingEstimate {
  @Field(() => Int)
  revision!: number;
  @Field()
  asOf!: string;
  @Field(() => Float, { description: 'Euros; the split adds up to it.' })
  totalCost!: number;
  @Field(() => FundingSplit)
  split!: FundingSplit;
  @Field(() => Float)
  stateAidCommitted!: number;
  @Field(() => Float)
  stateAidPaid!: number;
  @Field(() => String, { nullable: true })
  reason!: string | null;
  @Field(() => ID, { nullable: true })
  revisedBy!: string | null;
  @Field(() => GraphQLISODateTime)
  recordedAt!: Date;
}

@ObjectType({ description: 'A public-initiative broadband network project (RIP).' })
export class NetworkProject extends ProjectRecord {
  @Field()
  name!: string;
  @Field(() => ID, { description: 'The département, syndicat mixte or Région leading it.' })
  leadActorId!: string;
  @Field(() => [String], { description: 'Official codes of the départements it covers.' })
  departementCodes!: string[];
  @Field()
  multiDepartemental!: boolean;
  @Field(() => [TechnologyEnum])
  technologies!: Technology[];
  @Field(() => ProcurementModelEnum, { nullable: true })
  procurementModel!: ProcurementModel | null;
  @Field(() => ID, { nullable: true })
  delegateOperatorId!: string | null;
}

export const NetworkProjectConnection = ConnectionType(NetworkProject);

@ObjectType()
export class NetworkProjectPayload {
  @Field(() => NetworkProject)
  networkProject!: NetworkProject;
  @Field(() => Int)
  revision!: number;
  @Field()
  replayed!: boolean;
}
