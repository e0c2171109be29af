import type { ExpectedRevision } from './event-store.js';

/** Base class of the event store's typed errors. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

/** The stream was not at the revision the caller decided on. */
export class ConcurrencyError extends EventStoreError {
  readonly code = 'CONCURRENCY';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** -1 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at revision ${actual}, expected ${String(expected)}`);
    this.name = 'ConcurrencyError';
  }
}

/** Event ids that were already appended, but with other content (or to another stream). */
export class IdempotencyConflictError extends EventStoreError {
  readonly code = 'IDEMPOTENCY_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly eventId: string,
    reason: string,
  ) {
    super(`Event ${eventId} was already appended with different content (${reason})`);
    this.name = 'IdempotencyConflictError';
  }
}

/** The caller asked for something the store cannot do (bad stream id, empty batch, ...). */
export class InvalidAppendError extends EventStoreError {
  readonly code = 'INVALID_APPEND';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}

/**
 * A reader met an event it cannot use: its stored form does not decode (or a decoded field is not
 * what its type needs). The record is damaged at that position; verification names it too.
 */
export class DamagedEventError extends EventStoreError {
  readonly code = 'DAMAGED_EVENT';
  constructor(
    readonly position: bigint,
    readonly streamId: string,
    readonly revision: number,
    readonly reason: string,
  ) {
    super(`The record is damaged at position ${position} (stream ${streamId}, revision ${revision}): ${reason}`);
    this.name = 'DamagedEventError';
  }
}

/** Throws DamagedEventError for the first damaged event, for readers that fold events into a state. */
export function assertIntact<T extends { damage?: string; position: bigint; streamId: string; revision: number }>(events: readonly T[]): readonly T[] {
  for (const event of events) if (event.damage !== undefined) throw new DamagedEventError(event.position, event.streamId, event.revision, event.damage);
  return events;
}

/** The store file is not one of ours, is corrupt, or is from an unknown schema version. */
export class StoreOpenError extends EventStoreError {
  readonly code = 'STORE_OPEN';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreOpenError';
  }
}
