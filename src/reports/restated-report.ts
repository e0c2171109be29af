import { createHash } from 'node:crypto';
import type { EventStore, Position } from '../event-store/event-store.js';
import { START } from '../event-store/event-store.js';
import { canonicalJson } from '../event-store/hash-chain.js';
import type { TerritoryService } from '../territory/territory.service.js';
import type { Correction } from './corrections.section.js';
import { LogFold } from './log-fold.js';
import type { Cell, RenderedSection, ReportSection, Row } from './report-section.js';
import { correctionOf, renderContent, type ReportContent, type SemestrialReport } from './report-generator.js';
import { cutoffOf, previousSemester, type Semester } from './semester.js';

export const RESTATED_FORMAT = 'scoran-ledger/restated-report@1';

export interface RestatedContent extends ReportContent {
  /** The last fact folded (position and recording time): the report is reproducible from this position alone. */
  basis: { asKnownAt: string; recordedUntil: string | null };
  /** The report as issued (as known at the cut-off) it restates. */
  asIssued: { sha256: string };
}

export interface RestatedReport extends SemestrialReport {
  content: RestatedContent;
}

const PAGE = 2000;

/**
 * The semester's report "as known now": every fact that occurred before the cut-off, whenever it
 * was recorded (imports, late recordings, corrections included), folded in log order up to
 * `upTo` (default: the head). The previous semester's figures are restated the same way. Its
 * `corrections` section lists what was recorded after the cut-off, and a `differences` section
 * compares it with the report as issued, figure by figure and table by table.
 */
export async function generateRestatedReport(
  store: EventStore,
  sections: readonly ReportSection[],
  territories: TerritoryService,
  request: { region: string; semester: Semester; upTo?: Position },
  asIssued: SemestrialReport,
): Promise<RestatedReport> {
  const region = territories.region(request.region);
  if (!region) throw new RangeError(`No region ${request.region}`);
  const cutoff = cutoffOf(request.semester);
  const previousCutoff = cutoffOf(previousSemester(request.semester));
  const cutoffMs = Date.parse(cutoff);
  const previousCutoffMs = Date.parse(previousCutoff);
  const upTo = request.upTo ?? (await store.headPosition());

  const fold = new LogFold(sections, territories);
  const previousFold = new LogFold(sections, territories);
  /** Streams recorded by the cut-off: a later fact about one of them corrects the report as issued. */
  const knownAtCutoff = new Set<string>();
  const since: Correction[] = [];
  let recordedUntil: string | null = null;
  let asKnownAt: Position = START;
  for (let after: Position = START, done = false; !done;) {
    const page = await store.readAll({ after, limit: PAGE });
    for (const event of page.events) {
      if (event.position > upTo) {
        done = true;
        break;
      }
      const occurredMs = Date.parse(event.metadata.occurredAt);
      const recordedMs = Date.parse(event.recordedAt);
      if (occurredMs >= cutoffMs) continue;
      // Pinned to the last fact it folds: what is recorded later about later periods changes nothing.
      asKnownAt = event.position;
      recordedUntil = event.recordedAt;
      if (recordedMs > cutoffMs) since.push(correctionOf(event, knownAtCutoff.has(event.streamId)));
      else knownAtCutoff.add(event.streamId);
      fold.apply(event);
      if (occurredMs < previousCutoffMs) previousFold.apply(event);
    }
    if (page.isEnd || page.events.length === 0) done = true;
    after = page.lastPosition;
  }

  const base = renderContent(sections, fold, previousFold.states, since, { region, semester: request.semester, cutoffMs, previousCutoff });
  const restatedSections = base.sections.map((section) =>
    section.key === 'corrections' ? { ...section, title: 'Recorded after the report as issued', checklist: section.checklist } : section,
  );
  restatedSections.push(differencesSection(asIssued.content.sections, restatedSections));
  const content: RestatedContent = {
    ...base,
    format: RESTATED_FORMAT,
    sections: restatedSections,
    basis: { asKnownAt: asKnownAt.toString(), recordedUntil },
    asIssued: { sha256: asIssued.sha256 },
  };
  const json = canonicalJson(content);
  return { content, json, sha256: createHash('sha256').update(json).digest('hex'), position: asKnownAt };
}

/**
 * What differs between the report as issued and as known now: each headline figure that changed,
 * and for each table, its rows in both with how many are new and how many are gone (a changed row
 * counts once in each).
 */
export function differencesSection(asIssued: readonly RenderedSection[], asKnownNow: readonly RenderedSection[]): RenderedSection {
  const figures: Row[] = [];
  const tables: Row[] = [];
  for (const now of asKnownNow) {
    if (now.key === 'corrections' || now.key === 'differences') continue;
    const then = asIssued.find((s) => s.key === now.key);
    const before = new Map<string, Cell>(then?.summary ?? []);
    for (const [label, value] of now.summary) {
      const old = before.has(label) ? before.get(label)! : null;
      if (old !== value) figures.push({ section: now.key, figure: label, as_issued: old, as_known_now: value });
    }
    for (const table of now.tables) {
      const oldRows = then?.tables.find((t) => t.name === table.name)?.rows ?? [];
      const oldKeys = new Set(oldRows.map((row) => canonicalJson(row)));
      const newKeys = new Set(table.rows.map((row) => canonicalJson(row)));
      const added = [...newKeys].filter((key) => !oldKeys.has(key)).length;
      const removed = [...oldKeys].filter((key) => !newKeys.has(key)).length;
      if (added > 0 || removed > 0)
        tables.push({
          section: now.key,
          table: table.name,
          rows_as_issued: oldRows.length,
          rows_as_known_now: table.rows.length,
          new_or_changed: added,
          gone_or_changed: removed,
        });
    }
  }
  return {
    key: 'differences',
    title: 'Differences from the report as issued',
    checklist: ['corrections to facts of earlier semesters'],
    summary: [
      ['figures that differ', figures.length],
      ['tables that differ', tables.length],
    ],
    tables: [
      {
        name: 'figure-differences',
        title: 'Headline figures, as issued and as known now',
        columns: ['section', 'figure', 'as_issued', 'as_known_now'],
        rows: figures,
      },
      {
        name: 'table-differences',
        title: 'Tables whose rows differ',
        columns: ['section', 'table', 'rows_as_issued', 'rows_as_known_now', 'new_or_changed', 'gone_or_changed'],
        rows: tables,
      },
    ],
    charts: [],
  };
}
