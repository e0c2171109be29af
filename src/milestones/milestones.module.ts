import { Global, Module } from '@nestjs/common';
import { MilestonesResolver } from './milestones.resolver.js';
import { ProjectMilestones } from './project-milestones.js';

/** The milestone mutations shared by every kind of project; each kind registers in ProjectMilestones. */
@Global()
@Module({
  providers: [ProjectMilestones, MilestonesResolver],
  exports: [ProjectMilestones],
})
export class MilestonesModule {}
