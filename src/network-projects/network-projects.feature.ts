import { runnable } from '../projections/projection.js';
import { stream, type Feature } from '../runtime/feature.js';
import { networkProjectDecider, networkProjectStreamId } from './network-project.decider.js';
import { networkProjectsProjection } from './network-project.projection.js';
import { NetworkProjectsReadModel } from './network-projects.read-model.js';
import { NetworkProjectsModule } from './network-projects.module.js';
import { networkProjectsReportSection } from './network-projects.report-section.js';

/** The network-projects feature as the application reads it (see docs/adding-a-feature.md). */
export const networkProjectsFeature = {
  name: 'network-projects',
  module: NetworkProjectsModule,
  streams: [stream('networkProject', networkProjectDecider, { departementCodes: 'departement' })],
  milestones: { kind: 'network', decider: networkProjectDecider, streamId: networkProjectStreamId, readModel: NetworkProjectsReadModel },
  projections: () => [runnable(networkProjectsProjection())],
  reportSection: () => networkProjectsReportSection(),
} satisfies Feature<unknown>;
