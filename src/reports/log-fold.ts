import { isActorEvent } from '../actors/actor.decider.js';
import { regionsNamedIn } from '../audit/audit.projection.js';
import type { CodeFields } from '../runtime/feature.js';
import type { EventStore, Position, RecordedEvent } from '../event-store/event-store.js';
import { categoryOf, START } from '../event-store/event-store.js';
import type { TerritoryService } from '../territory/territory.service.js';
import type { Correction } from './corrections.section.js';
import type { ReportSection } from './report-section.js';

/** Bump when what the fold keeps changes in a way section keys do not show: old checkpoints are then ignored (3: commitments keep their progress source and reporter; 4: commitments keep the decider's state). */
const FOLD_VERSION = 4;

/** Identifies the fold's logic: checkpoints made by another version are not used. */
export function foldVersion(sections: readonly ReportSection[]): string {
  return `${FOLD_VERSION}:${sections.map((s) => s.key).join(',')}`;
}

export interface FoldSnapshot {
  /** Last folded event: its position (decimal), stream, revision and hash, to check the log still has it. */
  position: string;
  last: { streamId: string; revision: number; hash: string } | null;
  states: unknown[];
  streamRegions: Record<string, string[]>;
  actorNames: Record<string, string>;
  /** Every stream folded so far: a later fact about one of them is a correction, not a late recording. */
  streams: string[];
}

/** The fold as it stood at a cut-off, kept so that the next report starts there instead of replaying. */
export interface ReportCheckpoint {
  cutoff: string;
  fold: FoldSnapshot;
  /** The corrections recorded between the previous cut-off and this one, when the fold saw them all. */
  corrections?: Correction[];
}

export interface ReportCheckpoints {
  /** The latest checkpoint of this version at or before the cut-off. */
  load(version: string, atOrBefore: string): ReportCheckpoint | undefined;
  save(version: string, checkpoint: ReportCheckpoint): void;
  /** Whether a checkpoint exists exactly at this cut-off (without reading it). */
  has(version: string, cutoff: string): boolean;
}

/** Every section's state, the regions each stream concerns and the actors' names, folded from the log. */
export class LogFold {
  states: unknown[];
  position: Position = START;
  private last: FoldSnapshot['last'] = null;
  private readonly streamRegions = new Map<string, Set<string>>();
  private readonly actorNames = new Map<string, string>();
  readonly streams = new Set<string>();
  private readonly byCategory = new Map<string, number[]>();

  constructor(
    private readonly sections: readonly ReportSection[],
    private readonly territories: TerritoryService,
    private readonly codeFields: CodeFields,
  ) {
    this.states = sections.map((section) => section.initialState());
    sections.forEach((section, index) => {
      for (const category of section.categories) this.byCategory.set(category, [...(this.byCategory.get(category) ?? []), index]);
    });
  }

  /** `copy: false` when the fold will only be read (a frozen report): the snapshot is then shared. */
  static restore(sections: readonly ReportSection[], territories: TerritoryService, codeFields: CodeFields, snapshot: FoldSnapshot, copy = true): LogFold {
    const fold = new LogFold(sections, territories, codeFields);
    fold.states = copy ? structuredClone(snapshot.states) : snapshot.states;
    fold.position = BigInt(snapshot.position);
    fold.last = snapshot.last;
    for (const [streamId, regions] of Object.entries(snapshot.streamRegions)) fold.streamRegions.set(streamId, new Set(regions));
    for (const [actorId, name] of Object.entries(snapshot.actorNames)) fold.actorNames.set(actorId, name);
    for (const streamId of snapshot.streams ?? []) fold.streams.add(streamId);
    return fold;
  }

  apply(event: RecordedEvent): void {
    this.position = event.position;
    this.last = { streamId: event.streamId, revision: event.revision, hash: event.hash };
    this.streams.add(event.streamId);
    const regions = regionsNamedIn(event.data, this.territories, this.codeFields);
    if (regions.size > 0) {
      let tags = this.streamRegions.get(event.streamId);
      if (!tags) this.streamRegions.set(event.streamId, (tags = new Set()));
      for (const region of regions) tags.add(region);
    }
    if (isActorEvent(event) && (event.type === 'ActorRegistered' || event.type === 'ActorRenamed')) this.actorNames.set(event.data.actorId, event.data.name);
    for (const index of this.byCategory.get(categoryOf(event.streamId)) ?? []) {
      const section = this.sections[index];
      if (section.events(event)) section.evolve(this.states[index], event);
    }
  }

  inRegion(streamId: string, region: string): boolean {
    return this.streamRegions.get(streamId)?.has(region) ?? false;
  }

  actorName(actorId: string): string {
    return this.actorNames.get(actorId) ?? actorId;
  }

  snapshot(): FoldSnapshot {
    return {
      position: this.position.toString(),
      last: this.last,
      states: structuredClone(this.states),
      streamRegions: Object.fromEntries([...this.streamRegions].map(([streamId, regions]) => [streamId, [...regions].sort()])),
      actorNames: Object.fromEntries(this.actorNames),
      streams: [...this.streams].sort(),
    };
  }
}

/**
 * A checkpoint at or before the cut-off, if the log still holds its last event unchanged (a store
 * restored from an older backup would not): otherwise the report is built by full replay.
 */
export async function usableCheckpoint(
  store: EventStore,
  checkpoints: ReportCheckpoints | undefined,
  version: string,
  atOrBefore: string,
): Promise<ReportCheckpoint | undefined> {
  const checkpoint = checkpoints?.load(version, atOrBefore);
  if (!checkpoint) return undefined;
  const { last } = checkpoint.fold;
  if (!last) return checkpoint;
  const [event] = await store.readStream(last.streamId, { fromRevision: last.revision, maxCount: 1 });
  return event && event.hash === last.hash && event.position.toString() === checkpoint.fold.position ? checkpoint : undefined;
}

/**
 * The report's inputs frozen when the log passed the cut-off: the fold there, the fold at the
 * previous cut-off, and the semester's corrections. Then a report is a read, not a replay.
 */
export async function frozenAtCutoff(
  store: EventStore,
  checkpoints: ReportCheckpoints | undefined,
  version: string,
  cutoff: string,
  previousCutoff: string,
  restore: (snapshot: FoldSnapshot) => LogFold,
): Promise<{ fold: LogFold; previous: unknown[]; corrections: Correction[] } | undefined> {
  const at = await usableCheckpoint(store, checkpoints, version, cutoff);
  if (!at || at.cutoff !== cutoff || !at.corrections) return undefined;
  const before = await usableCheckpoint(store, checkpoints, version, previousCutoff);
  if (!before || before.cutoff !== previousCutoff) return undefined;
  return { fold: restore(at.fold), previous: before.fold.states, corrections: at.corrections };
}
