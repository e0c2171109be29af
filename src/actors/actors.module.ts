import { Module, type OnModuleInit } from '@nestjs/common';
import { Projections } from '../projections/projections.module.js';
import { ACTOR_STATUS } from '../auth/auth.guard.js';
import { actorsProjection } from './actor.projection.js';
import { ActorsReadModel } from './actors.read-model.js';
import { ActorsResolver } from './actors.resolver.js';

@Module({
  providers: [ActorsReadModel, ActorsResolver, { provide: ACTOR_STATUS, useExisting: ActorsReadModel }],
  exports: [ActorsReadModel, ACTOR_STATUS],
})
export class ActorsModule implements OnModuleInit {
  constructor(private readonly projections: Projections) {}

  onModuleInit(): void {
    this.projections.register(actorsProjection);
  }
}
