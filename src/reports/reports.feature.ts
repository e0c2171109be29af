import { runnable } from '../projections/projection.js';
import { stream, type Feature } from '../runtime/feature.js';
import { reportDecider } from './report.decider.js';
import { restatedReportDecider } from './restated-report.decider.js';
import { issuedReportsProjection } from './issued-reports.projection.js';
import { restatedReportsProjection } from './restated-reports.projection.js';
import { ReportsModule } from './reports.module.js';

/** The reports feature as the application reads it (see docs/adding-a-feature.md). */
export const reportsFeature = {
  name: 'reports',
  module: ReportsModule,
  streams: [stream('report', reportDecider, { region: 'region' }), stream('restatedReport', restatedReportDecider, { region: 'region' })],
  projections: () => [runnable(issuedReportsProjection), runnable(restatedReportsProjection)],
} satisfies Feature<unknown>;
