import { runnable } from '../projections/projection.js';
import { stream, type Feature } from '../runtime/feature.js';
import { commissionDecider } from './commission.decider.js';
import { meetingDecider } from './meeting.decider.js';
import { commissionProjection } from './commission.projection.js';
import { CommissionModule } from './commission.module.js';
import { concertationReportSection } from './commission.report-section.js';

/** The commission feature as the application reads it (see docs/adding-a-feature.md). */
export const commissionFeature = {
  name: 'commission',
  module: CommissionModule,
  streams: [stream('commission', commissionDecider, { regionCode: 'region' }), stream('meeting', meetingDecider, { regionCode: 'region' })],
  projections: () => [runnable(commissionProjection())],
  reportSection: () => concertationReportSection(),
} satisfies Feature<unknown>;
