import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, PublicRead } from '../auth/access.decorators.js';
import type { Principal } from '../shared/principal.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { eventIdFor } from '../decider/command-handler.js';
import { type CommandInput, type WithoutPrincipal } from '../graphql/command-input.js';
import { apiError } from '../graphql/errors.js';
import { pageSize, type Connection } from '../graphql/pagination.js';
import { NetworkProject } from '../network-projects/network-project.model.js';
import { NetworkProjectsReadModel } from '../network-projects/network-projects.read-model.js';
import { parisToday } from '../shared/calendar-date.js';
import { TerritoryService } from '../territory/territory.service.js';
import { checkCommuneCodes, checkTerritoryRefs } from '../territory/territory-input.js';
import { PRIORITY_SITES, whiteZoneDecider, whiteZoneStreamId, type PrioritySites, type WhiteZoneCommand } from './white-zone.decider.js';
import {
  PlanWhiteZoneResolutionInput,
  RecordWhiteZoneInput,
  ResolveWhiteZoneInput,
  ReviseWhiteZoneEstimateInput,
  WhiteZoneFilterInput,
  WhiteZonesArgs,
  WhiteZoneTotalsArgs,
} from './white-zone.input.js';
import { WhiteZone, WhiteZoneConnection, WhiteZonePayload, WhiteZoneTotals } from './white-zone.model.js';
import { WhiteZonesReadModel, type WhiteZoneFilter, type WhiteZoneRow } from './white-zones.read-model.js';
import { CommandGateway } from '../graphql/command-gateway.js';

@Resolver(() => WhiteZone)
export class WhiteZonesResolver {
  constructor(
    private readonly commands: CommandGateway,
    private readonly readModel: WhiteZonesReadModel,
    private readonly projects: NetworkProjectsReadModel,
    private readonly territories: TerritoryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @PublicRead()
  @Query(() => WhiteZoneConnection, {
    description: 'The white-zone inventory; filter by territory (commune, EPCI, département, région), kind, status, network project.',
  })
  whiteZones(@Args() args: WhiteZonesArgs): Connection<WhiteZoneRow> {
    return this.readModel.list(this.filterOf(args.filter), pageSize(args, this.config.graphql.maxPageSize), args.after);
  }

  @PublicRead()
  @Query(() => WhiteZoneTotals, { description: 'Totals over the same filters: zones, distinct communes, priority sites, estimated cost.' })
  whiteZoneTotals(@Args() args: WhiteZoneTotalsArgs) {
    return this.readModel.totals(this.filterOf(args.filter));
  }

  @PublicRead()
  @Query(() => WhiteZone, { nullable: true })
  whiteZone(@Args('id', { type: () => ID }) id: string) {
    return this.readModel.byId(id);
  }

  @ResolveField('networkProject', () => NetworkProject, { nullable: true })
  networkProject(zone: WhiteZoneRow) {
    return zone.networkProjectId === null ? null : this.projects.byId(zone.networkProjectId);
  }

  @Mutation(() => WhiteZonePayload, { description: 'Records a white zone in the inventory (commission secretariat, national body or admin).' })
  recordWhiteZone(@Args('input') input: RecordWhiteZoneInput, @CurrentPrincipal() principal: Principal) {
    checkCommuneCodes(this.territories, input.communeCodes, 'communeCodes');
    const zoneId = input.zoneId ?? eventIdFor(input.commandId, -1);
    const { kind, communeCodes, identifiedOn } = input;
    return this.run(
      zoneId,
      {
        type: 'RecordWhiteZone',
        zoneId,
        kind,
        communeCodes,
        prioritySites: sitesOf(input.prioritySites),
        estimatedCost: input.estimatedCost ?? null,
        identifiedOn,
        today: parisToday(),
      },
      input,
      principal,
    );
  }

  @Mutation(() => WhiteZonePayload, { description: 'Revises the priority sites and/or the estimated cost, with the reason.' })
  reviseWhiteZoneEstimate(@Args('input') input: ReviseWhiteZoneEstimateInput, @CurrentPrincipal() principal: Principal) {
    const prioritySites = input.prioritySites && sitesOf(input.prioritySites);
    return this.run(
      input.zoneId,
      { type: 'ReviseWhiteZoneEstimate', prioritySites, estimatedCost: input.estimatedCost, reason: input.reason },
      input,
      principal,
    );
  }

  @Mutation(() => WhiteZonePayload, { description: 'Links the zone to the network project that will resolve it: IDENTIFIED → PLANNED.' })
  planWhiteZoneResolution(@Args('input') input: PlanWhiteZoneResolutionInput, @CurrentPrincipal() principal: Principal) {
    const project = this.projects.byId(input.networkProjectId);
    const { networkProjectId, plannedOn } = input;
    return this.run(
      input.zoneId,
      { type: 'PlanWhiteZoneResolution', networkProjectId, project: project && { status: project.status }, plannedOn, today: parisToday() },
      input,
      principal,
    );
  }

  @Mutation(() => WhiteZonePayload, { description: 'Marks the zone resolved on a date.' })
  resolveWhiteZone(@Args('input') input: ResolveWhiteZoneInput, @CurrentPrincipal() principal: Principal) {
    return this.run(input.zoneId, { type: 'ResolveWhiteZone', resolvedOn: input.resolvedOn, today: parisToday() }, input, principal);
  }

  private filterOf(input: WhiteZoneFilterInput = {}): WhiteZoneFilter {
    const { territory, ...filter } = input;
    return { ...filter, territory: territory && checkTerritoryRefs(this.territories, [territory], 'filter.territory', true)[0] };
  }

  private async run(zoneId: string, command: WithoutPrincipal<WhiteZoneCommand>, input: CommandInput, principal: Principal): Promise<WhiteZonePayload> {
    const result = await this.commands.send(whiteZoneDecider, whiteZoneStreamId(zoneId), command, input, principal);
    const whiteZone = this.readModel.byId(zoneId);
    if (!whiteZone) throw apiError('NOT_FOUND', `No white zone ${zoneId}`);
    return { whiteZone: whiteZone, revision: result.revision, replayed: result.replayed };
  }
}

function sitesOf(input: Partial<PrioritySites>): PrioritySites {
  return Object.fromEntries(PRIORITY_SITES.map((site) => [site, input[site] ?? 0])) as PrioritySites;
}
