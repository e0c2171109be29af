import { Module, type OnModuleInit } from '@nestjs/common';
import { ActorsModule } from '../actors/actors.module.js';
import { MilestonesModule } from '../milestones/milestones.module.js';
import { ProjectMilestones } from '../milestones/project-milestones.js';
import { parisToday } from '../shared/calendar-date.js';
import { usageProjectDecider, usageProjectStreamId } from './usage-project.decider.js';
import { UsageProjectsReadModel } from './usage-projects.read-model.js';
import { UsageProjectsResolver } from './usage-projects.resolver.js';

@Module({
  imports: [ActorsModule, MilestonesModule],
  providers: [UsageProjectsReadModel, UsageProjectsResolver],
  exports: [UsageProjectsReadModel],
})
export class UsageProjectsModule implements OnModuleInit {
  constructor(
    private readonly milestones: ProjectMilestones,
    private readonly readModel: UsageProjectsReadModel,
  ) {}

  onModuleInit(): void {
    this.milestones.register('usage', {
      decider: usageProjectDecider,
      streamId: usageProjectStreamId,
      milestone: (projectId, key) => this.readModel.milestones(projectId, parisToday()).find((m) => m.key === key),
    });
  }
}
