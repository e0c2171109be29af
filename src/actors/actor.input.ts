import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CommandInput } from '../graphql/command-input.js';
import { PageArgs } from '../graphql/pagination.js';
import { AreTerritoryRefs, IsTerritoryRef, TerritoryRefInput } from '../territory/territory.model.js';
import { NAME_MAX_LENGTH, type ActorKind } from './actor.decider.js';
import { ActorKindEnum, ActorStatus } from './actor.model.js';
import { IsNested, IsText } from '../graphql/field-kinds.js';

const ACTOR_ID = /^[a-z0-9][a-z0-9_.-]{0,62}$/;

@InputType()
export class RegisterActorInput extends CommandInput {
  @Field(() => ID, { nullable: true, description: 'Readable id (lower case, digits, - _ .); default: derived from commandId.' })
  @IsOptional()
  @Matches(ACTOR_ID, { message: 'actorId must be 1-63 characters: lower-case letters, digits, - _ .' })
  actorId?: string;

  @Field(() => ActorKindEnum)
  @IsIn(Object.values(ActorKindEnum))
  kind!: ActorKind;

  @Field()
  @IsText(NAME_MAX_LENGTH)
  name!: string;

  @Field(() => [TerritoryRefInput])
  @AreTerritoryRefs({ max: 200 })
  territories!: TerritoryRefInput[];

  @Field(() => String, { nullable: true, description: '9 digits with a valid checksum.' })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'siren must be 9 digits' })
  siren?: string;
}

@InputType()
export class RenameActorInput extends CommandInput {
  @Field(() => ID)
  @Matches(ACTOR_ID)
  actorId!: string;

  @Field()
  @IsText(NAME_MAX_LENGTH)
  name!: string;
}

@InputType()
export class ChangeActorTerritoriesInput extends CommandInput {
  @Field(() => ID)
  @Matches(ACTOR_ID)
  actorId!: string;

  @Field(() => [TerritoryRefInput])
  @AreTerritoryRefs({ max: 200 })
  territories!: TerritoryRefInput[];
}

@InputType()
export class RetireActorInput extends CommandInput {
  @Field(() => ID)
  @Matches(ACTOR_ID)
  actorId!: string;

  @Field()
  @IsText(1000)
  reason!: string;
}

@InputType()
export class ActorFilterInput {
  @Field(() => ActorKindEnum, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(ActorKindEnum))
  kind?: ActorKind;

  @Field(() => ActorStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ActorStatus)
  status?: ActorStatus;

  @Field(() => TerritoryRefInput, {
    nullable: true,
    description:
      'Actors with a territory in this one (itself or inside it): a département finds its council, its communes and its EPCIs, as the conventions and commitments filters do.',
  })
  @IsTerritoryRef({ optional: true })
  territory?: TerritoryRefInput;

  @Field({ nullable: true, description: 'Part of the name; case and accents are ignored.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  nameContains?: string;
}

@ArgsType()
export class ActorsArgs extends PageArgs {
  @Field(() => ActorFilterInput, { nullable: true })
  @IsNested(() => ActorFilterInput, { optional: true })
  filter?: ActorFilterInput;
}
