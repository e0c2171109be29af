import { Injectable } from '@nestjs/common';
import type { RecordedEvent } from '../event-store/event-store.js';
import { Projections } from '../projections/projections.module.js';
import { apiError } from './errors.js';

/** A subscriber further behind than this is cut off (it resubscribes and reloads) rather than buffered without end. */
export const MAX_PENDING_UPDATES = 1000;

/**
 * Turns the batches a projection commits into a subscription's async iterator. Updates are taken
 * after the read model committed them, so a subscriber that reads on an update sees it. Each
 * subscriber has its own bounded queue; closing the subscription stops listening.
 */
@Injectable()
export class LiveUpdates {
  constructor(private readonly projections: Projections) {}

  /** `select` maps a committed event to the update to send, or undefined to skip it. */
  follow<Update>(projection: string, select: (event: RecordedEvent) => Update | undefined, maxPending = MAX_PENDING_UPDATES): AsyncIterableIterator<Update> {
    const pending: Update[] = [];
    let waiting: ((result: IteratorResult<Update>) => void) | undefined;
    let failure: Error | undefined;
    let done = false;

    const stop = this.projections.onCommitted((name, events) => {
      if (name !== projection || done) return;
      for (const event of events) {
        const update = select(event);
        if (update === undefined) continue;
        if (waiting) {
          const resolve = waiting;
          waiting = undefined;
          resolve({ value: update, done: false });
        } else if (pending.length >= maxPending) {
          failure = apiError('CONFLICT', `The subscriber fell more than ${maxPending} updates behind; subscribe again and reload`);
          finish();
          return;
        } else {
          pending.push(update);
        }
      }
    });

    const finish = () => {
      done = true;
      stop();
      pending.length = failure === undefined ? 0 : pending.length;
      if (waiting && pending.length === 0) {
        const resolve = waiting;
        waiting = undefined;
        resolve({ value: undefined, done: true });
      }
    };

    const iterator: AsyncIterableIterator<Update> = {
      next() {
        if (pending.length > 0) return Promise.resolve({ value: pending.shift()!, done: false });
        if (failure !== undefined) {
          const error = failure;
          failure = undefined;
          return Promise.reject(error);
        }
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (waiting = resolve));
      },
      return() {
        failure = undefined;
        finish();
        return Promise.resolve({ value: undefined, done: true });
      },
      throw(error?: unknown) {
        finish();
        return Promise.reject(error);
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }
}
