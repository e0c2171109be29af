import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Client-chosen operation names become label values: keep them sane and bounded. */
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATION_NAMES = 200;

export interface ProjectionGaugeSource {
  /** Per projection: its state and how many positions it trails the head by (undefined when the store cannot say). */
  projections(): Promise<{ name: string; state: string; lag?: number }[]>;
}

export const PROJECTION_STATES = ['starting', 'catchingUp', 'live', 'failed', 'stopped'] as const;

/**
 * The service's Prometheus signals (docs/operations.md, "Metrics"). One registry per service
 * instance (not prom-client's global one), so several instances in one process (tests) stay apart.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();

  readonly requests = new Counter({
    name: 'scoran_requests_total',
    help: 'HTTP requests served, by route (graphql, health, metrics, reports, export, feeds, app, other), GraphQL operation name and outcome code (OK, a GraphQL error code, or HTTP_<status>)',
    labelNames: ['route', 'operation', 'code'] as const,
    registers: [this.registry],
  });

  readonly requestDuration = new Histogram({
    name: 'scoran_request_duration_seconds',
    help: 'HTTP request latency, from the first byte read to the last byte written, by route and GraphQL operation name',
    labelNames: ['route', 'operation'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly appends = new Counter({
    name: 'scoran_event_appends_total',
    help: 'Appends to the event store, by stream category and outcome (ok, concurrency, idempotency, invalid, error)',
    labelNames: ['category', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly appendedEvents = new Counter({
    name: 'scoran_events_appended_total',
    help: 'Events in successful appends (an idempotent retry counts again), by stream category',
    labelNames: ['category'] as const,
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'scoran_event_append_duration_seconds',
    help: 'Time an append to the event store takes (one transaction)',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  readonly reportDuration = new Histogram({
    name: 'scoran_report_generation_seconds',
    help: 'Time to generate a semestrial report from the log (before rendering)',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  readonly verificationDuration = new Histogram({
    name: 'scoran_log_verification_seconds',
    help: 'Time to verify the whole log (hash chains, seals), by verdict',
    labelNames: ['verdict'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });

  /** Called by the rate limiter each time it refuses a request. */
  readonly rateLimitRefused = new Counter({
    name: 'scoran_rate_limit_refusals_total',
    help: 'Requests refused by the rate limiter (429)',
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'scoran_' });
  }

  /** Projection lag and state, read from the runner at scrape time. */
  watchProjections(source: ProjectionGaugeSource): void {
    const states = new Map<string, string>();
    const lags = new Map<string, number | undefined>();
    const refresh = async () => {
      for (const p of await source.projections()) {
        states.set(p.name, p.state);
        lags.set(p.name, p.lag);
      }
    };
    new Gauge({
      name: 'scoran_projection_lag_positions',
      help: 'How far a projection trails the head of the log, in positions (events, on the embedded engine)',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        await refresh();
        this.reset();
        for (const [name, lag] of lags) if (lag !== undefined) this.set({ projection: name }, lag);
      },
    });
    new Gauge({
      name: 'scoran_projection_state',
      help: `1 for the state a projection is in (${PROJECTION_STATES.join(', ')}), 0 for the others`,
      labelNames: ['projection', 'state'] as const,
      registers: [this.registry],
      async collect() {
        await refresh();
        this.reset();
        for (const [name, current] of states) {
          for (const state of PROJECTION_STATES) this.set({ projection: name, state }, state === current ? 1 : 0);
        }
      },
    });
  }

  /** The label for an operation name: `-` when none, `other` past the bound or when odd. */
  operationLabel(name: string | undefined): string {
    if (!name) return '-';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(name);
    return name;
  }

  /** Stream categories are ours (a fixed set), but a bad stream id can carry anything: bound it too. */
  categoryLabel(category: string): string {
    return /^[A-Za-z][A-Za-z0-9]{0,39}$/.test(category) ? category : 'other';
  }

  /** Times an async task into a histogram. */
  async time<T>(histogram: Histogram<string>, task: () => Promise<T>, labels: (result: T) => Record<string, string> = () => ({})): Promise<T> {
    const end = histogram.startTimer();
    const result = await task();
    end(labels(result));
    return result;
  }
}
