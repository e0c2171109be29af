import { createHash } from 'node:crypto';
import { canonicalJson } from '../event-store/hash-chain.js';
import type { ReportContent } from '../reports/report-generator.js';

export const SYNTHESIS_FORMAT = 'scoran-ledger-national-synthesis/1';

/** A region's report as the national body received it: issued on this instance, or submitted as a bundle. */
export interface ReceivedReport {
  region: string;
  content: ReportContent;
  sha256: string;
  /** 1 for the first issue, then one more per re-issue. */
  version: number;
  issuedAt: string;
  issuedBy: string;
  source: 'issued-here' | 'submitted';
  /** Whether the region restated the semester since (the figures stay those sent). */
  restated: boolean;
  seal: { treeSize: number; root: string } | null;
}

export interface Figure {
  /** `section: key`, as the regional report names it. */
  key: string;
  value: number;
  /** The previous semester's figure, null when that report was not received. */
  previous: number | null;
  change: number | null;
}

export interface SynthesisRow {
  region: string;
  name: string;
  status: 'issued' | 'reissued' | 'restated' | 'missing';
  source: ReceivedReport['source'] | null;
  sha256: string | null;
  version: number | null;
  issuedAt: string | null;
  issuedBy: string | null;
  seal: { treeSize: number; root: string } | null;
  figures: Figure[];
}

export interface SynthesisContent {
  format: typeof SYNTHESIS_FORMAT;
  semester: string;
  previousSemester: string;
  regions: SynthesisRow[];
  /** Sums over the regions that reported, by key. */
  totals: Figure[];
  /** Codes of the regions with no report for the semester. */
  missing: string[];
  reported: number;
  /** The regions that reported, ranked (highest first, ties by code) on the figures the Mission follows. */
  rankings: { key: string; regions: string[] }[];
}

/** The figures the Mission France Très Haut Débit ranks the regions on, when the reports have them. */
export const RANKED_FIGURES = ['network-projects: FttH premises connectable', 'network-projects: FttH premises planned', 'conventions: in force'];

export interface NationalSynthesis {
  content: SynthesisContent;
  /** Canonical JSON of the content: the bytes the hash covers, identical at every generation. */
  json: string;
  sha256: string;
}

/** Every numeric headline figure of a report, keyed by section; in the report's order. */
export function figuresOf(content: ReportContent): Map<string, number> {
  const out = new Map<string, number>();
  for (const section of content.sections) for (const [key, value] of section.summary) if (typeof value === 'number') out.set(`${section.key}: ${key}`, value);
  return out;
}

const change = (value: number, previous: number | null) => (previous === null ? null : Math.round((value - previous) * 1e6) / 1e6);

/**
 * The national synthesis of a semester: one row per region (missing ones included), each figure
 * with its change since the previous semester, and national totals. Pure: the same received
 * reports give the same bytes (no clock, regions in code order).
 */
export function buildNationalSynthesis(input: {
  semester: string;
  previousSemester: string;
  regions: readonly { code: string; name: string }[];
  current: ReadonlyMap<string, ReceivedReport>;
  previous: ReadonlyMap<string, ReceivedReport>;
}): NationalSynthesis {
  const regions = [...input.regions].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const totals = new Map<string, { value: number; previous: number | null }>();
  const rows: SynthesisRow[] = regions.map(({ code, name }) => {
    const report = input.current.get(code);
    if (!report)
      return { region: code, name, status: 'missing', source: null, sha256: null, version: null, issuedAt: null, issuedBy: null, seal: null, figures: [] };
    const before = input.previous.get(code);
    const previousFigures = before ? figuresOf(before.content) : null;
    const figures = [...figuresOf(report.content)].map(([key, value]) => {
      const previous = previousFigures?.get(key) ?? null;
      const total = totals.get(key) ?? { value: 0, previous: 0 };
      total.value += value;
      total.previous = total.previous === null || previous === null ? null : total.previous + previous;
      totals.set(key, total);
      return { key, value, previous, change: change(value, previous) };
    });
    const status = report.restated ? 'restated' : report.version > 1 ? 'reissued' : 'issued';
    return {
      region: code,
      name,
      status,
      source: report.source,
      sha256: report.sha256,
      version: report.version,
      issuedAt: report.issuedAt,
      issuedBy: report.issuedBy,
      seal: report.seal,
      figures,
    };
  });
  const content: SynthesisContent = {
    format: SYNTHESIS_FORMAT,
    semester: input.semester,
    previousSemester: input.previousSemester,
    regions: rows,
    totals: [...totals].map(([key, t]) => ({ key, value: t.value, previous: t.previous, change: t.previous === null ? null : change(t.value, t.previous) })),
    missing: rows.filter((r) => r.status === 'missing').map((r) => r.region),
    reported: rows.filter((r) => r.status !== 'missing').length,
    rankings: RANKED_FIGURES.map((key) => {
      const valued = rows.flatMap((r) => {
        const figure = r.figures.find((f) => f.key === key);
        return figure ? [{ region: r.region, value: figure.value }] : [];
      });
      return { key, regions: valued.sort((a, b) => b.value - a.value || (a.region < b.region ? -1 : 1)).map((v) => v.region) };
    }).filter((r) => r.regions.length > 0),
  };
  const json = canonicalJson(content);
  return { content, json, sha256: createHash('sha256').update(json).digest('hex') };
}

/** The figures followed over every semester in the synthesis document's trend chart. */
export const TREND_FIGURES = ['network-projects: FttH premises planned', 'network-projects: FttH premises connectable'];

/** One semester of the national trend: how many regions reported, and the totals of TREND_FIGURES. */
export interface TrendPoint {
  semester: string;
  reported: number;
  totals: Record<string, number>;
}

/** The national totals of TREND_FIGURES from a semester's received reports (pure). */
export function trendPoint(semester: string, received: ReadonlyMap<string, ReceivedReport>): TrendPoint {
  const totals: Record<string, number> = Object.fromEntries(TREND_FIGURES.map((key) => [key, 0]));
  for (const report of received.values()) {
    const figures = figuresOf(report.content);
    for (const key of TREND_FIGURES) totals[key] += figures.get(key) ?? 0;
  }
  return { semester, reported: received.size, totals };
}

/** What the synthesis document shows beside the content: the trend up to its semester, and the seal of its issue. */
export interface SynthesisDocumentExtras {
  trend: TrendPoint[];
  /** The seal covering the last issue of the synthesis, null when not issued or not sealed yet. */
  seal: { treeSize: number; root: string } | null;
}
