import { Module } from '@nestjs/common';
import { ActorsModule } from '../actors/actors.module.js';
import { LiveUpdates } from '../graphql/live-updates.js';
import { ConventionChangesResolver } from './convention-changes.resolver.js';
import { ConventionsReadModel } from './conventions.read-model.js';
import { ConventionPartyResolver, ConventionsResolver } from './conventions.resolver.js';

@Module({
  imports: [ActorsModule],
  providers: [ConventionsReadModel, ConventionsResolver, ConventionPartyResolver, ConventionChangesResolver, LiveUpdates],
  exports: [ConventionsReadModel],
})
export class ConventionsModule {}
