import { runnable } from '../projections/projection.js';
import { stream, type Feature } from '../runtime/feature.js';
import type { TerritoryService } from '../territory/territory.service.js';
import { usageProjectDecider, usageProjectStreamId } from './usage-project.decider.js';
import { usageProjectsProjection } from './usage-project.projection.js';
import { UsageProjectsReadModel } from './usage-projects.read-model.js';
import { UsageProjectsModule } from './usage-projects.module.js';
import { usageProjectsReportSection } from './usage-projects.report-section.js';

/** The usage-projects feature as the application reads it (see docs/adding-a-feature.md). */
export const usageProjectsFeature = {
  name: 'usage-projects',
  module: UsageProjectsModule,
  streams: [stream('usageProject', usageProjectDecider)],
  milestones: { kind: 'usage', decider: usageProjectDecider, streamId: usageProjectStreamId, readModel: UsageProjectsReadModel },
  projections: ({ territories }) => [runnable(usageProjectsProjection(territories))],
  reportSection: () => usageProjectsReportSection(),
} satisfies Feature<{ territories: TerritoryService }>;
