import { Module } from '@nestjs/common';
import { ActorsModule } from '../actors/actors.module.js';
import { CommitmentsModule } from '../commitments/commitments.module.js';
import { LiveUpdates } from '../graphql/live-updates.js';
import { CommissionFollowUps } from './commission-follow-ups.js';
import { CommissionReadModel } from './commission.read-model.js';
import { CommissionResolver, DecisionResolver } from './commission.resolver.js';

@Module({
  imports: [ActorsModule, CommitmentsModule],
  providers: [CommissionReadModel, CommissionResolver, DecisionResolver, CommissionFollowUps, LiveUpdates],
  exports: [CommissionReadModel],
})
export class CommissionModule {}
