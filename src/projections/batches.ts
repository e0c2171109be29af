import { isPositionReached, type Position, type RecordedEvent, type SubscriptionItem } from '../event-store/event-store.js';

export interface Batch {
  events: RecordedEvent[];
  /** The log is examined up to here (the last event's position, or a later reported position). */
  position: Position;
  caughtUp: boolean;
}

const IDLE = Symbol('idle');

/**
 * Groups what a subscription has ready into batches, without waiting for more: a batch ends when
 * it is full, when the subscription reports it caught up, or when the next item is not ready yet.
 * Pulling stays one item at a time, so back-pressure is preserved.
 */
export async function* batches(source: AsyncIterable<SubscriptionItem>, maxSize: number): AsyncGenerator<Batch> {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<SubscriptionItem>> | undefined;
  try {
    for (;;) {
      const first = await (pending ?? iterator.next());
      pending = undefined;
      if (first.done) return;
      const batch: Batch = { events: [], position: 0n, caughtUp: false };
      let done = add(batch, first.value);
      const idle = new Promise<typeof IDLE>((resolve) => setImmediate(resolve, IDLE));
      while (!done && batch.events.length < maxSize) {
        pending = iterator.next();
        const next = await Promise.race([pending, idle]);
        if (next === IDLE) break;
        pending = undefined;
        if (next.done) {
          yield batch;
          return;
        }
        done = add(batch, next.value);
      }
      yield batch;
    }
  } finally {
    await iterator.return?.();
  }
}

function add(batch: Batch, item: SubscriptionItem): boolean {
  if (isPositionReached(item)) {
    if (item.position > batch.position) batch.position = item.position;
    batch.caughtUp = item.caughtUp;
    return item.caughtUp;
  }
  batch.events.push(item);
  batch.position = item.position;
  return false;
}
