import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CommandInput } from '../graphql/command-input.js';
import { PERSON_ID } from '../graphql/ids.js';
import { PageArgs } from '../graphql/pagination.js';
import { IsTerritoryRef, TerritoryRefInput } from '../territory/territory.model.js';
import {
  MAX_PARTIES,
  TEXT_MAX_LENGTH,
  TITLE_MAX_LENGTH,
  type ConventionKind,
  type ConventionStatus,
  type DefaultDecisionOutcome,
} from './convention.decider.js';
import { ConventionKindEnum, ConventionStatusEnum, DefaultDecisionOutcomeEnum } from './convention.model.js';
import { IsCalendarDate, IsDocumentHash, IsEntityId, IsNested, IsText } from '../graphql/field-kinds.js';

/** Communes a convention may cover: a whole region's worth (Pays de la Loire has about 1,200). */
const MAX_SCOPE = 5000;
const COMMUNE_CODE = /^(\d{5}|2[AB]\d{3})$/;
const COMMUNE_MESSAGE = 'a commune INSEE code is 5 characters (e.g. 44109, 2A004)';

@InputType()
export class PartyInput {
  @Field(() => ID)
  @IsEntityId()
  actorId!: string;

  @Field(() => Int, { defaultValue: 1, description: 'Signatures this party gives on each version (1-10).' })
  @IsInt()
  @Min(1)
  @Max(10)
  signaturesRequired!: number;
}

@InputType()
export class CalendarEntryInput {
  @Field()
  @Matches(COMMUNE_CODE, { message: COMMUNE_MESSAGE })
  communeCode!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  plannedPremises!: number;

  @Field({ description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  plannedDate!: string;
}

@InputType()
export class DraftConventionInput extends CommandInput {
  @Field(() => ID, { nullable: true, description: 'Readable id (lower case, digits, - _ .); default: derived from commandId.' })
  @IsEntityId({ optional: true })
  conventionId?: string;

  @Field(() => ConventionKindEnum)
  @IsIn(Object.values(ConventionKindEnum))
  kind!: ConventionKind;

  @Field()
  @IsText(TITLE_MAX_LENGTH)
  title!: string;

  @Field(() => [PartyInput], { description: 'At least two; the drafter’s actor must be one of them.' })
  @IsNested(() => PartyInput, { each: true })
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_PARTIES)
  parties!: PartyInput[];

  @Field({ description: 'SHA-256 of the exact document, 64 lower-case hex digits.' })
  @IsDocumentHash()
  documentHash!: string;

  @Field(() => [String], { description: 'Commune INSEE codes the convention covers.' })
  @Matches(COMMUNE_CODE, { each: true, message: COMMUNE_MESSAGE })
  @ArrayMaxSize(MAX_SCOPE)
  scope!: string[];

  @Field(() => [CalendarEntryInput], { nullable: true, description: 'Deployment calendar: per commune of the scope, planned premises and date.' })
  @IsNested(() => CalendarEntryInput, { optional: true, each: true })
  @ArrayMaxSize(MAX_SCOPE)
  calendar?: CalendarEntryInput[];

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; after it the convention can be recorded as expired.' })
  @IsCalendarDate({ optional: true })
  endsOn?: string;
}

@InputType()
class ConventionCommandInput extends CommandInput {
  @Field(() => ID)
  @IsEntityId()
  conventionId!: string;
}

@InputType({ description: 'Who signs: a person id from the people registry and the title they sign under.' })
export class SignatoryInput {
  @Field(() => ID)
  @Matches(PERSON_ID, { message: 'personId references the people registry: letters, digits, _ . : -' })
  personId!: string;

  @Field({ description: 'E.g. "Président du Conseil départemental".' })
  @IsText(TITLE_MAX_LENGTH)
  title!: string;
}

@InputType()
export class CouncilResolutionInput {
  @Field()
  @IsText(100)
  number!: string;

  @Field({ description: 'YYYY-MM-DD, on or before the signature.' })
  @IsCalendarDate()
  date!: string;
}

@InputType()
export class SignConventionInput extends ConventionCommandInput {
  @Field({ description: 'The hash of the version you sign: it must be the version awaiting signatures.' })
  @IsDocumentHash()
  documentHash!: string;

  @Field(() => SignatoryInput)
  @IsNested(() => SignatoryInput)
  signatory!: SignatoryInput;

  @Field()
  @IsText(TITLE_MAX_LENGTH)
  place!: string;

  @Field({ description: 'YYYY-MM-DD, not in the future.' })
  @IsCalendarDate()
  signedOn!: string;

  @Field(() => CouncilResolutionInput, { nullable: true, description: 'Required for a local authority (région, département, EPCI, commune, syndicat mixte).' })
  @IsNested(() => CouncilResolutionInput, { optional: true })
  councilResolution?: CouncilResolutionInput;
}

@InputType()
export class AmendConventionInput extends ConventionCommandInput {
  @Field({ description: 'SHA-256 of the amended document (avenant).' })
  @IsDocumentHash()
  documentHash!: string;

  @Field()
  @IsText(TEXT_MAX_LENGTH)
  summary!: string;
}

@InputType()
export class TerminateConventionInput extends ConventionCommandInput {
  @Field()
  @IsText(TEXT_MAX_LENGTH)
  reason!: string;

  @Field({ description: 'YYYY-MM-DD the termination takes effect; not in the future.' })
  @IsCalendarDate()
  on!: string;
}

@InputType()
export class ExpireConventionInput extends ConventionCommandInput {}

@InputType()
export class NotifyConventionDefaultInput extends ConventionCommandInput {
  @Field(() => ID)
  @IsEntityId()
  defaultId!: string;

  @Field(() => ID)
  @IsEntityId()
  defaultingPartyId!: string;

  @Field()
  @IsText(TEXT_MAX_LENGTH)
  description!: string;
}

@InputType()
export class ConventionDefaultInput extends ConventionCommandInput {
  @Field(() => ID)
  @IsEntityId()
  defaultId!: string;
}

@InputType()
export class RecordDefaultDecisionInput extends ConventionDefaultInput {
  @Field(() => ID)
  @IsEntityId()
  decisionId!: string;

  @Field(() => ID)
  @IsEntityId()
  meetingId!: string;

  @Field(() => DefaultDecisionOutcomeEnum)
  @IsIn(Object.values(DefaultDecisionOutcomeEnum))
  outcome!: DefaultDecisionOutcome;
}

@InputType()
export class ResolveConventionDefaultInput extends ConventionDefaultInput {
  @Field()
  @IsText(TEXT_MAX_LENGTH)
  resolution!: string;
}

@InputType()
export class ConventionFilterInput {
  @Field(() => ConventionKindEnum, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(ConventionKindEnum))
  kind?: ConventionKind;

  @Field(() => ID, { nullable: true, description: 'Conventions this actor is party to.' })
  @IsEntityId({ optional: true })
  partyId?: string;

  @Field(() => TerritoryRefInput, {
    nullable: true,
    description: 'A commune, or an EPCI, département or région: conventions whose scope includes a commune in it.',
  })
  @IsTerritoryRef({ optional: true })
  territory?: TerritoryRefInput;

  @Field(() => [ConventionStatusEnum], { nullable: true })
  @IsOptional()
  @IsIn(Object.values(ConventionStatusEnum), { each: true })
  @ArrayMaxSize(6)
  statuses?: ConventionStatus[];
}

@ArgsType()
export class ConventionsArgs extends PageArgs {
  @Field(() => ConventionFilterInput, { nullable: true })
  @IsNested(() => ConventionFilterInput, { optional: true })
  filter?: ConventionFilterInput;
}
