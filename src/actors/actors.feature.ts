import { runnable } from '../projections/projection.js';
import { stream, type Feature } from '../runtime/feature.js';
import type { TerritoryService } from '../territory/territory.service.js';
import { actorDecider } from './actor.decider.js';
import { actorsProjection } from './actor.projection.js';
import { ActorsModule } from './actors.module.js';

/** The actors feature as the application reads it (see docs/adding-a-feature.md). */
export const actorsFeature = {
  name: 'actors',
  module: ActorsModule,
  streams: [stream('actor', actorDecider)],
  projections: ({ territories }) => [runnable(actorsProjection(territories))],
} satisfies Feature<{ territories: TerritoryService }>;
