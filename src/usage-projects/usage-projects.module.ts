import { Module } from '@nestjs/common';
import { ActorsModule } from '../actors/actors.module.js';
import { MilestonesModule } from '../milestones/milestones.module.js';
import { UsageProjectsReadModel } from './usage-projects.read-model.js';
import { UsageProjectsResolver } from './usage-projects.resolver.js';

@Module({
  imports: [ActorsModule, MilestonesModule],
  providers: [UsageProjectsReadModel, UsageProjectsResolver],
  exports: [UsageProjectsReadModel],
})
export class UsageProjectsModule {}
