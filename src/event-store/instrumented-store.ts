import { categoryOf, type EventStore } from './event-store.js';
import { ConcurrencyError, IdempotencyConflictError, InvalidAppendError } from './errors.js';

import { inSpan } from '../tracing/tracing.js';
import type { Metrics } from '../shared/metrics.js';

function outcomeOf(error: unknown): string {
  if (error instanceof ConcurrencyError) return 'concurrency';
  if (error instanceof IdempotencyConflictError) return 'idempotency';
  if (error instanceof InvalidAppendError) return 'invalid';
  return 'error';
}

/** The same store, with its appends counted, timed and traced (every other call goes straight through). */
export function instrumentAppends(store: EventStore, metrics: Metrics): EventStore {
  const append: EventStore['append'] = async (streamId, events, expected) => {
    const category = metrics.categoryLabel(categoryOf(streamId));
    const end = metrics.appendDuration.startTimer();
    try {
      const result = await inSpan('event store append', { 'scoran.stream.category': category, 'scoran.events': events.length }, () =>
        store.append(streamId, events, expected),
      );
      metrics.appends.inc({ category, outcome: 'ok' });
      metrics.appendedEvents.inc({ category }, events.length);
      return result;
    } catch (error) {
      metrics.appends.inc({ category, outcome: outcomeOf(error) });
      throw error;
    } finally {
      end();
    }
  };
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'append') return append;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
