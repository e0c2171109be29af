import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CommandInput } from '../graphql/command-input.js';
import { PageArgs } from '../graphql/pagination.js';
import { ProjectFilterInput } from '../milestones/milestone.input.js';
import { NAME_MAX_LENGTH, REASON_MAX_LENGTH, type IndicatorSource, type ProcurementModel, type Technology } from './network-project.decider.js';
import { IndicatorSourceEnum, ProcurementModelEnum, TechnologyEnum } from './network-project.model.js';
import { IsAmount, IsCalendarDate, IsEntityId, IsNested, IsText } from '../graphql/field-kinds.js';

const DEPARTEMENT_CODE = /^(\d{2}|2[AB]|97\d)$/;

@InputType()
export class RegisterNetworkProjectInput extends CommandInput {
  @Field(() => ID, { nullable: true, description: 'Readable id; default: derived from commandId.' })
  @IsEntityId({ optional: true })
  projectId?: string;
  @Field()
  @IsText(NAME_MAX_LENGTH)
  name!: string;
  @Field(() => ID, { description: 'A département, syndicat mixte or Région; its representatives run the project.' })
  @IsEntityId()
  leadActorId!: string;
  @Field(() => [String], { description: 'Official département codes (44, 2A, 971...); more than one makes it multi-departmental.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(DEPARTEMENT_CODE, { each: true, message: 'département codes are official INSEE codes (44, 2A, 971)' })
  departementCodes!: string[];
  @Field(() => [TechnologyEnum])
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsIn(Object.values(TechnologyEnum), { each: true })
  technologies!: Technology[];
  @Field(() => ProcurementModelEnum, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(ProcurementModelEnum))
  procurementModel?: ProcurementModel;
  @Field(() => ID, { nullable: true, description: 'The delegate operator (a private operator), when known.' })
  @IsEntityId({ optional: true })
  delegateOperatorId?: string;
}

@InputType({ isAbstract: true })
abstract class NetworkProjectCommandInput extends CommandInput {
  @Field(() => ID)
  @IsEntityId()
  projectId!: string;
}

@InputType()
export class ChooseNetworkProjectContractInput extends NetworkProjectCommandInput {
  @Field(() => ProcurementModelEnum, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(ProcurementModelEnum))
  procurementModel?: ProcurementModel;
  @Field(() => ID, { nullable: true })
  @IsEntityId({ optional: true })
  delegateOperatorId?: string;
}

@InputType({ description: 'Whole numbers; give only the figures that changed (the others carry over).' })
export class NetworkIndicatorsInput {
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  ftthPremisesPlanned?: number;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  ftthPremisesBuilt?: number;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  ftthPremisesConnectable?: number;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  ftthPremisesConnected?: number;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  copperUpgradeLines?: number;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  businessSites?: number;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  cabinetsAndNodes?: number;
}

@InputType()
export class ReportNetworkIndicatorsInput extends NetworkProjectCommandInput {
  @Field({ description: 'YYYY-MM-DD, not in the future, not before the latest report.' })
  @IsCalendarDate()
  asOf!: string;
  @Field(() => NetworkIndicatorsInput)
  @IsNested(() => NetworkIndicatorsInput)
  figures!: NetworkIndicatorsInput;
  @Field(() => IndicatorSourceEnum, { nullable: true, description: 'Default DECLARED. The delegate operator may not report REGULATOR_DATA.' })
  @IsOptional()
  @IsIn(Object.values(IndicatorSourceEnum))
  source?: IndicatorSource;
  @Field(() => String, { nullable: true, description: 'Required when a figure is lower than in the previous report.' })
  @IsOptional()
  @IsString()
  @MaxLength(REASON_MAX_LENGTH)
  reason?: string;
}

@InputType({ description: 'Euros by funder; missing funders count as 0. The split must add up to the total cost.' })
export class FundingSplitInput {
  @Field(() => Float, { nullable: true })
  @IsAmount({ optional: true })
  state?: number;
  @Field(() => Float, { nullable: true })
  @IsAmount({ optional: true })
  region?: number;
  @Field(() => Float, { nullable: true })
  @IsAmount({ optional: true })
  departement?: number;
  @Field(() => Float, { nullable: true })
  @IsAmount({ optional: true })
  epci?: number;
  @Field(() => Float, { nullable: true })
  @IsAmount({ optional: true })
  euErdf?: number;
  @Field(() => Float, { nullable: true })
  @IsAmount({ optional: true })
  operatorPrivate?: number;
  @Field(() => Float, { nullable: true })
  @IsAmount({ optional: true })
  other?: number;
}

@InputType()
export class ReviseNetworkFinancingInput extends NetworkProjectCommandInput {
  @Field({ description: 'YYYY-MM-DD, not in the future, not before the previous estimate.' })
  @IsCalendarDate()
  asOf!: string;
  @Field(() => Float, { description: 'Whole euros.' })
  @IsAmount()
  totalCost!: number;
  @Field(() => FundingSplitInput)
  @IsNested(() => FundingSplitInput)
  split!: FundingSplitInput;
  @Field(() => Float)
  @IsAmount()
  stateAidCommitted!: number;
  @Field(() => Float, { description: 'At most the State aid committed.' })
  @IsAmount()
  stateAidPaid!: number;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(REASON_MAX_LENGTH)
  reason?: string;
}

@InputType()
export class AbandonNetworkProjectInput extends NetworkProjectCommandInput {
  @Field()
  @IsText(REASON_MAX_LENGTH)
  reason!: string;
}

@InputType()
export class NetworkProjectFilterInput extends ProjectFilterInput {
  @Field(() => String, { nullable: true, description: 'Projects covering this département.' })
  @IsOptional()
  @Matches(DEPARTEMENT_CODE, { message: 'département codes are official INSEE codes (44, 2A, 971)' })
  departementCode?: string;
  @Field(() => ID, { nullable: true })
  @IsEntityId({ optional: true })
  leadActorId?: string;
}

@ArgsType()
export class NetworkProjectsArgs extends PageArgs {
  @Field(() => NetworkProjectFilterInput, { nullable: true })
  @IsNested(() => NetworkProjectFilterInput, { optional: true })
  filter?: NetworkProjectFilterInput;
}
