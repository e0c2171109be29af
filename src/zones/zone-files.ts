import { parse } from 'csv-parse/sync';
import { isCalendarDate } from '../shared/calendar-date.js';
import { DEPLOYMENT_ZONES, type DeploymentZone } from './commune-zone.decider.js';
import type { RegulatorFigure } from './regulator-quarter.decider.js';

/**
 * Reading the two CSV files the zones feature imports: a zone file (the zone of each commune) and
 * the regulator's quarterly per-commune file. Kept small and self-contained so it can later be
 * routed through a general import framework. Separator ',' or ';' (detected on the header), UTF-8
 * with or without BOM, French numbers ("12 345", "12345,0"). Headers are matched without case,
 * accents or punctuation, under the names Arcep and the associations use.
 */

export interface FileIssue {
  /** The line of the file (the header is line 1); 0 for the file as a whole. */
  line: number;
  column: string;
  message: string;
}

export type FileKind = 'zones' | 'regulator';

export interface ZoneFileRow {
  line: number;
  communeCode: string;
  zone: DeploymentZone;
  operatorId: string | null;
  networkProjectId: string | null;
  effectiveFrom: string;
  reason: string | null;
}

export interface RegulatorFileRow extends RegulatorFigure {
  line: number;
}

const COLUMNS = {
  communeCode: ['code_commune', 'code_insee', 'insee_com', 'insee', 'commune_code', 'communecode', 'code_com'],
  zone: ['zone', 'zonage', 'type_de_zone'],
  operatorId: ['operateur', 'operator', 'operatorid', 'operateur_en_charge'],
  networkProjectId: ['projet_rip', 'rip', 'networkprojectid', 'reseau'],
  effectiveFrom: ['date_effet', 'effective_from', 'effectivefrom', 'depuis'],
  reason: ['motif', 'reason', 'raison'],
  connectable: ['locaux_raccordables', 'raccordables', 'nb_locaux_raccordables', 'connectable', 'ftth_raccordables'],
  premisesEstimate: ['meilleure_estimation_des_locaux', 'meilleure_estimation_locaux', 'estimation_locaux', 'locaux', 'premisesestimate', 'nb_locaux'],
  quarter: ['trimestre', 'quarter', 'periode'],
} as const;
type Column = keyof typeof COLUMNS;

/** The regulator file's header names, for the import's Arcep preset (src/import/deployment-mapping.ts). */
export const REGULATOR_FILE_HEADERS = {
  communeCode: COLUMNS.communeCode,
  connectable: COLUMNS.connectable,
  premisesEstimate: COLUMNS.premisesEstimate,
  quarter: COLUMNS.quarter,
} as const;

const normal = (header: string) =>
  header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

interface Table {
  headers: string[];
  /** Which header holds each known column. */
  columns: Partial<Record<Column, number>>;
  records: { line: number; cells: string[] }[];
}

function readTable(text: string): Table | FileIssue {
  const content = text.replace(/^\uFEFF/, '');
  const firstLine = content.split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.trim() === '') return { line: 1, column: '', message: 'The file is empty: a header line is expected' };
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(content, { delimiter, info: true, skip_empty_lines: true, trim: true, relax_column_count: false }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
  } catch (error) {
    const e = error as { message: string; lines?: number };
    return { line: e.lines ?? 0, column: '', message: `Not a readable CSV file: ${e.message}` };
  }
  const [header, ...data] = rows;
  const headers = header.record;
  const columns: Partial<Record<Column, number>> = {};
  headers.forEach((h, index) => {
    const key = normal(h);
    for (const [column, names] of Object.entries(COLUMNS) as [Column, readonly string[]][])
      if (names.includes(key) && columns[column] === undefined) columns[column] = index;
  });
  return { headers, columns, records: data.map((r) => ({ line: r.info.lines, cells: r.record })) };
}

/** Which kind of file it is, from its header. */
export function kindOf(text: string): FileKind | FileIssue {
  const table = readTable(text);
  if ('message' in table) return table;
  if (table.columns.connectable !== undefined) return 'regulator';
  if (table.columns.zone !== undefined) return 'zones';
  return {
    line: 1,
    column: '',
    message: `Neither a zone file (columns code_commune, zone, operateur, date_effet) nor a regulator file (code_commune, locaux_raccordables, meilleure_estimation_des_locaux): header ${table.headers.join(' | ')}`,
  };
}

/** A whole number written the French or the English way; null when it is not one. */
export function wholeNumber(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  const match = /^(-?\d+)(?:[.,](0+))?$/.exec(compact);
  return match ? Number(match[1]) : null;
}

function missing(table: Table, required: Column[]): FileIssue[] {
  return required
    .filter((c) => table.columns[c] === undefined)
    .map((c) => ({ line: 1, column: c, message: `Missing column ${c} (one of: ${COLUMNS[c].join(', ')})` }));
}

export function readRegulatorFile(text: string, quarterGiven?: string): { quarter: string | null; rows: RegulatorFileRow[]; issues: FileIssue[] } {
  const table = readTable(text);
  if ('message' in table) return { quarter: null, rows: [], issues: [table] };
  const issues = missing(table, ['communeCode', 'connectable', 'premisesEstimate']);
  if (issues.length) return { quarter: null, rows: [], issues };
  const quarters = new Set<string>();
  const rows: RegulatorFileRow[] = [];
  for (const { line, cells } of table.records) {
    const cell = (c: Column) => cells[table.columns[c]!] ?? '';
    const communeCode = cell('communeCode').padStart(5, '0');
    const numbers = { connectable: wholeNumber(cell('connectable')), premisesEstimate: wholeNumber(cell('premisesEstimate')) };
    for (const column of ['connectable', 'premisesEstimate'] as const) {
      if (numbers[column] === null) issues.push({ line, column, message: `Not a whole number: "${cell(column)}"` });
    }
    if (table.columns.quarter !== undefined) {
      const quarter = quarterOf(cell('quarter'));
      if (quarter) quarters.add(quarter);
      else issues.push({ line, column: 'quarter', message: `Not a quarter: "${cell('quarter')}" (2024-Q3, 2024-T3 or T3 2024)` });
    }
    rows.push({ line, communeCode, connectable: numbers.connectable ?? Number.NaN, premisesEstimate: numbers.premisesEstimate ?? Number.NaN });
  }
  let quarter = quarterGiven ? quarterOf(quarterGiven) : null;
  if (quarterGiven && !quarter) issues.push({ line: 0, column: 'quarter', message: `Not a quarter: "${quarterGiven}"` });
  if (quarters.size > 1)
    issues.push({ line: 0, column: 'quarter', message: `The file mixes quarters (${[...quarters].sort().join(', ')}); one file per quarter` });
  const inFile = quarters.size === 1 ? [...quarters][0] : null;
  if (quarter && inFile && quarter !== inFile) issues.push({ line: 0, column: 'quarter', message: `The file is for ${inFile}, not ${quarter}` });
  quarter = quarter ?? inFile;
  if (!quarter && !quarterGiven && issues.length === 0)
    issues.push({ line: 0, column: 'quarter', message: 'Give the quarter (the file has no trimestre column)' });
  if (rows.length === 0) issues.push({ line: 0, column: '', message: 'The file has no figures' });
  return { quarter, rows, issues };
}

export function readZoneFile(text: string): { rows: ZoneFileRow[]; issues: FileIssue[] } {
  const table = readTable(text);
  if ('message' in table) return { rows: [], issues: [table] };
  const issues = missing(table, ['communeCode', 'zone', 'effectiveFrom']);
  if (issues.length) return { rows: [], issues };
  const rows: ZoneFileRow[] = [];
  for (const { line, cells } of table.records) {
    const cell = (c: Column) => (table.columns[c] === undefined ? '' : (cells[table.columns[c]] ?? ''));
    const zone = cell('zone').toLowerCase() as DeploymentZone;
    if (!DEPLOYMENT_ZONES.includes(zone)) issues.push({ line, column: 'zone', message: `Unknown zone "${cell('zone')}" (ZTD, AMII, AMEL or RIP)` });
    const effectiveFrom = frenchOrIsoDate(cell('effectiveFrom'));
    if (!effectiveFrom) issues.push({ line, column: 'effectiveFrom', message: `Not a date: "${cell('effectiveFrom')}" (2024-01-31 or 31/01/2024)` });
    rows.push({
      line,
      communeCode: cell('communeCode').padStart(5, '0'),
      zone,
      operatorId: cell('operatorId') || null,
      networkProjectId: cell('networkProjectId') || null,
      effectiveFrom: effectiveFrom ?? '',
      reason: cell('reason') || null,
    });
  }
  if (rows.length === 0) issues.push({ line: 0, column: '', message: 'The file has no communes' });
  return { rows, issues };
}

/** 2024-Q3, 2024-T3, T3 2024 → 2024-Q3; null when it is not a quarter. */
export function quarterOf(text: string): string | null {
  const t = text.trim().toUpperCase();
  const yearFirst = /^(\d{4})[-\s]?[QT]([1-4])$/.exec(t);
  if (yearFirst) return `${yearFirst[1]}-Q${yearFirst[2]}`;
  const quarterFirst = /^[QT]([1-4])[-\s]?(\d{4})$/.exec(t);
  return quarterFirst ? `${quarterFirst[2]}-Q${quarterFirst[1]}` : null;
}

function frenchOrIsoDate(text: string): string | null {
  const french = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text.trim());
  const date = french ? `${french[3]}-${french[2]}-${french[1]}` : text.trim();
  return isCalendarDate(date) ? date : null;
}
