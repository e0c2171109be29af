import type { Type } from '@nestjs/common';
import type { Decider, DomainEvent } from '../decider/decider.js';
import type { Projection } from '../projections/projection.js';
import type { Role } from '../shared/principal.js';
import type { EntityStates } from './entity-states.js';

/** One stream category of a feature: its decider, and every event type the decider can produce. */
export interface FeatureStream {
  readonly category: string;
  readonly eventTypes: readonly string[];
  /** Registers the decider for time travel (typed here, where the decider's events are known). */
  registerFold(states: EntityStates): void;
  /** The fields of its events that hold bare territory codes, with their kind (read by the audit's region filter). */
  readonly codeFields: CodeFields;
}

/** The kinds of territory a bare code field can hold. */
export type CodeKind = 'region' | 'departement' | 'commune';
/** Field name → kind of the codes it holds, at any depth of an event's data. */
export type CodeFields = Readonly<Record<string, CodeKind>>;

/** Field names that hold territory codes by their name alone; other names (a convention's `scope`) are declared by hand. */
type CodeLikeName = 'region' | 'departement' | 'departements' | 'commune' | 'communes' | `${string}Code` | `${string}Codes`;
type Primitive = string | number | boolean | bigint | null | undefined;
/** The keys of a value's objects, its own and those one level down (a list of calendar entries). */
type KeysOf<T> = T extends Primitive ? never : T extends readonly (infer Item)[] ? KeysOf<Item> : keyof T & string;
type DataKeys<Data> = Data extends Primitive ? never : keyof Data & string extends infer K ? (K extends keyof Data ? K | KeysOf<Data[K]> : never) : never;
/** The code-like fields of a decider's events: each must be declared in its stream's `codeFields`. */
type CodeFieldsOf<Event extends DomainEvent> = Extract<Event extends DomainEvent ? DataKeys<Event['data']> : never, CodeLikeName>;

/**
 * What the application reads of a feature: its Nest module, its streams and deciders, its
 * projections, its report section. One per feature folder (`<feature>.feature.ts`), listed once in
 * `app/features.ts`; `docs/adding-a-feature.md` walks through it. `Needs` is what its projections
 * are built from, `Section` its report section, `Milestones` its projects' milestone declaration
 * (all three known to the composition root).
 */
export interface Feature<Needs = never, Section = unknown, Milestones = unknown> {
  readonly name: string;
  readonly module: Type<unknown>;
  readonly streams: readonly FeatureStream[];
  readonly projections: (needs: Needs) => readonly Projection[];
  readonly reportSection?: (config: { commitments: { atRiskThreshold: number } }) => Section;
  /** Its projects' milestones (`Milestones` is the milestones feature's declaration, known to the composition root). */
  readonly milestones?: Milestones;
  /** Its part of the demo, if the demo shows it: acts added after the hand-written story of src/demo/demo-data.ts. */
  readonly demo?: DemoContribution;
}

/** Adds one act to the demo: when, by whom, which mutation with what input (the command id is the demo's). */
export type DemoAdd = (when: string, as: { actorId: string; role: Role }, mutation: string, input: Record<string, unknown>) => void;
/** A feature's acts in the demo, added through `add`; deterministic (same calls every time). */
export type DemoContribution = (add: DemoAdd) => void;

/** Nest token for the features' demo contributions, in the features list's order (provided by the app module). */
export const DEMO_CONTRIBUTIONS = Symbol('DEMO_CONTRIBUTIONS');

/** Nest token for the code fields the features declare (provided by the app module from the features list). */
export const CODE_FIELDS = Symbol('CODE_FIELDS');

/** Every code field the features declare, merged; one field name holds one kind of code everywhere. */
export function declaredCodeFields(streams: readonly FeatureStream[]): CodeFields {
  const fields: Record<string, CodeKind> = {};
  for (const { category, codeFields } of streams)
    for (const [field, kind] of Object.entries(codeFields)) {
      if (fields[field] && fields[field] !== kind) throw new Error(`Code field ${field} of ${category} holds ${kind} codes, elsewhere ${fields[field]}`);
      fields[field] = kind;
    }
  return fields;
}

/**
 * A stream category with its decider. `eventTypes` names every event type of the decider, no more
 * and no fewer (the compiler checks both), so the features test covers every event a decider can
 * produce rather than those one log happens to hold. `codeFields` declares the fields of its events
 * that hold bare territory codes: the compiler requires every field whose name says so (`regionCode`,
 * `communes`...), so that the audit's region filter cannot miss a new event's territory.
 */
export function stream<Event extends DomainEvent, State>(
  category: string,
  decider: Pick<Decider<never, Event, State>, 'initialState' | 'evolve'>,
  eventTypes: { readonly [T in Event['type']]: true },
  ...codeFields: [CodeFieldsOf<Event>] extends [never]
    ? [codeFields?: CodeFields]
    : [codeFields: { readonly [F in CodeFieldsOf<Event>]: CodeKind } & CodeFields]
): FeatureStream {
  return { category, eventTypes: Object.keys(eventTypes), registerFold: (states) => states.register(category, decider), codeFields: codeFields[0] ?? {} };
}
