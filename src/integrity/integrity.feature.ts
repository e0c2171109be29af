import type { DomainEvent } from '../decider/decider.js';
import { isEventOf } from '../event-store/event-store.js';
import { stream, type Feature } from '../runtime/feature.js';
import { IntegrityModule } from './integrity.module.js';
import type { SEAL_EVENT_TYPE, SealData } from './verify-log.js';

type SealEvent = DomainEvent<typeof SEAL_EVENT_TYPE, SealData>;

/** What time travel shows of the seal log: how many seals, and the last one. */
const sealLog = {
  events: isEventOf<SealEvent>({ LogSealed: true }),
  initialState: (): { seals: number; last: SealData | null } => ({ seals: 0, last: null }),
  evolve: (state: { seals: number; last: SealData | null }, event: SealEvent) => ({ seals: state.seals + 1, last: event.data }),
};

/** The integrity feature as the application reads it (see docs/adding-a-feature.md). */
export const integrityFeature = {
  name: 'integrity',
  module: IntegrityModule,
  streams: [stream('seal', sealLog)],
  projections: () => [],
} satisfies Feature<unknown>;
