import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, Matches, ValidateNested } from 'class-validator';
import { CALENDAR_DATE, CALENDAR_DATE_MESSAGE } from '../graphql/ids.js';
import { PageArgs } from '../graphql/pagination.js';
import { TerritoryRefInput } from '../territory/territory.model.js';
import { MapLevelEnum } from './feeds.model.js';
import type { MapLevel } from './feeds.service.js';

@ArgsType()
export class CalendarArgs extends PageArgs {
  @Field({ description: 'First day, YYYY-MM-DD (inclusive).' })
  @Matches(CALENDAR_DATE, { message: CALENDAR_DATE_MESSAGE })
  from!: string;

  @Field({ description: 'Last day, YYYY-MM-DD (inclusive); less than 10 years after `from`.' })
  @Matches(CALENDAR_DATE, { message: CALENDAR_DATE_MESSAGE })
  to!: string;

  @Field(() => TerritoryRefInput, {
    nullable: true,
    description: 'Records on this territory or inside it (a département finds its communes’ records); none: everything.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => TerritoryRefInput)
  territory?: TerritoryRefInput;
}

@ArgsType()
export class MapArgs {
  @Field(() => TerritoryRefInput, { nullable: true, description: 'The territory to map; none: the whole country by département.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TerritoryRefInput)
  territory?: TerritoryRefInput;

  @Field(() => MapLevelEnum, {
    nullable: true,
    description: 'Per commune (default for a département, EPCI or commune) or per département (default for a region or the whole country).',
  })
  @IsOptional()
  @IsIn(['commune', 'departement'])
  level?: MapLevel;
}
