import { stream, type Feature } from '../runtime/feature.js';
import { commissionDecider, isCommissionEvent } from './commission.decider.js';
import { meetingDecider, isMeetingEvent } from './meeting.decider.js';
import { commissionProjection } from './commission.projection.js';
import { CommissionModule } from './commission.module.js';
import { concertationReportSection } from './commission.report-section.js';

/** The commission feature as the application reads it (see docs/adding-a-feature.md). */
export const commissionFeature = {
  name: 'commission',
  module: CommissionModule,
  streams: [
    stream('commission', commissionDecider, isCommissionEvent, { regionCode: 'region' }),
    stream('meeting', meetingDecider, isMeetingEvent, { regionCode: 'region' }),
  ],
  projections: () => [commissionProjection()],
  reportSection: () => concertationReportSection(),
} satisfies Feature<unknown>;
