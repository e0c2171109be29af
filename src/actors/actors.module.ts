import { Module } from '@nestjs/common';
import { ACTOR_STATUS } from '../auth/auth.guard.js';
import { ActorsReadModel } from './actors.read-model.js';
import { ActorsResolver } from './actors.resolver.js';

@Module({
  providers: [ActorsReadModel, ActorsResolver, { provide: ACTOR_STATUS, useExisting: ActorsReadModel }],
  exports: [ActorsReadModel, ACTOR_STATUS],
})
export class ActorsModule {}
