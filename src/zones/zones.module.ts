import { Module, type OnModuleInit } from '@nestjs/common';
import { ActorsModule } from '../actors/actors.module.js';
import { EntityStates } from '../runtime/entity-states.js';
import { CommitmentsModule } from '../commitments/commitments.module.js';
import { Projections } from '../projections/projections.module.js';
import { TerritoryService } from '../territory/territory.service.js';
import { communeZoneDecider } from './commune-zone.decider.js';
import { operatorCommitmentsDecider } from './operator-commitments.decider.js';
import { regulatorQuarterDecider } from './regulator-quarter.decider.js';
import { zonesProjection } from './zones.projection.js';
import { ZonesReadModel } from './zones.read-model.js';
import { ZonesResolver } from './zones.resolver.js';
import { ZonesService } from './zones.service.js';

@Module({
  imports: [ActorsModule, CommitmentsModule],
  providers: [ZonesReadModel, ZonesService, ZonesResolver],
  exports: [ZonesService, ZonesReadModel],
})
export class ZonesModule implements OnModuleInit {
  constructor(
    private readonly projections: Projections,
    private readonly states: EntityStates,
    private readonly territories: TerritoryService,
  ) {}

  onModuleInit(): void {
    this.states.register('communeZone', communeZoneDecider);
    this.states.register('operatorCommitments', operatorCommitmentsDecider);
    this.states.register('regulatorQuarter', regulatorQuarterDecider);
    this.projections.register(zonesProjection(this.territories));
  }
}
