import { Module, type OnModuleInit } from '@nestjs/common';
import { ActorsModule } from '../actors/actors.module.js';
import { ConventionsModule } from '../conventions/conventions.module.js';
import { EntityStates } from '../runtime/entity-states.js';
import { Projections } from '../projections/projections.module.js';
import { commitmentDecider } from './commitment.decider.js';
import { TerritoryService } from '../territory/territory.service.js';
import { LiveUpdates } from '../graphql/live-updates.js';
import { CommitmentChangesResolver } from './commitment-changes.resolver.js';
import { CommitmentLapseWatch } from './commitment-lapse.watch.js';
import { commitmentsProjection } from './commitment.projection.js';
import { CommitmentsReadModel } from './commitments.read-model.js';
import { CommitmentsResolver } from './commitments.resolver.js';
import { ConventionCommitmentsResolver } from './convention-commitments.resolver.js';

@Module({
  imports: [ActorsModule, ConventionsModule],
  providers: [CommitmentsReadModel, CommitmentsResolver, ConventionCommitmentsResolver, CommitmentChangesResolver, CommitmentLapseWatch, LiveUpdates],
  exports: [CommitmentsReadModel],
})
export class CommitmentsModule implements OnModuleInit {
  constructor(
    private readonly projections: Projections,
    private readonly states: EntityStates,
    private readonly territories: TerritoryService,
  ) {}

  onModuleInit(): void {
    this.states.register('commitment', commitmentDecider);
    this.projections.register(commitmentsProjection(this.territories));
  }
}
