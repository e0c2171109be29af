import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { PublicRead } from '../auth/access.decorators.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { pageSize, type Connection } from '../graphql/pagination.js';
import { CalendarArgs, MapArgs } from './feeds.input.js';
import { CalendarItemConnection, MapData } from './feeds.model.js';
import type { CalendarItem } from './feeds.read-model.js';
import { FeedsService } from './feeds.service.js';

@Resolver()
export class FeedsResolver {
  constructor(
    private readonly feeds: FeedsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @PublicRead()
  @Query(() => CalendarItemConnection, {
    description:
      'Every dated item from `from` to `to` in one feed, by date: project milestones (planned/achieved), commitment due dates, convention signatures and entries into force, CCRANT meetings. ' +
      'Range under 10 years, at most 5000 items (else BAD_USER_INPUT: narrow it). Also served as iCalendar at GET /feeds/calendar.ics.',
  })
  calendar(@Args() args: CalendarArgs): Connection<CalendarItem> {
    return this.feeds.calendarPage({ from: args.from, to: args.to, territory: args.territory }, pageSize(args, this.config.graphql.maxPageSize), args.after);
  }

  @PublicRead()
  @Query(() => MapData, {
    name: 'map',
    description: 'Figures per commune or département of a territory, for a map front-end: projects, white zones, FttH premises, commitments.',
  })
  mapData(@Args() args: MapArgs): MapData {
    return this.feeds.map(args.territory, args.level);
  }
}
