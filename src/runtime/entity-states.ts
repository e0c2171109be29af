import { Injectable } from '@nestjs/common';
import { fold, type Decider, type DomainEvent } from '../decider/decider.js';
import type { RecordedEvent } from '../event-store/event-store.js';

/** A category's decider folding a stream of its events into the decider's state. */
type Fold = (events: readonly RecordedEvent[]) => unknown;

/** A point in the log's past: as known at a recorded time, as effective at an occurred time, or at a position. */
export type PointInTime = { recordedAt: string } | { occurredAt: string } | { position: bigint };

export interface EntitySnapshot {
  streamId: string;
  category: string;
  /** Whether any event of the stream falls within the point in time. */
  exists: boolean;
  /** Last revision folded (-1 when none). */
  revision: number;
  eventCount: number;
  lastEvent: RecordedEvent | null;
  /** The decider's state: what the rules saw at that point. */
  state: unknown;
  /** The latest value of every data field the stream's events carried: the entity as recorded. */
  attributes: Record<string, unknown>;
}

export interface StateChange {
  path: string;
  before: unknown;
  after: unknown;
}

/**
 * The state of any entity at a point in time, by folding its stream with the decider of its
 * category. Feature modules register their decider at start; a category without one is an error,
 * not an empty state, so a new feature cannot silently fall out of time travel.
 */
@Injectable()
export class EntityStates {
  private readonly folds = new Map<string, Fold>();

  register<Event extends DomainEvent, State>(category: string, decider: Pick<Decider<never, Event, State>, 'events' | 'initialState' | 'evolve'>): void {
    if (this.folds.has(category)) throw new Error(`A decider is already registered for stream category ${category}`);
    // Events of a category's stream are that decider's events (the store keeps them apart); one that is not is refused.
    const ofDecider = (event: RecordedEvent) => {
      if (!decider.events(event)) throw new Error(`${event.streamId} holds a ${event.type} event, which the ${category} decider does not know`);
      return event;
    };
    this.folds.set(category, (events) => fold(decider, events.map(ofDecider)));
  }

  categories(): string[] {
    return [...this.folds.keys()].sort();
  }

  has(category: string): boolean {
    return this.folds.has(category);
  }

  /** Folds the stream's events (in revision order) that fall within the point in time. */
  snapshot(streamId: string, category: string, events: readonly RecordedEvent[], at: PointInTime): EntitySnapshot {
    const foldOf = this.folds.get(category);
    if (!foldOf) throw new Error(`No decider registered for stream category ${category}`);
    const within = events.filter((event) => isWithin(event, at));
    const state = foldOf(within);
    const attributes: Record<string, unknown> = {};
    for (const event of within) if (event.data && typeof event.data === 'object') Object.assign(attributes, event.data);
    const lastEvent = within[within.length - 1] ?? null;
    return { streamId, category, exists: within.length > 0, revision: lastEvent?.revision ?? -1, eventCount: within.length, lastEvent, state, attributes };
  }
}

export function isWithin(event: RecordedEvent, at: PointInTime): boolean {
  if ('position' in at) return event.position <= at.position;
  // Compared as instants: offsets and precision may differ between the input and the record.
  if ('recordedAt' in at) return Date.parse(event.recordedAt) <= Date.parse(at.recordedAt);
  return Date.parse(event.metadata.occurredAt) <= Date.parse(at.occurredAt);
}

/** Leaf-level differences between two JSON values, by path (`target.quantity`, `versions[2]`). */
export function diffStates(before: unknown, after: unknown, path = ''): StateChange[] {
  if (Object.is(before, after)) return [];
  const bothArrays = Array.isArray(before) && Array.isArray(after);
  const bothObjects = isRecord(before) && isRecord(after);
  if (bothArrays) {
    const changes: StateChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) changes.push(...diffStates(before[i], after[i], `${path}[${i}]`));
    return changes;
  }
  if (bothObjects) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffStates(before[key], after[key], path ? `${path}.${key}` : key));
  }
  return [{ path: path || '$', before: before ?? null, after: after ?? null }];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
