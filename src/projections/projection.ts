import type Database from 'better-sqlite3';
import type { EventFilter, RecordedEvent } from '../event-store/event-store.js';

export type ReadModelDatabase = Database.Database;

/**
 * A read model built from the log. The runner calls `handler` once per start and then the returned
 * function for every event, inside the transaction that also moves the checkpoint: a handler must
 * be synchronous and write only to the read-model database.
 */
export interface Projection {
  /** Stable name, e.g. `actors`. */
  readonly name: string;
  /** Bump it when the read model's shape or meaning changes: the runner then rebuilds it from the start. */
  readonly version: number;
  /** Only these events reach the handler (the checkpoint still moves past the others). */
  readonly filter?: EventFilter;
  /** Tables the projection owns: dropped on a rebuild. */
  readonly tables: readonly string[];
  /** Creates the tables (runs on first start and after each rebuild's drop). */
  setup(db: ReadModelDatabase): void;
  handler(db: ReadModelDatabase): (event: RecordedEvent) => void;
}
