import type { Feature } from '../runtime/feature.js';
import { TerritoryModule } from './territory.module.js';

/** The territory feature as the application reads it (see docs/adding-a-feature.md). */
export const territoryFeature = {
  name: 'territory',
  module: TerritoryModule,
  streams: [],
  projections: () => [],
} satisfies Feature<unknown>;
