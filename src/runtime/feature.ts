import type { Type } from '@nestjs/common';
import type { Decider, DomainEvent } from '../decider/decider.js';
import type { Projection } from '../projections/projection.js';
import type { EntityStates } from './entity-states.js';

/** One stream category of a feature: its decider, and every event type the decider can produce. */
export interface FeatureStream {
  readonly category: string;
  readonly eventTypes: readonly string[];
  /** Registers the decider for time travel (typed here, where the decider's events are known). */
  registerFold(states: EntityStates): void;
}

/**
 * What the application reads of a feature: its Nest module, its streams and deciders, its
 * projections, its report section. One per feature folder (`<feature>.feature.ts`), listed once in
 * `app/features.ts`; `docs/adding-a-feature.md` walks through it. `Needs` is what its projections
 * are built from, `Section` its report section (both known to the composition root).
 */
export interface Feature<Needs = never, Section = unknown> {
  readonly name: string;
  readonly module: Type<unknown>;
  readonly streams: readonly FeatureStream[];
  readonly projections: (needs: Needs) => readonly Projection[];
  readonly reportSection?: (config: { commitments: { atRiskThreshold: number } }) => Section;
}

/**
 * A stream category with its decider. `eventTypes` names every event type of the decider, no more
 * and no fewer (the compiler checks both), so the features test covers every event a decider can
 * produce rather than those one log happens to hold.
 */
export function stream<Event extends DomainEvent, State>(
  category: string,
  decider: Pick<Decider<never, Event, State>, 'initialState' | 'evolve'>,
  eventTypes: { readonly [T in Event['type']]: true },
): FeatureStream {
  return { category, eventTypes: Object.keys(eventTypes), registerFold: (states) => states.register(category, decider) };
}
