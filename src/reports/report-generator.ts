import { createHash } from 'node:crypto';
import type { EventStore, Position, RecordedEvent } from '../event-store/event-store.js';
import { START } from '../event-store/event-store.js';
import { DamagedEventError } from '../event-store/errors.js';
import { canonicalJson } from '../event-store/hash-chain.js';
import { parisDateOf } from '../shared/calendar-date.js';
import type { TerritoryService } from '../territory/territory.service.js';
import { CHECKLIST } from './checklist.js';
import { correctionKind, correctionsSection, forwardCalendarSection, type Correction } from './corrections.section.js';
import type { CalendarItem, RenderedSection, ReportSection } from './report-section.js';
import { foldVersion, frozenAtCutoff, LogFold, usableCheckpoint, type ReportCheckpoints } from './log-fold.js';
import { cutoffOf, firstDayOf, lastDayOf, nextSemester, parisMidnight, previousSemester, semesterLabel, type Semester } from './semester.js';

/** @2: the corrections section splits corrections, late recordings and import batches. @3: commitments give their progress source and who reported it. */
export const REPORT_FORMAT = 'scoran-ledger/semestrial-report@3';

export interface ReportRequest {
  region: string;
  semester: Semester;
  /** Default: the end of the semester (Europe/Paris). */
  cutoff?: string;
}

export interface ReportContent {
  format: string;
  region: { code: string; name: string };
  semester: string;
  period: { from: string; to: string };
  cutoff: string;
  previousCutoff: string;
  sections: RenderedSection[];
  checklist: { line: string; sections: string[] }[];
}

export interface SemestrialReport {
  content: ReportContent;
  /** Canonical JSON of `content`: the bytes the hash covers. */
  json: string;
  sha256: string;
  /** The last log position recorded at or before the cut-off (engine-specific, outside the hashed bytes). */
  position: Position;
}

const PAGE = 2000;

/**
 * Builds a region's report for a semester from the log alone: one pass over the events recorded
 * up to the cut-off, folding each section's state, copied as it stood at the previous semester's
 * cut-off. Nothing else goes in (no clock, no read model), so the same request gives the same
 * bytes at any later time and on either engine.
 */
export async function generateReport(
  store: EventStore,
  sections: readonly ReportSection[],
  territories: TerritoryService,
  request: ReportRequest,
  options: { checkpoints?: ReportCheckpoints } = {},
): Promise<SemestrialReport> {
  const region = territories.region(request.region);
  if (!region) throw new RangeError(`No region ${request.region}`);
  const cutoff = request.cutoff ?? cutoffOf(request.semester);
  const previousCutoff = cutoffOf(previousSemester(request.semester));
  const periodStartMs = parisMidnight(firstDayOf(request.semester)).getTime();
  const cutoffMs = Date.parse(cutoff);
  const previousCutoffMs = Date.parse(previousCutoff);

  const versionKey = foldVersion(sections);
  const frozen =
    request.cutoff === undefined
      ? await frozenAtCutoff(store, options.checkpoints, versionKey, cutoff, previousCutoff, (snapshot) =>
          LogFold.restore(sections, territories, snapshot, false),
        )
      : undefined;
  const { fold, previous, corrections } = frozen ?? (await replay());

  /** One pass over the log up to the cut-off, from the latest usable checkpoint at or before the previous cut-off. */
  async function replay(): Promise<{ fold: LogFold; previous: unknown[]; corrections: Correction[] }> {
    const checkpoint = await usableCheckpoint(store, options.checkpoints, versionKey, previousCutoff);
    const fold = checkpoint ? LogFold.restore(sections, territories, checkpoint.fold) : new LogFold(sections, territories);
    let previous: unknown[] | undefined = checkpoint?.cutoff === previousCutoff ? structuredClone(fold.states) : undefined;
    // Records in the log at the previous cut-off: a later fact about one of them is a correction.
    let knownAtPrevious: ReadonlySet<string> | undefined = previous ? new Set(fold.streams) : undefined;
    const corrections: Correction[] = [];
    let after: Position = checkpoint ? BigInt(checkpoint.fold.position) : START;
    for (let done = false; !done;) {
      const page = await store.readAll({ after, limit: PAGE });
      for (const event of page.events) {
        if (event.damage !== undefined) throw new DamagedEventError(event.position, event.streamId, event.revision, event.damage);
        const recordedMs = Date.parse(event.recordedAt);
        // The log is in recording order: once an event is recorded after a cut-off, nothing more can
        // fall before it, and the fold as it stands can be kept for the next report.
        if (!previous && recordedMs > previousCutoffMs) {
          previous = structuredClone(fold.states);
          knownAtPrevious = new Set(fold.streams);
          // Saved unless a usable one was loaded: one left by another log (a restored backup) is replaced.
          if (options.checkpoints && checkpoint?.cutoff !== previousCutoff) {
            options.checkpoints.save(versionKey, { cutoff: previousCutoff, fold: fold.snapshot() });
          }
        }
        if (recordedMs > cutoffMs) {
          if (request.cutoff === undefined) options.checkpoints?.save(versionKey, { cutoff, fold: fold.snapshot(), corrections });
          done = true;
          break;
        }
        if (recordedMs > previousCutoffMs && Date.parse(event.metadata.occurredAt) < periodStartMs)
          corrections.push(correctionOf(event, knownAtPrevious?.has(event.streamId) ?? false));
        fold.apply(event);
      }
      if (page.isEnd || page.events.length === 0) done = true;
      after = page.lastPosition;
    }
    return { fold, previous: previous ?? structuredClone(fold.states), corrections };
  }
  const content = renderContent(sections, fold, previous, corrections, { region, semester: request.semester, cutoffMs, previousCutoff });
  const json = canonicalJson(content);
  return { content, json, sha256: createHash('sha256').update(json).digest('hex'), position: fold.position };
}

/** The report's content from the folds: each section rendered, then the forward calendar and the corrections. */
export function renderContent(
  sections: readonly ReportSection[],
  fold: LogFold,
  previous: unknown[],
  corrections: readonly Correction[],
  at: { region: { code: string; name: string }; semester: Semester; cutoffMs: number; previousCutoff: string },
): ReportContent {
  const { region } = at;
  const { states } = fold;
  const context = {
    region: region.code,
    semester: semesterLabel(at.semester),
    period: { from: firstDayOf(at.semester), to: lastDayOf(at.semester) },
    cutoffDate: parisDateOf(new Date(at.cutoffMs - 1)),
    forward: { from: firstDayOf(nextSemester(at.semester)), to: lastDayOf(nextSemester(nextSemester(at.semester))) },
    inRegion: (streamId: string) => fold.inRegion(streamId, region.code),
    actorName: (actorId: string) => fold.actorName(actorId),
  };
  const upcoming: CalendarItem[] = [];
  const rendered: RenderedSection[] = sections.map((section, index) => {
    const { upcoming: items = [], ...output } = section.render({ ...context, current: states[index], previous: previous[index] });
    upcoming.push(...items.filter((item) => item.date >= context.forward.from && item.date <= context.forward.to));
    return { key: section.key, title: section.title, checklist: section.checklist, ...output };
  });
  rendered.push(forwardCalendarSection(upcoming, context.forward));
  rendered.push(correctionsSection(corrections.filter((c) => context.inRegion(c.streamId))));

  return {
    format: REPORT_FORMAT,
    region: { code: region.code, name: region.name },
    semester: context.semester,
    period: context.period,
    cutoff: new Date(at.cutoffMs).toISOString(),
    previousCutoff: at.previousCutoff,
    sections: rendered,
    checklist: CHECKLIST.map((line) => ({ line, sections: rendered.filter((s) => s.checklist.includes(line)).map((s) => s.key) })),
  };
}

export function correctionOf(event: RecordedEvent, knownBefore: boolean): Correction {
  return {
    ...correctionKind(event, knownBefore),
    streamId: event.streamId,
    type: event.type,
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.recordedAt,
    actorId: event.metadata.actingActorId ?? null,
    eventId: event.id,
  };
}
