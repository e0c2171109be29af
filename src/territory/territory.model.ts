import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsInt, IsOptional, IsString, Length, Matches, MaxLength, Min, type ValidationArguments } from 'class-validator';
import { IsNested, type FieldKindOptions } from '../graphql/field-kinds.js';
import { malformedCodeMessage } from './territory.service.js';
import { TerritoryKind, type Territory as TerritoryShape } from './territory.types.js';

export { TerritoryKind } from './territory.types.js';

registerEnumType(TerritoryKind, {
  name: 'TerritoryKind',
  description: 'Kind of official territory (French administrative geography, COG).',
  valuesMap: {
    REGION: { description: 'Région, INSEE code of 2 digits (52 Pays de la Loire; 01-06 overseas).' },
    DEPARTEMENT: { description: 'Département, INSEE code: 2 digits, 2A/2B (Corse) or 3 digits overseas (971).' },
    COMMUNE: { description: 'Current commune (commune actuelle), INSEE code of 5 characters (44109 Nantes, 2A004 Ajaccio).' },
    EPCI: { description: 'Intercommunality (EPCI à fiscalité propre: métropole, communauté urbaine, d’agglomération or de communes), SIREN of 9 digits.' },
  },
});

/** Any code of any kind, roughly; the exact per-kind format and existence are checked by TerritoryService. */
const ANY_TERRITORY_CODE = /^(\d{2,3}|2[AB]|\d{5}|2[AB]\d{3}|\d{9})$/;
const ANY_CODE_MESSAGE = 'code must be an official code: region 2 digits, département 2 digits/2A/2B/3 digits, commune 5 characters, EPCI SIREN 9 digits';
/** Named like the service's own check (`Malformed département code '2C': ...`) when the kind is known. */
const CODE_MESSAGE = (args: ValidationArguments) => {
  const kind = (args.object as { kind?: unknown }).kind;
  return Object.values(TerritoryKind).includes(kind as TerritoryKind) ? malformedCodeMessage(kind as TerritoryKind, args.value) : ANY_CODE_MESSAGE;
};

@ObjectType({ description: 'An official French territory: région, département, commune or EPCI (intercommunality), from the COG.' })
export class Territory implements TerritoryShape {
  @Field(() => TerritoryKind)
  kind!: TerritoryKind;

  @Field({ description: 'INSEE code (région, département, commune) or SIREN (EPCI).' })
  code!: string;

  @Field({ description: 'Official name, e.g. "Pays de la Loire", "Loire-Atlantique", "Nantes", "Nantes Métropole".' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'INSEE code of the région it lies in; for an EPCI across a regional border, the région holding most of its population. Null for a région.',
  })
  regionCode?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'INSEE code of the département it lies in (communes; EPCI: the département holding most of its population). Null for régions and départements.',
  })
  departementCode?: string;
}

@InputType({ description: 'A reference to an official territory: its kind and code (checked against the COG).' })
export class TerritoryRefInput {
  @Field(() => TerritoryKind)
  @IsEnum(TerritoryKind)
  kind!: TerritoryKind;

  @Field({ description: 'INSEE code (région, département, commune) or SIREN (EPCI).' })
  @IsString()
  @Length(2, 9)
  @Matches(ANY_TERRITORY_CODE, { message: CODE_MESSAGE })
  code!: string;
}

/** One territory reference in an input, checked field by field (its existence is checked by the command). */
export const IsTerritoryRef = (options: FieldKindOptions = {}) => IsNested(() => TerritoryRefInput, options);

/** A list of `min` (if given) to `max` territory references. */
export const AreTerritoryRefs = ({ min, max }: { min?: number; max: number }) =>
  applyDecorators(
    ArrayMaxSize(max),
    ...(min === undefined ? [] : [ArrayMinSize(min)]),
    IsNested(() => TerritoryRefInput, { each: true }),
  );

@ArgsType()
export class TerritoryArgs {
  @Field(() => TerritoryKind)
  @IsEnum(TerritoryKind)
  kind!: TerritoryKind;

  @Field({ description: 'INSEE code (région, département, commune) or SIREN (EPCI).' })
  @IsString()
  @Length(2, 9)
  @Matches(ANY_TERRITORY_CODE, { message: CODE_MESSAGE })
  code!: string;
}

@ArgsType()
export class TerritoriesArgs {
  @Field(() => TerritoryKind)
  @IsEnum(TerritoryKind)
  kind!: TerritoryKind;

  @Field(() => String, { nullable: true, description: 'Only territories in this région (INSEE code); an EPCI is in every région one of its communes is in.' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{2}$/, { message: 'regionCode must be 2 digits' })
  regionCode?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Part of the name (case-, accent- and punctuation-insensitive: "saint etienne" finds "Saint-Étienne"), or the start of the code.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @Field(() => Int, { nullable: true, description: 'How many (default 20, at most 100).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  first?: number;
}
