import type Database from 'better-sqlite3';
import type { EventFilter, EventShape, RecordedEvent } from '../event-store/event-store.js';

export type ReadModelDatabase = Database.Database;

/** Narrows a recorded event of the log to a union (a decider's guard, or several joined by `eitherEvent`). */
export type IsEvent<E extends EventShape> = (event: RecordedEvent) => event is RecordedEvent<E>;

/** The events of either guard: for a projection or a report section that reads several deciders' streams. */
export const eitherEvent =
  <A extends EventShape, B extends EventShape>(a: IsEvent<A>, b: IsEvent<B>): IsEvent<A | B> =>
  (event): event is RecordedEvent<A | B> =>
    a(event) || b(event);

/** Every event of the log: for a read model of the whole log (the audit trail). */
export const anyEvent: IsEvent<EventShape> = (_event): _event is RecordedEvent => true;

/**
 * A read model built from the log, over the event union `E` it declares. The runner calls `handler`
 * once per start and then the returned function for every event that `events` accepts, inside the
 * transaction that also moves the checkpoint: a handler must be synchronous and write only to the
 * read-model database. Its `switch (event.type)` ends with `assertNever`, so an event added to the
 * union and not handled is a compile error.
 */
export interface Projection<E extends EventShape = EventShape> {
  /** Stable name, e.g. `actors`. */
  readonly name: string;
  /** Bump it when the read model's shape or meaning changes: the runner then rebuilds it from the start. */
  readonly version: number;
  /** Only these events are read from the store (the checkpoint still moves past the others). */
  readonly filter?: EventFilter;
  /** The events it handles: the others never reach the handler. */
  readonly events: IsEvent<E>;
  /** Tables the projection owns: dropped on a rebuild. */
  readonly tables: readonly string[];
  /** Creates the tables (runs on first start and after each rebuild's drop). */
  setup(db: ReadModelDatabase): void;
  handler(db: ReadModelDatabase): (event: RecordedEvent<E>) => void;
}

/**
 * A projection as the runner holds it, whatever its union: its handler takes any event of the log
 * and passes on those its guard accepts. The features list holds projections of different unions,
 * which one list type can only hold with the union hidden this way.
 */
export interface RunnableProjection extends Omit<Projection, 'events' | 'handler'> {
  handler(db: ReadModelDatabase): (event: RecordedEvent) => void;
}

/** Hides a projection's union behind its guard, for the runner. */
export function runnable<E extends EventShape>(projection: Projection<E>): RunnableProjection {
  const { events, ...rest } = projection;
  return {
    ...rest,
    handler(db) {
      const handle = projection.handler(db);
      return (event) => {
        if (events(event)) handle(event);
      };
    },
  };
}
