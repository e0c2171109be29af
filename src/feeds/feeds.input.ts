import { ArgsType, Field } from '@nestjs/graphql';
import { IsIn, IsOptional } from 'class-validator';
import { PageArgs } from '../graphql/pagination.js';
import { IsTerritoryRef, TerritoryRefInput } from '../territory/territory.model.js';
import { MapLevelEnum } from './feeds.model.js';
import type { MapLevel } from './feeds.service.js';
import { IsCalendarDate } from '../graphql/field-kinds.js';

@ArgsType()
export class CalendarArgs extends PageArgs {
  @Field({ description: 'First day, YYYY-MM-DD (inclusive).' })
  @IsCalendarDate()
  from!: string;

  @Field({ description: 'Last day, YYYY-MM-DD (inclusive); less than 10 years after `from`.' })
  @IsCalendarDate()
  to!: string;

  @Field(() => TerritoryRefInput, {
    nullable: true,
    description: 'Records on this territory or inside it (a département finds its communes’ records); none: everything.',
  })
  @IsTerritoryRef({ optional: true })
  territory?: TerritoryRefInput;
}

@ArgsType()
export class MapArgs {
  @Field(() => TerritoryRefInput, { nullable: true, description: 'The territory to map; none: the whole country by département.' })
  @IsTerritoryRef({ optional: true })
  territory?: TerritoryRefInput;

  @Field(() => MapLevelEnum, {
    nullable: true,
    description: 'Per commune (default for a département, EPCI or commune) or per département (default for a region or the whole country).',
  })
  @IsOptional()
  @IsIn(['commune', 'departement'])
  level?: MapLevel;
}
