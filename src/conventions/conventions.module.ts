import { Module, type OnModuleInit } from '@nestjs/common';
import { ActorsModule } from '../actors/actors.module.js';
import { EntityStates } from '../runtime/entity-states.js';
import { Projections } from '../projections/projections.module.js';
import { conventionDecider } from './convention.decider.js';
import { TerritoryService } from '../territory/territory.service.js';
import { LiveUpdates } from '../graphql/live-updates.js';
import { ConventionChangesResolver } from './convention-changes.resolver.js';
import { conventionsProjection } from './convention.projection.js';
import { ConventionsReadModel } from './conventions.read-model.js';
import { ConventionPartyResolver, ConventionsResolver } from './conventions.resolver.js';

@Module({
  imports: [ActorsModule],
  providers: [ConventionsReadModel, ConventionsResolver, ConventionPartyResolver, ConventionChangesResolver, LiveUpdates],
  exports: [ConventionsReadModel],
})
export class ConventionsModule implements OnModuleInit {
  constructor(
    private readonly projections: Projections,
    private readonly states: EntityStates,
    private readonly territories: TerritoryService,
  ) {}

  onModuleInit(): void {
    this.states.register('convention', conventionDecider);
    this.projections.register(conventionsProjection(this.territories));
  }
}
