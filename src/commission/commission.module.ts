import { Module, type OnModuleInit } from '@nestjs/common';
import { ActorsModule } from '../actors/actors.module.js';
import { CommitmentsModule } from '../commitments/commitments.module.js';
import { LiveUpdates } from '../graphql/live-updates.js';
import { EntityStates } from '../runtime/entity-states.js';
import { Projections } from '../projections/projections.module.js';
import { commissionDecider } from './commission.decider.js';
import { meetingDecider } from './meeting.decider.js';
import { CommissionFollowUps } from './commission-follow-ups.js';
import { commissionProjection } from './commission.projection.js';
import { CommissionReadModel } from './commission.read-model.js';
import { CommissionResolver, DecisionResolver } from './commission.resolver.js';

@Module({
  imports: [ActorsModule, CommitmentsModule],
  providers: [CommissionReadModel, CommissionResolver, DecisionResolver, CommissionFollowUps, LiveUpdates],
  exports: [CommissionReadModel],
})
export class CommissionModule implements OnModuleInit {
  constructor(
    private readonly projections: Projections,
    private readonly states: EntityStates,
  ) {}

  onModuleInit(): void {
    this.states.register('commission', commissionDecider);
    this.states.register('meeting', meetingDecider);
    this.projections.register(commissionProjection());
  }
}
