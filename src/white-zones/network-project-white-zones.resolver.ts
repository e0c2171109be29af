import { Inject } from '@nestjs/common';
import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { pageSize, PageArgs, type Connection } from '../graphql/pagination.js';
import { NetworkProject } from '../network-projects/network-project.model.js';
import type { NetworkProjectRow } from '../network-projects/network-projects.read-model.js';
import { WhiteZoneConnection } from './white-zone.model.js';
import { WhiteZonesReadModel, type WhiteZoneRow } from './white-zones.read-model.js';

/** The other side of the white zone–project link, kept here so network projects need not know white zones. */
@Resolver(() => NetworkProject)
export class NetworkProjectWhiteZonesResolver {
  constructor(
    private readonly whiteZones: WhiteZonesReadModel,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ResolveField('whiteZones', () => WhiteZoneConnection, { description: 'White zones this project is planned to resolve (or resolved).' })
  whiteZonesOf(@Parent() project: NetworkProjectRow, @Args() args: PageArgs): Connection<WhiteZoneRow> {
    return this.whiteZones.list({ networkProjectId: project.id }, pageSize(args, this.config.graphql.maxPageSize), args.after);
  }
}
