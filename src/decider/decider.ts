import type { EventGuard } from '../event-store/event-store.js';

/**
 * A decider is the domain, with no I/O and no clock: what the command handler loads, decides
 * and appends is built from these three functions alone.
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

export interface Decider<Command, Event extends DomainEvent, State> {
  /** The guard of its events, made from its one list of event types (its stream and projections read it). */
  readonly events: EventGuard<Event>;
  initialState: () => State;
  evolve: (state: State, event: Event) => State;
  /** Returns the events the command leads to, or throws a CommandRejected. */
  decide: (command: Command, state: State) => Event[];
}

export function fold<Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  events: Iterable<Event>,
): State {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
}

/** Makes an unhandled command or event a compile error (and a clear runtime error). */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
