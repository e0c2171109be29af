import { Module } from '@nestjs/common';
import { ActorsModule } from '../actors/actors.module.js';
import { ConventionsModule } from '../conventions/conventions.module.js';
import { LiveUpdates } from '../graphql/live-updates.js';
import { CommitmentChangesResolver } from './commitment-changes.resolver.js';
import { CommitmentLapseWatch } from './commitment-lapse.watch.js';
import { CommitmentsReadModel } from './commitments.read-model.js';
import { CommitmentsResolver } from './commitments.resolver.js';
import { ConventionCommitmentsResolver } from './convention-commitments.resolver.js';

@Module({
  imports: [ActorsModule, ConventionsModule],
  providers: [CommitmentsReadModel, CommitmentsResolver, ConventionCommitmentsResolver, CommitmentChangesResolver, CommitmentLapseWatch, LiveUpdates],
  exports: [CommitmentsReadModel],
})
export class CommitmentsModule {}
