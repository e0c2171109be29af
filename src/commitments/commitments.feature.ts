import { runnable } from '../projections/projection.js';
import { stream, type Feature } from '../runtime/feature.js';
import type { TerritoryService } from '../territory/territory.service.js';
import { commitmentDecider } from './commitment.decider.js';
import { commitmentsProjection } from './commitment.projection.js';
import { CommitmentsModule } from './commitments.module.js';
import { commitmentsReportSection } from './commitments.report-section.js';

/** The commitments feature as the application reads it (see docs/adding-a-feature.md). */
export const commitmentsFeature = {
  name: 'commitments',
  module: CommitmentsModule,
  streams: [stream('commitment', commitmentDecider)],
  projections: ({ territories }) => [runnable(commitmentsProjection(territories))],
  reportSection: (config) => commitmentsReportSection(config.commitments.atRiskThreshold),
} satisfies Feature<{ territories: TerritoryService }>;
