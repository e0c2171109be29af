import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CommandInput } from '../graphql/command-input.js';
import { IsTerritoryRef, TerritoryRefInput } from '../territory/territory.model.js';
import { REASON_MAX_LENGTH, type DeploymentZone } from './commune-zone.decider.js';
import { REFERENCE_MAX_LENGTH, type LegalBasis } from './operator-commitments.decider.js';
import type { CommitmentStanding } from './zones.read-model.js';
import { CommitmentStandingEnum, DeploymentZoneEnum, LegalBasisEnum } from './zones.model.js';
import { IsCalendarDate, IsEntityId, IsNested, IsText } from '../graphql/field-kinds.js';

/** Communes in one act: enough for a département's AMII list, bounded for one request. */
export const MAX_COMMUNES_PER_ACT = 2000;
/**
 * A region's file (Pays de la Loire: ~1,250 communes, ~40 kB) with room to spare, under the HTTP
 * body limit (100 kB); a national file is sent département by département.
 */
export const MAX_FILE_CHARACTERS = 90_000;
const COMMUNE_CODE = /^(\d{5}|2[AB]\d{3})$/;
const COMMUNE_CODE_MESSAGE = 'a commune INSEE code is 5 characters (e.g. 44109, 2A004)';

@InputType()
export class SetCommuneZoneInput extends CommandInput {
  @Field({ description: 'Official commune INSEE code.' })
  @Matches(COMMUNE_CODE, { message: COMMUNE_CODE_MESSAGE })
  communeCode!: string;
  @Field(() => DeploymentZoneEnum)
  @IsIn(Object.values(DeploymentZoneEnum))
  zone!: DeploymentZone;
  @Field(() => ID, { nullable: true, description: 'The operator in charge (an actor id); required in ZTD, AMII and AMEL zones.' })
  @IsEntityId({ optional: true })
  operatorId?: string;
  @Field(() => ID, { nullable: true, description: 'The network project in charge, for a RIP zone.' })
  @IsEntityId({ optional: true })
  networkProjectId?: string;
  @Field({ description: 'YYYY-MM-DD: the day the zone takes effect; after the commune’s previous change.' })
  @IsCalendarDate()
  effectiveFrom!: string;
  @Field({ nullable: true, description: 'Required for a change of zone (an AMEL call, a transfer to the public zone…).' })
  @IsOptional()
  @IsString()
  @MaxLength(REASON_MAX_LENGTH)
  reason?: string;
}

@InputType({ description: 'One commune of an operator commitment.' })
export class CommuneCommitmentInput {
  @Field()
  @Matches(COMMUNE_CODE, { message: COMMUNE_CODE_MESSAGE })
  communeCode!: string;
  @Field(() => Int, { description: 'Premises the operator commits to make connectable to FttH.' })
  @IsInt()
  premises!: number;
  @Field({ description: 'YYYY-MM-DD.' })
  @IsCalendarDate()
  dueDate!: string;
}

@InputType()
export class RecordOperatorCommitmentsInput extends CommandInput {
  @Field(() => ID, { nullable: true, description: 'Readable id of the set; default: derived from commandId.' })
  @IsEntityId({ optional: true })
  setId?: string;
  @Field({ description: 'The common reference (e.g. the operator’s letter of commitment, the Arcep decision).' })
  @IsText(REFERENCE_MAX_LENGTH)
  reference!: string;
  @Field(() => ID)
  @IsEntityId()
  operatorId!: string;
  @Field(() => LegalBasisEnum)
  @IsIn(Object.values(LegalBasisEnum))
  legalBasis!: LegalBasis;
  @Field(() => [CommuneCommitmentInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_COMMUNES_PER_ACT)
  @IsNested(() => CommuneCommitmentInput, { each: true })
  communes!: CommuneCommitmentInput[];
}

@InputType({ description: 'A new due date and/or new premises for one commune.' })
export class CommuneRevisionInput {
  @Field()
  @Matches(COMMUNE_CODE, { message: COMMUNE_CODE_MESSAGE })
  communeCode!: string;
  @Field({ nullable: true })
  @IsCalendarDate({ optional: true })
  dueDate?: string;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  premises?: number;
}

@InputType()
export class AmendOperatorCommitmentsInput extends CommandInput {
  @Field(() => ID)
  @IsEntityId()
  setId!: string;
  @Field(() => [CommuneRevisionInput], { defaultValue: [] })
  @ArrayMaxSize(MAX_COMMUNES_PER_ACT)
  @IsNested(() => CommuneRevisionInput, { each: true })
  revised!: CommuneRevisionInput[];
  @Field(() => [String], { defaultValue: [], description: 'Communes withdrawn from the commitment.' })
  @ArrayMaxSize(MAX_COMMUNES_PER_ACT)
  @Matches(COMMUNE_CODE, { each: true, message: COMMUNE_CODE_MESSAGE })
  withdrawn!: string[];
  @Field()
  @IsString()
  @MaxLength(REASON_MAX_LENGTH)
  reason!: string;
}

@InputType({ description: "A regulator file (CSV text, ',' or ';'), checked and — when `commit` is true and it has no issue — recorded." })
export class ImportRegulatorFiguresInput extends CommandInput {
  @Field({ description: 'The file name or the publication’s title (kept as the source).' })
  @IsText(300)
  fileName!: string;
  @Field({
    description:
      'The CSV text, header first: code_commune, locaux_raccordables, meilleure_estimation_des_locaux[, trimestre]. At most 90,000 characters (a region).',
  })
  @IsString()
  @MaxLength(MAX_FILE_CHARACTERS)
  content!: string;
  @Field({ nullable: true, description: 'YYYY-Qn, when the file has no trimestre column.' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  quarter?: string;
  @Field({ defaultValue: false, description: 'false (default): a dry run that reports and writes nothing.' })
  @IsBoolean()
  commit!: boolean;
}

@InputType({ description: "A zone file (CSV text, ',' or ';'): code_commune, zone, operateur, projet_rip, date_effet, motif." })
export class ImportZoneFileInput extends CommandInput {
  @Field()
  @IsText(300)
  fileName!: string;
  @Field({ description: 'The CSV text. At most 90,000 characters (a region).' })
  @IsString()
  @MaxLength(MAX_FILE_CHARACTERS)
  content!: string;
  @Field({ defaultValue: false, description: 'false (default): a dry run that reports and writes nothing.' })
  @IsBoolean()
  commit!: boolean;
}

@ArgsType()
export class ZoneMapArgs {
  @Field(() => TerritoryRefInput, { nullable: true, description: 'A commune, EPCI, département or région; default: every commune with a zone.' })
  @IsTerritoryRef({ optional: true })
  territory?: TerritoryRefInput;
  @Field({ nullable: true, description: 'YYYY-MM-DD; default: today.' })
  @IsCalendarDate({ optional: true })
  asOf?: string;
  @Field(() => [DeploymentZoneEnum], { nullable: true })
  @IsOptional()
  @IsIn(Object.values(DeploymentZoneEnum), { each: true })
  zones?: DeploymentZone[];
}

@ArgsType()
export class OperatorCommitmentReviewArgs {
  @Field(() => TerritoryRefInput, { nullable: true })
  @IsTerritoryRef({ optional: true })
  territory?: TerritoryRefInput;
  @Field(() => ID, { nullable: true })
  @IsEntityId({ optional: true })
  operatorId?: string;
  @Field(() => [DeploymentZoneEnum], { nullable: true })
  @IsOptional()
  @IsIn(Object.values(DeploymentZoneEnum), { each: true })
  zones?: DeploymentZone[];
  @Field(() => [LegalBasisEnum], { nullable: true })
  @IsOptional()
  @IsIn(Object.values(LegalBasisEnum), { each: true })
  legalBases?: LegalBasis[];
  @Field(() => [CommitmentStandingEnum], { nullable: true, description: 'Default: LATE, AT_RISK and BREACHED.' })
  @IsOptional()
  @IsIn(Object.values(CommitmentStandingEnum), { each: true })
  standings?: CommitmentStanding[];
}
