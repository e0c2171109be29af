import { Module } from '@nestjs/common';
import { ActorsModule } from '../actors/actors.module.js';
import { MilestonesModule } from '../milestones/milestones.module.js';
import { NetworkProjectsReadModel } from './network-projects.read-model.js';
import { NetworkProjectsResolver } from './network-projects.resolver.js';

@Module({
  imports: [ActorsModule, MilestonesModule],
  providers: [NetworkProjectsReadModel, NetworkProjectsResolver],
  exports: [NetworkProjectsReadModel],
})
export class NetworkProjectsModule {}
