import { runnable } from '../projections/projection.js';
import { stream, type Feature } from '../runtime/feature.js';
import type { TerritoryService } from '../territory/territory.service.js';
import { conventionDecider } from './convention.decider.js';
import { conventionsProjection } from './convention.projection.js';
import { ConventionsModule } from './conventions.module.js';
import { conventionsReportSection } from './conventions.report-section.js';

/** The conventions feature as the application reads it (see docs/adding-a-feature.md). */
export const conventionsFeature = {
  name: 'conventions',
  module: ConventionsModule,
  streams: [stream('convention', conventionDecider, { scope: 'commune', communeCode: 'commune' })],
  projections: ({ territories }) => [runnable(conventionsProjection(territories))],
  reportSection: () => conventionsReportSection(),
} satisfies Feature<{ territories: TerritoryService }>;
