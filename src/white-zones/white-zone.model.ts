import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional } from 'class-validator';
import { graphqlEnum } from '../graphql/enums.js';
import { ConnectionType } from '../graphql/pagination.js';
import { WHITE_ZONE_KINDS, type WhiteZoneKind, type WhiteZoneStatus } from './white-zone.decider.js';

export const WhiteZoneKindEnum = graphqlEnum(
  WHITE_ZONE_KINDS,
  'WhiteZoneKind',
  'Fixed broadband below the quality threshold (3-4 Mbit/s), no 2G/3G mobile coverage, 4G demand.',
);
export const WhiteZoneStatusEnum = graphqlEnum<WhiteZoneStatus>(
  ['identified', 'planned', 'resolved'],
  'WhiteZoneStatus',
  'IDENTIFIED → PLANNED (by a network project) → RESOLVED.',
);

@ObjectType({ description: 'Priority sites in a white zone.' })
export class PrioritySites {
  @Field(() => Int)
  schools!: number;
  @Field(() => Int)
  publicServices!: number;
  @Field(() => Int)
  businesses!: number;
  @Field(() => Int)
  health!: number;
}

@InputType({ description: 'Counts of priority sites; missing ones count as 0.' })
export class PrioritySitesInput {
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  schools?: number;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  publicServices?: number;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  businesses?: number;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  health?: number;
}

@ObjectType({ description: 'An entry of the white-zone inventory.' })
export class WhiteZone {
  @Field(() => ID)
  id!: string;
  @Field(() => WhiteZoneKindEnum)
  kind!: WhiteZoneKind;
  @Field(() => [String], { description: 'Official commune codes.' })
  communeCodes!: string[];
  @Field(() => PrioritySites)
  prioritySites!: PrioritySites;
  @Field(() => Float, { nullable: true, description: 'Estimated cost of resolution, whole euros.' })
  estimatedCost!: number | null;
  @Field(() => WhiteZoneStatusEnum)
  status!: WhiteZoneStatus;
  @Field()
  identifiedOn!: string;
  @Field(() => String, { nullable: true })
  plannedOn!: string | null;
  @Field(() => ID, { nullable: true, description: 'The network project planned to resolve it.' })
  networkProjectId!: string | null;
  @Field(() => String, { nullable: true })
  resolvedOn!: string | null;
  @Field(() => Int)
  revision!: number;
}

export const WhiteZoneConnection = ConnectionType(WhiteZone);

@ObjectType()
export class PrioritySiteTotals extends PrioritySites {
  @Field(() => Int)
  total!: number;
}

@ObjectType({ description: 'Totals of the inventory over a filter: what the circular asks for (inventory, 2G cost estimate).' })
export class WhiteZoneTotals {
  @Field(() => Int)
  zones!: number;
  @Field(() => Int, { description: 'Distinct communes with at least one zone.' })
  communes!: number;
  @Field(() => PrioritySiteTotals)
  prioritySites!: PrioritySiteTotals;
  @Field(() => Float, { description: 'Sum of the estimates given, euros.' })
  estimatedCost!: number;
  @Field(() => Int, { description: 'Zones with no estimate yet (not in estimatedCost).' })
  zonesWithoutEstimate!: number;
}

@ObjectType()
export class WhiteZonePayload {
  @Field(() => WhiteZone)
  whiteZone!: WhiteZone;
  @Field(() => Int)
  revision!: number;
  @Field()
  replayed!: boolean;
}
