import type { Feature } from '../runtime/feature.js';
import { ImportModule } from './import.module.js';

/** The import feature as the application reads it (see docs/adding-a-feature.md). */
export const importFeature = {
  name: 'import',
  module: ImportModule,
  streams: [],
  projections: () => [],
} satisfies Feature<unknown>;
