import { Module } from '@nestjs/common';
import { ACTOR_STATUS } from '../auth/auth.guard.js';
import { ActorAccess } from './actor-access.js';
import { ActorsReadModel } from './actors.read-model.js';
import { ActorsResolver } from './actors.resolver.js';

@Module({
  providers: [ActorsReadModel, ActorAccess, ActorsResolver, { provide: ACTOR_STATUS, useExisting: ActorAccess }],
  exports: [ActorsReadModel, ActorAccess, ACTOR_STATUS],
})
export class ActorsModule {}
