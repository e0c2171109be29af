import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import type { EventStore } from './event-store.js';
import { createEventStore } from './create-event-store.js';
import { RECORDING_CLOCK, RecordingClock } from './recording-clock.js';
import { Metrics } from '../shared/metrics.js';
import { instrumentAppends } from './instrumented-store.js';

export const EVENT_STORE = Symbol('EVENT_STORE');

@Global()
@Module({
  providers: [
    { provide: RECORDING_CLOCK, useFactory: () => new RecordingClock() },
    {
      provide: EVENT_STORE,
      inject: [APP_CONFIG, RECORDING_CLOCK, { token: Metrics, optional: true }],
      useFactory: async (config: AppConfig, clock: RecordingClock, metrics?: Metrics) => {
        const store = await createEventStore(config.eventStore, clock.now);
        return metrics ? instrumentAppends(store, metrics) : store;
      },
    },
  ],
  exports: [EVENT_STORE, RECORDING_CLOCK],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
