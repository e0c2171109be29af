import { stream, type Feature } from '../runtime/feature.js';
import { networkProjectDecider } from './network-project.decider.js';
import { networkProjectsProjection } from './network-project.projection.js';
import { NetworkProjectsModule } from './network-projects.module.js';
import { networkProjectsReportSection } from './network-projects.report-section.js';

/** The network-projects feature as the application reads it (see docs/adding-a-feature.md). */
export const networkProjectsFeature = {
  name: 'network-projects',
  module: NetworkProjectsModule,
  streams: [
    stream('networkProject', networkProjectDecider, {
      NetworkProjectRegistered: true,
      NetworkProjectContractChosen: true,
      NetworkIndicatorsReported: true,
      NetworkFinancingRevised: true,
      NetworkProjectCompleted: true,
      NetworkProjectAbandoned: true,
      MilestoneAdded: true,
      MilestonePlanned: true,
      MilestoneRescheduled: true,
      MilestoneAchieved: true,
      MilestoneDropped: true,
    }),
  ],
  projections: () => [networkProjectsProjection()],
  reportSection: () => networkProjectsReportSection(),
} satisfies Feature<unknown>;
