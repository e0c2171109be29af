import { runnable } from '../projections/projection.js';
import { stream, type Feature } from '../runtime/feature.js';
import { nationalSynthesisDecider } from './national-synthesis.decider.js';
import { regionalSubmissionDecider } from './regional-submission.decider.js';
import { nationalProjection } from './national.projection.js';
import { NationalModule } from './national.module.js';

/** The national feature as the application reads it (see docs/adding-a-feature.md). */
export const nationalFeature = {
  name: 'national',
  module: NationalModule,
  streams: [
    stream('nationalSynthesis', nationalSynthesisDecider, { region: 'region' }),
    stream('regionalSubmission', regionalSubmissionDecider, { region: 'region' }),
  ],
  projections: () => [runnable(nationalProjection)],
} satisfies Feature<unknown>;
