import { Module, type OnModuleInit } from '@nestjs/common';
import { EntityStates } from '../runtime/entity-states.js';
import { Projections } from '../projections/projections.module.js';
import { actorDecider } from './actor.decider.js';
import { ACTOR_STATUS } from '../auth/auth.guard.js';
import { actorsProjection } from './actor.projection.js';
import { ActorsReadModel } from './actors.read-model.js';
import { ActorsResolver } from './actors.resolver.js';
import { TerritoryService } from '../territory/territory.service.js';

@Module({
  providers: [ActorsReadModel, ActorsResolver, { provide: ACTOR_STATUS, useExisting: ActorsReadModel }],
  exports: [ActorsReadModel, ACTOR_STATUS],
})
export class ActorsModule implements OnModuleInit {
  constructor(
    private readonly projections: Projections,
    private readonly states: EntityStates,
    private readonly territories: TerritoryService,
  ) {}

  onModuleInit(): void {
    this.states.register('actor', actorDecider);
    this.projections.register(actorsProjection(this.territories));
  }
}
