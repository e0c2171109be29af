import type { Feature } from '../runtime/feature.js';
import { FeedsModule } from './feeds.module.js';

/** The feeds feature as the application reads it (see docs/adding-a-feature.md). */
export const feedsFeature = {
  name: 'feeds',
  module: FeedsModule,
  streams: [],
  projections: () => [],
} satisfies Feature<unknown>;
