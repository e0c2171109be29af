import { Global, Inject, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore } from '../event-store/event-store.js';
import { Projections } from '../projections/projections.module.js';
import { Metrics } from '../shared/metrics.js';

/** Makes the service's one `Metrics` instance injectable, and feeds it the projections' lag and state. */
@Global()
@Module({})
export class MetricsModule implements OnApplicationBootstrap {
  constructor(
    private readonly metrics: Metrics,
    private readonly projections: Projections,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  static forRoot(metrics: Metrics): DynamicModule {
    return { module: MetricsModule, providers: [{ provide: Metrics, useValue: metrics }], exports: [Metrics] };
  }

  onApplicationBootstrap(): void {
    this.metrics.watchProjections({
      projections: async () => {
        let head: bigint | undefined;
        try {
          head = await this.store.headPosition();
        } catch {
          head = undefined;
        }
        return this.projections.status().map((p) => ({
          name: p.name,
          state: p.state,
          lag: head === undefined ? undefined : Number(head > p.examined ? head - p.examined : 0n),
        }));
      },
    });
  }
}
