import { runnable } from '../projections/projection.js';
import { stream, type Feature } from '../runtime/feature.js';
import { personDecider } from './person.decider.js';
import { peopleProjection } from './person.projection.js';
import { PeopleModule } from './people.module.js';

/** The people feature as the application reads it (see docs/adding-a-feature.md). */
export const peopleFeature = {
  name: 'people',
  module: PeopleModule,
  streams: [stream('person', personDecider)],
  projections: () => [runnable(peopleProjection)],
} satisfies Feature<unknown>;
