import { Module, type OnModuleInit } from '@nestjs/common';
import { ActorsModule } from '../actors/actors.module.js';
import { MilestonesModule } from '../milestones/milestones.module.js';
import { ProjectMilestones } from '../milestones/project-milestones.js';
import { parisToday } from '../shared/calendar-date.js';
import { networkProjectDecider, networkProjectStreamId } from './network-project.decider.js';
import { NetworkProjectsReadModel } from './network-projects.read-model.js';
import { NetworkProjectsResolver } from './network-projects.resolver.js';

@Module({
  imports: [ActorsModule, MilestonesModule],
  providers: [NetworkProjectsReadModel, NetworkProjectsResolver],
  exports: [NetworkProjectsReadModel],
})
export class NetworkProjectsModule implements OnModuleInit {
  constructor(
    private readonly milestones: ProjectMilestones,
    private readonly readModel: NetworkProjectsReadModel,
  ) {}

  onModuleInit(): void {
    this.milestones.register('network', {
      decider: networkProjectDecider,
      streamId: networkProjectStreamId,
      milestone: (projectId, key) => this.readModel.milestones(projectId, parisToday()).find((m) => m.key === key),
    });
  }
}
