import { diffWords } from 'diff';
import { CHECKLIST } from '../checklist.js';
import type { ReportContent } from '../report-generator.js';
import type { CalendarItemKind, Cell, RenderedSection, ReportTable, Row } from '../report-section.js';
import type { Catalogue } from './catalogue.fr.js';
import { tileCartogram } from './cartogram.js';
import { buildCharts, type DocChart } from './charts.js';
import { catalogue, fill, Formats, type Lang } from './format.js';

/** Names of places, from the official geography (the renderers stay pure: the caller passes it). */
export interface Places {
  departement(code: string): string | undefined;
  commune(code: string): string | undefined;
}

/** The issue the document shows on its cover, when the report was issued. */
export interface IssueInfo {
  version: number;
  issuedAt: string;
  issuedBy: string;
  recipients: string[];
  reason: string | null;
  seal: { root: string; size: number } | null;
  /** For a re-issue: the version it supersedes and that version's content SHA-256. */
  supersedes?: { version: number; sha256: string } | null;
}

/** The secretariat's text: a summary of the semester and a comment per chapter (section key), as plain paragraphs. */
export interface Narrative {
  summary: string;
  comments: Record<string, string>;
  /**
   * Keys ('summary' or a section key) whose text changed since the previous issue, that issue's
   * version and, when known, its text: the document then shows what changed, word by word.
   */
  changedSince?: { version: number; keys: string[]; previous?: { summary: string; comments: Record<string, string> } };
}

export interface DocumentInput {
  content: ReportContent;
  sha256: string;
  lang: Lang;
  /** The previous semester's report: the change of the key figures. */
  previous?: ReportContent;
  places?: Places;
  issue?: IssueInfo;
  narrative?: Narrative;
  provisional?: boolean;
}

export interface DocCell {
  text: string;
  /** The typed value, for spreadsheets. */
  value: string | number | boolean | null;
  type: 'number' | 'date' | 'text' | 'boolean' | 'empty';
}

export interface DocTable {
  key: string;
  title: string;
  headers: string[];
  numeric: boolean[];
  rows: DocCell[][];
  /** Sums of the summable numeric columns (null where a sum means nothing). */
  totals: (DocCell | null)[] | null;
}

/** A piece of text as it stands, added since the previous issue, or removed from it. */
export interface TextChange {
  text: string;
  change: 'same' | 'added' | 'removed';
}

export interface DocChapter {
  id: string;
  number: number;
  title: string;
  checklist: string[];
  summary: { label: string; text: string }[];
  comment: string[] | null;
  commentChanged: boolean;
  /** The comment against the issue it replaces, when it changed. */
  commentChanges: TextChange[] | null;
  charts: DocChart[];
  tables: DocTable[];
}

export interface ReportDocument {
  lang: Lang;
  locale: string;
  title: string;
  subtitle: string;
  regionName: string;
  semester: string;
  sha256: string;
  /** The cut-off instant (ISO): the PDF's dates, so regeneration gives the same bytes. */
  cutoffInstant: string;
  cover: { label: string; text: string }[];
  notice: string | null;
  synthesis: {
    figures: { label: string; value: string; previous: string; change: string }[];
    highlights: string[];
    summary: string[] | null;
    summaryChanged: boolean;
    summaryChanges: TextChange[] | null;
  };
  /** The version a re-issue replaces, when its text changed. */
  changedSince: number | null;
  checklist: { line: string; chapters: { id: string; number: number; title: string }[] }[];
  chapters: DocChapter[];
  annexes: { id: string; title: string; intro: string | null; tables: DocTable[] }[];
  t: Catalogue;
}

/** Tables shown in an annex (long detail), not in their chapter. */
const ANNEX_TABLES = new Set(['network-indicators', 'network-phasing', 'white-zones', 'meetings', 'decisions', 'corrections', 'late-recordings']);
/** The corrections chapter's detail (fact by fact) has an annex of its own. */
const CORRECTION_TABLES = new Set(['corrections', 'late-recordings']);
/** Columns that are internal ids: never a visible label (the row carries a name or title next to them). */
const HIDDEN_COLUMNS: Record<string, string[]> = {
  'network-projects': ['project'],
  'usage-projects': ['project'],
  conventions: ['convention'],
  commitments: ['commitment'],
  'white-zones': ['zone'],
  meetings: ['meeting', 'minutes_hash'],
  decisions: ['decision'],
  'convention-defaults': ['default'],
  corrections: ['event_id'],
  'late-recordings': ['event_id'],
};
const ENUM_COLUMNS = new Set([
  'figure',
  'status',
  'previous_status',
  'kind',
  'stage',
  'subject',
  'unit',
  'standing',
  'previous_standing',
  'domain',
  'priority',
  'mode',
  'outcome',
  'indicator',
  'progress_source',
]);
const MILESTONE_COLUMNS = new Set(['current_milestone', 'next_milestone', 'milestone']);
const ID_COLUMNS = new Set(['project', 'network_project', 'convention', 'meeting']);
/** Numeric columns whose sum means something (counts and euros, not versions or days). */
const SUMMABLE =
  /^(total_cost|state|region|departement|epci|euErdf|operatorPrivate|other|state_aid_committed|state_aid_paid|previous_total_cost|identified|planned|resolved|resolved_this_semester|priority_\w+|open_estimated_cost|estimated_cost|national|regional|innovative_territory|missing)$/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The order of the circular: a chapter comes where the first deliverable it answers comes. */
const CIRCULAR_ORDER = (section: RenderedSection) =>
  Math.min(...section.checklist.map((line) => (CHECKLIST as readonly string[]).indexOf(line)).filter((i) => i >= 0), CHECKLIST.length);
/**
 * Chapters that complete another one on the same deliverable come right after it: the operators'
 * commitments in private-investment zones after the actors' commitments (both answer "commitments
 * made by the actors and their status"), the differences of a restated report after its corrections.
 */
const FOLLOWS: Record<string, string> = { 'operator-commitments': 'commitments', differences: 'corrections' };

function chapterOrder(sections: readonly RenderedSection[]): RenderedSection[] {
  const byCircular = sections
    .map((section, i) => ({ section, i }))
    .sort((a, b) => CIRCULAR_ORDER(a.section) - CIRCULAR_ORDER(b.section) || a.i - b.i)
    .map(({ section }) => section);
  const ordered = byCircular.filter((section) => !(FOLLOWS[section.key] && byCircular.some((s) => s.key === FOLLOWS[section.key])));
  for (const section of byCircular.filter((s) => !ordered.includes(s))) {
    const at = ordered.findIndex((s) => s.key === FOLLOWS[section.key]);
    let next = at + 1;
    while (next < ordered.length && FOLLOWS[ordered[next].key] === FOLLOWS[section.key]) next++;
    ordered.splice(next, 0, section);
  }
  return ordered;
}

/** The operator-commitments section (zones feature) writes French values; by column, the catalogue's words. */
const OPERATOR_COMMITMENT_VALUES: Record<string, 'zone' | 'fondement' | 'situation' | 'repartition'> = {
  zone: 'zone',
  fondement: 'fondement',
  situation: 'situation',
  repartition: 'repartition',
};
const OPERATOR_COMMITMENT_TABLES = new Set(['operator-commitments-flagged', 'operator-commitments-split', 'operator-commitments-trend']);
/** In the split table, what "valeur" is depends on the split. */
const SPLIT_VALUES: Record<string, 'zone' | 'fondement' | 'departement'> = { zone: 'zone', 'fondement juridique': 'fondement', département: 'departement' };
/** "T1 2021", as the regulator (and the zones section) writes a quarter. */
const QUARTER = /^T([1-4]) (\d{4})$/;

/**
 * The report as a reader sees it, in one language: every label from the catalogue, every value
 * formatted, ids replaced by names. HTML, PDF and XLSX are drawn from it, so they say the same.
 */
export function buildDocument(input: DocumentInput): ReportDocument {
  const { content, lang } = input;
  const t = catalogue(lang);
  const f = new Formats(lang);
  const names = recordNames(content, f);
  const placeName = (kind: 'departement' | 'commune', code: string) => {
    const name = kind === 'departement' ? input.places?.departement(code) : input.places?.commune(code);
    return name ? `${name} (${code})` : code;
  };
  const label = <K extends keyof Catalogue>(group: K, key: string): string => (t[group] as Record<string, string>)[key] ?? humanize(key);
  const value = (key: string) => label('values', key);
  const milestone = (text: string) => (t.milestones as Record<string, string>)[text] ?? text;

  const quarter = (text: string) => text.replace(QUARTER, (_, q: string, year: string) => fill(t.document.quarter, { quarter: q, year }));
  const zoneValue = (group: 'zone' | 'fondement' | 'situation' | 'repartition', raw: string) =>
    (t.operatorCommitments[group] as Record<string, string>)[raw] ?? raw;
  /** Cells whose meaning depends on their table: the operators' commitments and the differences of a restated report. */
  const cellIn = (tableName: string, column: string, raw: Cell, row: Row): DocCell | null => {
    if (typeof raw !== 'string') return null;
    let text: string | null = null;
    if (OPERATOR_COMMITMENT_TABLES.has(tableName)) {
      if (OPERATOR_COMMITMENT_VALUES[column]) text = zoneValue(OPERATOR_COMMITMENT_VALUES[column], raw);
      else if (column === 'departement') text = placeName('departement', raw);
      else if (column === 'commune') text = placeName('commune', raw);
      else if (column === 'trimestre') text = quarter(raw);
      else if (column === 'valeur') {
        const of = SPLIT_VALUES[String(row.repartition)];
        text = of === 'departement' ? placeName('departement', raw) : of ? zoneValue(of, raw) : raw;
      }
    } else if (tableName === 'figure-differences' || tableName === 'table-differences') {
      if (column === 'section') text = label('sections', raw);
      else if (column === 'figure') text = label('summary', raw);
      else if (column === 'table') text = label('tables', raw);
    }
    return text === null ? null : { text, value: raw, type: 'text' };
  };

  const cellOf = (column: string, raw: Cell): DocCell => {
    if (raw === null || raw === undefined) return { text: '—', value: null, type: 'empty' };
    if (typeof raw === 'boolean') return { text: f.yesNo(raw), value: raw, type: 'boolean' };
    if (typeof raw === 'number') return { text: f.number(raw), value: raw, type: 'number' };
    if (CALENDAR_DATE.test(raw)) return { text: f.date(raw), value: raw, type: 'date' };
    let text = raw;
    if (ENUM_COLUMNS.has(column)) text = value(raw);
    else if (MILESTONE_COLUMNS.has(column)) text = milestone(raw);
    else if (ID_COLUMNS.has(column)) text = names.get(raw) ?? raw;
    else if (column === 'departements')
      text = raw
        .split(' ')
        .map((code) => placeName('departement', code))
        .join(', ');
    else if (column === 'communes')
      text = raw
        .split(' ')
        .map((code) => placeName('commune', code))
        .join(', ');
    else if (column === 'record') text = names.get(raw) ?? names.get(raw.slice(raw.indexOf('-') + 1)) ?? raw;
    return { text, value: raw, type: 'text' };
  };

  const docTable = (table: ReportTable, hide: string[] = HIDDEN_COLUMNS[table.name] ?? []): DocTable => {
    const columns = table.columns.filter((c) => !hide.includes(c));
    const rows = table.rows.map((row) => columns.map((c) => cellIn(table.name, c, row[c] ?? null, row) ?? cellOf(c, row[c] ?? null)));
    const numeric = columns.map(
      (c, i) => rows.length > 0 && rows.every((r) => r[i].type === 'number' || r[i].type === 'empty') && rows.some((r) => r[i].type === 'number'),
    );
    const summable = columns.map((c, i) => numeric[i] && SUMMABLE.test(c));
    const totals =
      rows.length > 1 && summable.some(Boolean)
        ? columns.map((c, i) => {
            if (i === 0) return { text: t.document.total, value: t.document.total, type: 'text' as const };
            if (!summable[i]) return null;
            const sum = table.rows.reduce((n, r) => n + (typeof r[c] === 'number' ? r[c] : 0), 0);
            return { text: f.number(sum), value: sum, type: 'number' as const };
          })
        : null;
    // The operators' commitments table names a département by its code (elsewhere "departement" is a funder's euros).
    const header = (c: string) => (c === 'departement' && OPERATOR_COMMITMENT_TABLES.has(table.name) ? t.document.departement : label('columns', c));
    return { key: table.name, title: label('tables', table.name), headers: columns.map(header), numeric, rows, totals };
  };

  const summaryText = (key: string, raw: Cell) => {
    if (typeof raw === 'number' && key.includes('(€)')) return f.money(raw);
    if (typeof raw === 'number' && key.startsWith('at-risk threshold')) return f.percent(raw);
    if (typeof raw === 'string' && QUARTER.test(raw)) return quarter(raw);
    return cellOf('', raw).text;
  };

  const sections = chapterOrder(content.sections);
  const charts = buildCharts(content, {
    t,
    f,
    names,
    placeName: (code) => placeName('departement', code),
    milestone,
    value,
    quarter,
    situation: (raw) => zoneValue('situation', raw),
  });
  const map = mapChapter(content, t, f, placeName);
  const chapters: DocChapter[] = [];
  for (const section of sections) {
    if (section.key === 'forward-calendar' && map) chapters.push({ ...map, number: chapters.length + 1 });
    const comment = input.narrative?.comments[section.key];
    chapters.push({
      id: section.key,
      number: chapters.length + 1,
      title: label('sections', section.key),
      checklist: section.checklist.map((line) => label('checklist', line)),
      summary: section.summary.map(([key, raw]) => ({ label: label('summary', key), text: summaryText(key, raw) })),
      comment: comment ? paragraphs(comment) : null,
      commentChanged: input.narrative?.changedSince?.keys.includes(section.key) ?? false,
      commentChanges: changesOf(input.narrative, section.key),
      charts: charts.get(section.key) ?? [],
      tables: [
        ...section.tables
          .filter((table) => !ANNEX_TABLES.has(table.name))
          .map((table) => docTable(table.name === 'forward-calendar' ? calendarTable(table, t, f, milestone, value) : table)),
        // The concertation chapter shows the semester's decisions; every decision is in the annex.
        ...section.tables
          .filter((table) => table.name === 'decisions')
          .map((table) => ({
            ...docTable({ ...table, rows: table.rows.filter((row) => row.this_semester === true) }, ['decision', 'this_semester']),
            key: 'decisions-this-semester',
            title: label('tables', 'decisions-this-semester'),
          })),
      ],
    });
  }

  const chapterOf = (key: string) => chapters.find((c) => c.id === key)!;
  const checklist = content.checklist.map((item) => ({
    line: label('checklist', item.line),
    chapters: [...item.sections, ...(map && map.checklistKeys.includes(item.line) ? [map.id] : [])]
      .map((key) => chapterOf(key))
      .sort((a, b) => a.number - b.number)
      .map(({ id, number, title }) => ({ id, number, title })),
  }));

  const cutoff = f.parisDateTime(content.cutoff);
  const cover: { label: string; text: string }[] = [
    { label: t.document.region, text: `${content.region.name} (${content.region.code})` },
    { label: t.document.semester, text: semesterText(content.semester, lang) },
    { label: t.document.period, text: fill(t.document.periodText, { from: f.date(content.period.from), to: f.date(content.period.to) }) },
    { label: t.document.cutoff, text: fill(t.document.cutoffText, cutoff) },
  ];
  if (input.issue) {
    const issued = f.parisDateTime(input.issue.issuedAt);
    const issuer = input.issue.issuedBy.startsWith('system:') ? t.document.systemIssuer : input.issue.issuedBy.replace(/^demo:/, '');
    cover.push({
      label: t.document.issued,
      text: `${fill(t.document.issuedText, { date: `${issued.date}, ${issued.time}`, issuer })} (${fill(t.document.issuedVersion, { version: input.issue.version })})`,
    });
    if (input.issue.reason) cover.push({ label: t.document.reissueReason, text: input.issue.reason });
    if (input.issue.supersedes)
      cover.push({
        label: t.document.supersedes,
        text: fill(t.document.supersedesText, { version: input.issue.supersedes.version, sha256: input.issue.supersedes.sha256 }),
      });
  }
  cover.push({
    label: t.document.recipients,
    text: input.issue?.recipients.length
      ? input.issue.recipients.map((r) => (t.recipients as Record<string, string>)[r] ?? r).join(', ')
      : t.document.noRecipients,
  });
  cover.push({ label: t.document.sha256, text: input.sha256 });
  cover.push({
    label: t.document.seal,
    text: input.issue?.seal ? fill(t.document.sealText, { root: input.issue.seal.root, size: f.number(input.issue.seal.size) }) : t.document.noSeal,
  });

  const annexTables = content.sections.flatMap((s) => s.tables.filter((table) => ANNEX_TABLES.has(table.name) && !CORRECTION_TABLES.has(table.name)));
  const corrections = content.sections.find((s) => s.key === 'corrections');
  return {
    lang,
    locale: t.locale,
    title: `${t.document.title} ${semesterText(content.semester, lang)} — ${content.region.name}`,
    subtitle: t.document.subtitle,
    regionName: content.region.name,
    semester: semesterText(content.semester, lang),
    sha256: input.sha256,
    cutoffInstant: content.cutoff,
    cover,
    notice: restatedNotice(content, t) ?? (input.provisional ? t.document.provisional : input.issue ? null : t.document.notIssued),
    synthesis: {
      figures: keyFigures(content, input.previous, t, f),
      highlights: highlights(content, t, f, names, milestone, value, (code) => placeName('commune', code)),
      summary: input.narrative?.summary ? paragraphs(input.narrative.summary) : null,
      summaryChanged: input.narrative?.changedSince?.keys.includes('summary') ?? false,
      summaryChanges: changesOf(input.narrative, 'summary'),
    },
    changedSince: input.narrative?.changedSince?.keys.length ? input.narrative.changedSince.version : null,
    checklist,
    chapters,
    annexes: [
      {
        id: 'annex-tables',
        title: t.document.fullTables,
        intro: null,
        tables: annexTables.map((table) =>
          docTable(
            table,
            (HIDDEN_COLUMNS[table.name] ?? []).filter((c) => c !== 'minutes_hash'),
          ),
        ),
      },
      {
        id: 'annex-corrections',
        title: t.document.corrections,
        intro: null,
        tables: (corrections?.tables ?? []).filter((table) => CORRECTION_TABLES.has(table.name)).map((table) => docTable(table, [])),
      },
      { id: 'annex-sources', title: t.document.sources, intro: t.document.sourcesIntro, tables: [docTable(sourcesTable(content), [])] },
    ],
    t,
  };
}

/** "Text changed since version n". */
export function changedNote(doc: ReportDocument): string {
  return doc.changedSince === null
    ? doc.t.document.narrativeChanged.replace(' {version}', '')
    : fill(doc.t.document.narrativeChanged, { version: doc.changedSince });
}

/** Word by word, how the text of `key` ('summary' or a chapter) changed since the issue it replaces; paragraphs as line breaks. */
function changesOf(narrative: Narrative | undefined, key: string): TextChange[] | null {
  const since = narrative?.changedSince;
  if (!narrative || !since?.previous || !since.keys.includes(key)) return null;
  const text = (n: { summary: string; comments: Record<string, string> }) => paragraphs((key === 'summary' ? n.summary : n.comments[key]) ?? '').join('\n');
  return diffWords(text(since.previous), text(narrative)).map((c) => ({ text: c.value, change: c.added ? 'added' : c.removed ? 'removed' : 'same' }));
}

export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
}

function semesterText(semester: string, lang: Lang): string {
  const [year, half] = semester.split('-S');
  return lang === 'fr' ? `${half === '1' ? '1er' : '2e'} semestre ${year}` : `${half === '1' ? 'first' : 'second'} half of ${year}`;
}

function humanize(key: string): string {
  return key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

/** Record ids (and stream ids) → the name a reader knows them by, from the report's own tables. */
function recordNames(content: ReportContent, f: Formats): Map<string, string> {
  const names = new Map<string, string>();
  const add = (id: Cell, name: Cell, category: string) => {
    if (typeof id !== 'string' || typeof name !== 'string') return;
    names.set(id, name);
    names.set(`${category}-${id}`, name);
  };
  for (const section of content.sections) {
    for (const table of section.tables) {
      for (const row of table.rows) {
        if (table.name === 'network-projects') add(row.project, row.name, 'networkProject');
        if (table.name === 'usage-projects') add(row.project, row.title, 'usageProject');
        if (table.name === 'conventions') add(row.convention, row.title, 'convention');
        if (table.name === 'commitments') add(row.commitment, `${row.actor} — ${row.title}`, 'commitment');
        if (table.name === 'meetings') add(row.meeting, `${f.date(String(row.date))}, ${row.place}`, 'meeting');
      }
    }
  }
  return names;
}

/** The forward calendar as a reader sees it: the date, the kind of item and its sentence, from the catalogue. */
function calendarTable(table: ReportTable, t: Catalogue, f: Formats, milestone: (s: string) => string, value: (s: string) => string): ReportTable {
  const what = (row: Row) =>
    fill(t.calendar[row.kind as CalendarItemKind], {
      label: String(row.label),
      milestone: milestone(String(row.milestone)),
      actor: String(row.actor),
      quantity: typeof row.quantity === 'number' ? f.number(row.quantity) : '',
      unit: value(String(row.unit)),
    });
  return { ...table, columns: ['date', 'kind', 'what'], rows: table.rows.map((row) => ({ date: row.date ?? null, kind: row.kind ?? null, what: what(row) })) };
}

const table = (content: ReportContent, name: string): ReportTable | undefined => content.sections.flatMap((s) => s.tables).find((tb) => tb.name === name);
const summaryValue = (content: ReportContent | undefined, section: string, key: string): number | null => {
  const found = content?.sections.find((s) => s.key === section)?.summary.find(([k]) => k === key)?.[1];
  return typeof found === 'number' ? found : null;
};

const KEY_FIGURES: { section: string; key: string; money?: boolean }[] = [
  { section: 'network-projects', key: 'projects' },
  { section: 'network-projects', key: 'FttH premises planned' },
  { section: 'network-projects', key: 'FttH premises connectable' },
  { section: 'network-projects', key: 'estimated total cost (€)', money: true },
  { section: 'conventions', key: 'in force' },
  { section: 'commitments', key: 'at risk' },
  { section: 'commitments', key: 'fulfilled' },
  { section: 'white-zones', key: 'open' },
  { section: 'usage-projects', key: 'projects' },
  { section: 'concertation', key: 'decisions this semester' },
];

function keyFigures(content: ReportContent, previous: ReportContent | undefined, t: Catalogue, f: Formats) {
  return KEY_FIGURES.flatMap(({ section, key, money }) => {
    const now = summaryValue(content, section, key);
    if (now === null) return [];
    const before = previous ? summaryValue(previous, section, key) : null;
    const show = (n: number) => (money ? f.money(n) : f.number(n));
    const sectionTitle = (t.sections as Record<string, string>)[section] ?? section;
    const label = `${(t.summary as Record<string, string>)[key] ?? key} — ${sectionTitle}`;
    return [
      {
        label,
        value: show(now),
        previous: before === null ? '—' : show(before),
        change: before === null ? '—' : now === before ? t.noChange : f.signed(now - before, money ? 'eur' : undefined),
      },
    ];
  });
}

/** What happened in the semester, read from the report's tables (which come from the log). */
function highlights(
  content: ReportContent,
  t: Catalogue,
  f: Formats,
  names: Map<string, string>,
  milestone: (s: string) => string,
  value: (s: string) => string,
  commune: (code: string) => string,
): string[] {
  const { from, to } = content.period;
  const inPeriod = (d: Cell) => typeof d === 'string' && d >= from && d <= to;
  const out: { date: string; text: string }[] = [];
  for (const row of table(content, 'decisions')?.rows ?? []) {
    if (row.this_semester)
      out.push({
        date: String(row.date),
        text: fill(t.highlights.decision, {
          date: f.date(String(row.date)),
          kind: value(String(row.kind)),
          outcome: value(String(row.outcome)),
          text: String(row.text),
        }),
      });
  }
  for (const row of table(content, 'conventions')?.rows ?? []) {
    if (inPeriod(row.in_force_since))
      out.push({
        date: String(row.in_force_since),
        text: fill(t.highlights.conventionInForce, { title: String(row.title), date: f.date(String(row.in_force_since)) }),
      });
  }
  for (const row of table(content, 'convention-defaults')?.rows ?? []) {
    if (inPeriod(row.notified_on))
      out.push({
        date: String(row.notified_on),
        text: fill(t.highlights.conventionDefault, {
          party: String(row.party),
          title: names.get(String(row.convention)) ?? String(row.convention),
          stage: value(String(row.stage)),
        }),
      });
  }
  for (const row of table(content, 'commitments')?.rows ?? []) {
    if (row.previous_standing === null)
      out.push({
        date: to,
        text: fill(t.highlights.commitmentMade, { actor: String(row.actor), title: String(row.title), date: f.date(String(row.due_date)) }),
      });
    else if (row.previous_standing !== row.standing)
      out.push({
        date: to,
        text: fill(t.highlights.standingChanged, {
          actor: String(row.actor),
          title: String(row.title),
          from: value(String(row.previous_standing)),
          to: value(String(row.standing)),
        }),
      });
  }
  for (const name of ['network-projects', 'usage-projects']) {
    for (const row of table(content, name)?.rows ?? []) {
      const slipped = row.slippage_since_previous_report;
      if (typeof slipped === 'number' && slipped > 0 && row.next_planned) {
        out.push({
          date: to,
          text: fill(t.highlights.milestoneSlipped, {
            project: String(row.name ?? row.title),
            milestone: milestone(String(row.next_milestone)),
            days: f.number(slipped),
            date: f.date(String(row.next_planned)),
          }),
        });
      }
    }
  }
  for (const row of table(content, 'network-phasing')?.rows ?? []) {
    if (row.status === 'achieved' && inPeriod(row.date))
      out.push({
        date: String(row.date),
        text: fill(t.highlights.milestoneAchieved, {
          project: names.get(String(row.project)) ?? String(row.project),
          milestone: milestone(String(row.milestone)),
          date: f.date(String(row.date)),
        }),
      });
  }
  for (const row of table(content, 'white-zones')?.rows ?? []) {
    if (inPeriod(row.resolved_on))
      out.push({
        date: String(row.resolved_on),
        text: fill(t.highlights.zoneResolved, {
          date: f.date(String(row.resolved_on)),
          kind: value(String(row.kind)),
          communes: String(row.communes).split(' ').map(commune).join(', '),
        }),
      });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).map((h) => h.text);
}

/** Who reported what: each record with the actor carrying it, the date of its latest figures, their source and who recorded them. */
function sourcesTable(content: ReportContent): ReportTable {
  const rows: Row[] = [];
  for (const row of table(content, 'network-projects')?.rows ?? []) {
    const asOf = (table(content, 'network-indicators')?.rows ?? []).find((r) => r.project === row.project)?.as_of ?? null;
    rows.push({
      record: String(row.project),
      source: row.lead ?? null,
      figure: 'ftthPremisesConnectable',
      as_of: asOf,
      progress_source: null,
      reported_by: null,
    });
  }
  for (const row of table(content, 'commitments')?.rows ?? []) {
    rows.push({
      record: `${row.actor} — ${row.title}`,
      source: row.actor ?? null,
      figure: String(row.subject),
      as_of: row.as_of ?? null,
      progress_source: row.progress_source ?? null,
      reported_by: row.reported_by ?? null,
    });
  }
  for (const row of table(content, 'usage-projects')?.rows ?? [])
    rows.push({ record: String(row.project), source: row.carrier ?? null, figure: String(row.domain), as_of: null, progress_source: null, reported_by: null });
  return { name: 'sources', title: 'sources', columns: ['record', 'source', 'figure', 'as_of', 'progress_source', 'reported_by'], rows };
}

interface MapChapter extends Omit<DocChapter, 'number'> {
  checklistKeys: string[];
}

/** The "carte des initiatives": figures per département (a tile cartogram) and the communes with a white zone. */
function mapChapter(content: ReportContent, t: Catalogue, f: Formats, placeName: (kind: 'departement' | 'commune', code: string) => string): MapChapter | null {
  const projects = table(content, 'network-projects')?.rows ?? [];
  const indicators = table(content, 'network-indicators')?.rows ?? [];
  const zones = table(content, 'white-zones')?.rows ?? [];
  const usage = table(content, 'usage-projects')?.rows ?? [];
  const departements = [
    ...new Set(
      [
        ...projects.flatMap((p) => String(p.departements ?? '').split(' ')),
        ...zones.flatMap((z) =>
          String(z.communes ?? '')
            .split(' ')
            .map((c) => (c.startsWith('97') ? c.slice(0, 3) : c.slice(0, 2))),
        ),
      ].filter(Boolean),
    ),
  ].sort();
  if (departements.length === 0) return null;
  const indicator = (project: Cell, name: string) => indicators.find((r) => r.project === project && r.indicator === name)?.current;
  const rows: Row[] = departements.map((d) => {
    const own = projects.filter((p) => String(p.departements).split(' ')[0] === d);
    const sum = (name: string) => own.reduce((n, p) => n + (Number(indicator(p.project, name)) || 0), 0);
    const open = zones.filter(
      (z) =>
        z.status !== 'resolved' &&
        String(z.communes)
          .split(' ')
          .some((c) => c.startsWith(d)),
    );
    return {
      departement_name: d,
      network_projects: own.length,
      planned_premises: sum('ftthPremisesPlanned'),
      connectable_premises: sum('ftthPremisesConnectable'),
      open_zones: open.length,
      commune_count: new Set(open.flatMap((z) => String(z.communes).split(' '))).size,
    };
  });
  void usage;
  const tiles = rows.map((r) => ({
    code: String(r.departement_name),
    name: placeName('departement', String(r.departement_name)),
    lines: [
      fill(t.charts.tileConnectable, { connectable: f.number(Number(r.connectable_premises)) }),
      fill(t.charts.tilePlanned, { planned: f.number(Number(r.planned_premises)) }),
      fill(t.charts.tileZones, { count: f.number(Number(r.open_zones)) }),
    ],
  }));
  const communes = [...new Set(zones.filter((z) => z.status !== 'resolved').flatMap((z) => String(z.communes).split(' ')))].sort();
  const mapTable: DocTable = {
    key: 'map-departements',
    title: t.tables['map-departements'],
    headers: [
      t.document.departement,
      t.columns.network_projects,
      t.columns.planned_premises,
      t.columns.connectable_premises,
      t.columns.open_zones,
      t.columns.commune_count,
    ],
    numeric: [false, true, true, true, true, true],
    rows: rows.map((r) => [
      { text: placeName('departement', String(r.departement_name)), value: String(r.departement_name), type: 'text' as const },
      ...(['network_projects', 'planned_premises', 'connectable_premises', 'open_zones', 'commune_count'] as const).map((k) => ({
        text: f.number(Number(r[k])),
        value: Number(r[k]),
        type: 'number' as const,
      })),
    ]),
    totals: null,
  };
  const communeTable: DocTable = {
    key: 'map-communes',
    title: t.tables['map-communes'],
    headers: [t.columns.communes],
    numeric: [false],
    rows: communes.map((c) => [{ text: placeName('commune', c), value: c, type: 'text' as const }]),
    totals: null,
  };
  const alt = tiles.map((tile) => fill(t.charts.altSeries, { series: tile.name, values: tile.lines.join(', ') })).join(' ; ');
  return {
    id: 'map',
    title: t.document.map,
    checklist: [t.checklist['map and calendar of all initiatives (infrastructure and usages)']],
    checklistKeys: [
      'map and calendar of all initiatives (infrastructure and usages)',
      'semestrial update of coverage plans (map, calendar) and of cost and financing estimates',
    ],
    summary: [],
    comment: null,
    commentChanged: false,
    commentChanges: null,
    charts: [{ key: 'map-tiles', title: t.document.map, alt: `${t.document.mapAlt} ${alt}`, svg: tileCartogram(tiles, t.document.mapLocator) }],
    tables: [mapTable, communeTable],
  };
}

/** A report restated as known now says so, and which issued report it does not replace. */
function restatedNotice(content: ReportContent, t: Catalogue): string | null {
  const restated = content as ReportContent & { basis?: { asKnownAt: string }; asIssued?: { sha256: string } };
  if (!restated.basis || !restated.asIssued) return null;
  return fill(t.document.restated, { position: restated.basis.asKnownAt, sha256: restated.asIssued.sha256 });
}
