import { ArgsType, Field, Float, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsOptional, IsString } from 'class-validator';
import { CommandInput } from '../graphql/command-input.js';
import { PageArgs } from '../graphql/pagination.js';
import { IsTerritoryRef, TerritoryRefInput } from '../territory/territory.model.js';
import { REASON_MAX_LENGTH, type WhiteZoneKind, type WhiteZoneStatus } from './white-zone.decider.js';
import { PrioritySitesInput, WhiteZoneKindEnum, WhiteZoneStatusEnum } from './white-zone.model.js';
import { IsAmount, IsCalendarDate, IsEntityId, IsNested, IsText } from '../graphql/field-kinds.js';

@InputType()
export class RecordWhiteZoneInput extends CommandInput {
  @Field(() => ID, { nullable: true, description: 'Readable id; default: derived from commandId.' })
  @IsEntityId({ optional: true })
  zoneId?: string;
  @Field(() => WhiteZoneKindEnum)
  @IsIn(Object.values(WhiteZoneKindEnum))
  kind!: WhiteZoneKind;
  @Field(() => [String], { description: 'Official commune INSEE codes.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsString({ each: true })
  communeCodes!: string[];
  @Field(() => PrioritySitesInput)
  @IsNested(() => PrioritySitesInput)
  prioritySites!: PrioritySitesInput;
  @Field(() => Float, { nullable: true, description: 'Whole euros; omit when not estimated yet.' })
  @IsAmount({ optional: true })
  estimatedCost?: number;
  @Field({ description: 'YYYY-MM-DD, not in the future.' })
  @IsCalendarDate()
  identifiedOn!: string;
}

@InputType({ isAbstract: true })
abstract class WhiteZoneCommandInput extends CommandInput {
  @Field(() => ID)
  @IsEntityId()
  zoneId!: string;
}

@InputType()
export class ReviseWhiteZoneEstimateInput extends WhiteZoneCommandInput {
  @Field(() => PrioritySitesInput, { nullable: true })
  @IsNested(() => PrioritySitesInput, { optional: true })
  prioritySites?: PrioritySitesInput;
  @Field(() => Float, { nullable: true })
  @IsAmount({ optional: true })
  estimatedCost?: number;
  @Field()
  @IsText(REASON_MAX_LENGTH)
  reason!: string;
}

@InputType()
export class PlanWhiteZoneResolutionInput extends WhiteZoneCommandInput {
  @Field(() => ID, { description: 'The network project that will resolve it.' })
  @IsEntityId()
  networkProjectId!: string;
  @Field({ description: 'The day it was planned (YYYY-MM-DD), not before identification, not in the future.' })
  @IsCalendarDate()
  plannedOn!: string;
}

@InputType()
export class ResolveWhiteZoneInput extends WhiteZoneCommandInput {
  @Field({ description: 'YYYY-MM-DD, not in the future, not before it was planned (or identified).' })
  @IsCalendarDate()
  resolvedOn!: string;
}

@InputType()
export class WhiteZoneFilterInput {
  @Field(() => TerritoryRefInput, { nullable: true, description: 'A commune, or an EPCI, département or région enclosing zones.' })
  @IsTerritoryRef({ optional: true })
  territory?: TerritoryRefInput;
  @Field(() => [WhiteZoneKindEnum], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(3)
  @IsIn(Object.values(WhiteZoneKindEnum), { each: true })
  kinds?: WhiteZoneKind[];
  @Field(() => [WhiteZoneStatusEnum], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(3)
  @IsIn(Object.values(WhiteZoneStatusEnum), { each: true })
  statuses?: WhiteZoneStatus[];
  @Field(() => ID, { nullable: true })
  @IsEntityId({ optional: true })
  networkProjectId?: string;
}

@ArgsType()
export class WhiteZonesArgs extends PageArgs {
  @Field(() => WhiteZoneFilterInput, { nullable: true })
  @IsNested(() => WhiteZoneFilterInput, { optional: true })
  filter?: WhiteZoneFilterInput;
}

@ArgsType()
export class WhiteZoneTotalsArgs {
  @Field(() => WhiteZoneFilterInput, { nullable: true })
  @IsNested(() => WhiteZoneFilterInput, { optional: true })
  filter?: WhiteZoneFilterInput;
}
