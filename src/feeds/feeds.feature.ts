import type { Feature } from '../runtime/feature.js';
import type { TerritoryService } from '../territory/territory.service.js';
import { FeedsModule } from './feeds.module.js';
import { feedsProjection } from './feeds.projection.js';

/** The feeds feature as the application reads it (see docs/adding-a-feature.md): no streams of its own, one projection. */
export const feedsFeature = {
  name: 'feeds',
  module: FeedsModule,
  streams: [],
  projections: ({ territories }) => [feedsProjection(territories)],
} satisfies Feature<{ territories: TerritoryService }>;
