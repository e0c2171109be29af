import { stream, type Feature } from '../runtime/feature.js';
import type { TerritoryService } from '../territory/territory.service.js';
import { usageProjectDecider } from './usage-project.decider.js';
import { usageProjectsProjection } from './usage-project.projection.js';
import { UsageProjectsModule } from './usage-projects.module.js';
import { usageProjectsReportSection } from './usage-projects.report-section.js';

/** The usage-projects feature as the application reads it (see docs/adding-a-feature.md). */
export const usageProjectsFeature = {
  name: 'usage-projects',
  module: UsageProjectsModule,
  streams: [
    stream('usageProject', usageProjectDecider, {
      UsageProjectRegistered: true,
      UsageProjectCompleted: true,
      UsageProjectAbandoned: true,
      MilestoneAdded: true,
      MilestonePlanned: true,
      MilestoneRescheduled: true,
      MilestoneAchieved: true,
      MilestoneDropped: true,
    }),
  ],
  projections: ({ territories }) => [usageProjectsProjection(territories)],
  reportSection: () => usageProjectsReportSection(),
} satisfies Feature<{ territories: TerritoryService }>;
