import { Module, type OnModuleInit } from '@nestjs/common';
import { NetworkProjectsModule } from '../network-projects/network-projects.module.js';
import { EntityStates } from '../runtime/entity-states.js';
import { Projections } from '../projections/projections.module.js';
import { whiteZoneDecider } from './white-zone.decider.js';
import { TerritoryService } from '../territory/territory.service.js';
import { NetworkProjectWhiteZonesResolver } from './network-project-white-zones.resolver.js';
import { whiteZonesProjection } from './white-zone.projection.js';
import { WhiteZonesReadModel } from './white-zones.read-model.js';
import { WhiteZonesResolver } from './white-zones.resolver.js';

@Module({
  imports: [NetworkProjectsModule],
  providers: [WhiteZonesReadModel, WhiteZonesResolver, NetworkProjectWhiteZonesResolver],
})
export class WhiteZonesModule implements OnModuleInit {
  constructor(
    private readonly projections: Projections,
    private readonly states: EntityStates,
    private readonly territories: TerritoryService,
  ) {}

  onModuleInit(): void {
    this.states.register('whiteZone', whiteZoneDecider);
    this.projections.register(whiteZonesProjection(this.territories));
  }
}
