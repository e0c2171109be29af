import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { DeploymentMapping } from './deployment-mapping.js';
import { IMPORT_KINDS, kindByKey, kindOfName, normalizeLabel, type Column, type ImportKind } from './import-kinds.js';
import { scalarText } from '../shared/scalar-text.js';

/** A cell as the file holds it: text, a number, a date (Excel date cells), a boolean, or nothing. */
export type RawValue = string | number | Date | boolean | undefined;

export interface RawRow {
  /** 1-based, as the spreadsheet shows it (the header is row 1). */
  row: number;
  cells: Map<string, RawValue>;
}

export interface RawSheet {
  /** The sheet's name in the file (or the CSV's file name). */
  name: string;
  kind: ImportKind;
  /** Column key → spreadsheet column letter, for the problems' cell references. */
  letters: Map<string, string>;
  /** Column key → the header as written in the file. */
  headers: Map<string, string>;
  rows: RawRow[];
}

export interface ImportFile {
  fileName: string;
  /** SHA-256 of the bytes, hex: the batch's identity (command ids derive from it). */
  hash: string;
  format: 'xlsx' | 'csv';
  sheets: RawSheet[];
  /** Problems of the file's shape: unknown sheet, missing or unknown column, unreadable file. */
  problems: FileProblem[];
}

export interface FileProblem {
  sheet: string;
  row?: number;
  column?: string;
  cell?: string;
  code: string;
  message: string;
}

/**
 * The bytes, read with ExcelJS (.xlsx) or csv-parse (.csv), sheet by sheet, rows by header. With a
 * deployment mapping, the file is someone else's deployment figures: read as the sheet
 * "Déploiement par commune" under the mapping's header names.
 */
export async function readImportFile(fileName: string, bytes: Buffer, mapping?: DeploymentMapping): Promise<ImportFile> {
  // The mapping is part of what was imported: the same bytes read another way are another batch.
  const hash = createHash('sha256')
    .update(bytes)
    .update(mapping ? JSON.stringify(mapping) : '')
    .digest('hex');
  const name = basename(fileName);
  const extension = extname(name).toLowerCase();
  if (extension === '.xlsx') return { fileName: name, hash, format: 'xlsx', ...(await readWorkbook(bytes, mapping)) };
  if (extension === '.csv') return { fileName: name, hash, format: 'csv', ...readCsv(name, bytes, mapping) };
  return {
    fileName: name,
    hash,
    format: 'csv',
    sheets: [],
    problems: [
      {
        sheet: name,
        code: 'UNSUPPORTED_FILE',
        message: `Format de fichier non pris en charge (${extension || 'sans extension'}) : donnez un classeur .xlsx ou un fichier .csv.`,
      },
    ],
  };
}

async function readWorkbook(bytes: Buffer, mapping?: DeploymentMapping): Promise<Pick<ImportFile, 'sheets' | 'problems'>> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    return { sheets: [], problems: [{ sheet: '', code: 'UNREADABLE_FILE', message: `Le classeur ne peut pas être lu : ${(error as Error).message}` }] };
  }
  const sheets: RawSheet[] = [];
  const problems: FileProblem[] = [];
  const mapped =
    mapping &&
    (mapping.sheet === undefined ? workbook.worksheets[0] : workbook.worksheets.find((w) => normalizeLabel(w.name) === normalizeLabel(mapping.sheet!)));
  if (mapping && !mapped)
    return {
      sheets: [],
      problems: [
        {
          sheet: mapping.sheet ?? '',
          code: 'UNKNOWN_SHEET',
          message: `Le classeur n’a pas de feuille « ${mapping.sheet ?? ''} » ; ses feuilles : ${workbook.worksheets.map((w) => w.name).join(', ')}.`,
        },
      ],
    };
  for (const worksheet of mapped ? [mapped] : workbook.worksheets) {
    const kind = mapped ? kindByKey('deployment') : kindOfName(worksheet.name);
    if (!kind) {
      if (!isNotesSheet(worksheet.name))
        problems.push({
          sheet: worksheet.name,
          code: 'UNKNOWN_SHEET',
          message: `Feuille « ${worksheet.name} » non reconnue : les feuilles attendues sont ${expectedSheets()}.`,
        });
      continue;
    }
    const table: RawValue[][] = [];
    worksheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const values: RawValue[] = [];
      row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
        values[columnNumber - 1] = cellValue(cell.value);
      });
      table[rowNumber - 1] = values;
    });
    const sheet = toSheet(worksheet.name, kind, table, problems, mapping);
    if (sheet) sheets.push(sheet);
  }
  return { sheets, problems };
}

function readCsv(name: string, bytes: Buffer, mapping?: DeploymentMapping): Pick<ImportFile, 'sheets' | 'problems'> {
  const kind = mapping ? kindByKey('deployment') : kindOfName(name.replace(/\.csv$/i, ''));
  if (!kind)
    return {
      sheets: [],
      problems: [
        {
          sheet: name,
          code: 'UNKNOWN_SHEET',
          message: `Le nom du fichier « ${name} » ne dit pas ce qu’il contient : nommez-le comme une feuille du modèle (${expectedSheets()}), par ex. conventions.csv.`,
        },
      ],
    };
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD'))
    return {
      sheets: [],
      problems: [
        {
          sheet: name,
          code: 'NOT_UTF8',
          message: 'Le fichier n’est pas en UTF-8 : dans Excel, enregistrez-le au format « CSV UTF-8 (délimité par des virgules) ».',
        },
      ],
    };
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  // French Excel writes ';' (the comma is its decimal separator); elsewhere ','.
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    const parsed: string[][] = parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: false });
    records = parsed;
  } catch (error) {
    return { sheets: [], problems: [{ sheet: name, code: 'UNREADABLE_FILE', message: `Le fichier CSV ne peut pas être lu : ${(error as Error).message}` }] };
  }
  const problems: FileProblem[] = [];
  const sheet = toSheet(name, kind, records, problems, mapping);
  return { sheets: sheet ? [sheet] : [], problems };
}

/**
 * Header row → columns of the kind (French or English names, or a mapping's); then one RawRow per
 * non-empty line. Under a mapping, unknown columns are ignored and its fixed values fill empty cells.
 */
function toSheet(name: string, kind: ImportKind, table: RawValue[][], problems: FileProblem[], mapping?: DeploymentMapping): RawSheet | undefined {
  const header = table[0] ?? [];
  const byLabel = new Map<string, Column>();
  for (const column of kind.columns) {
    const labels = mapping ? (mapping.columns[column.key] ?? []) : [column.fr, column.en, column.key];
    for (const label of labels) byLabel.set(normalizeLabel(label), column);
  }
  const positions = new Map<number, Column>();
  const letters = new Map<string, string>();
  const headers = new Map<string, string>();
  header.forEach((value, index) => {
    const text = value === undefined ? '' : String(value).trim();
    if (text === '') return;
    const column = byLabel.get(normalizeLabel(text));
    if (!column && mapping) return;
    if (!column) {
      problems.push({
        sheet: name,
        row: 1,
        column: text,
        cell: `${letter(index)}1`,
        code: 'UNKNOWN_COLUMN',
        message: `Colonne « ${text} » inconnue dans la feuille ${kind.fr} ; colonnes attendues : ${kind.columns.map((c) => c.fr).join(', ')}.`,
      });
      return;
    }
    if (letters.has(column.key)) {
      problems.push({
        sheet: name,
        row: 1,
        column: text,
        cell: `${letter(index)}1`,
        code: 'DUPLICATE_COLUMN',
        message: `La colonne « ${column.fr} » apparaît deux fois.`,
      });
      return;
    }
    positions.set(index, column);
    letters.set(column.key, letter(index));
    headers.set(column.key, text);
  });
  const fixed = Object.entries(mapping?.values ?? {}).filter(([key]) => !letters.has(key));
  const missing = kind.columns.filter((column) => column.required && !letters.has(column.key) && !fixed.some(([key]) => key === column.key));
  for (const column of missing) {
    const named = mapping
      ? ` : aucun en-tête parmi ${(mapping.columns[column.key] ?? []).map((h) => `« ${h} »`).join(', ') || '(aucun donné par la correspondance)'}`
      : '';
    problems.push({
      sheet: name,
      row: 1,
      column: column.fr,
      code: 'MISSING_COLUMN',
      message: `Colonne obligatoire « ${column.fr} » (${column.en}) absente de la feuille ${kind.fr}${named}.`,
    });
  }
  if (missing.length > 0) return undefined;
  const rows: RawRow[] = [];
  table.slice(1).forEach((values, index) => {
    if (!values) return;
    // A cell beyond the header is a value cut by an unquoted separator (CSV), not data to drop silently.
    const stray = mapping ? -1 : values.findIndex((value, position) => position >= header.length && value !== undefined && String(value).trim() !== '');
    if (stray >= 0) {
      problems.push({
        sheet: name,
        row: index + 2,
        cell: `${letter(stray)}${index + 2}`,
        code: 'EXTRA_CELL',
        message: `Valeur hors des colonnes de l’en-tête (« ${String(values[stray]).trim().slice(0, 40)} ») : une cellule contient-elle le séparateur sans guillemets ?`,
      });
      return;
    }
    const cells = new Map<string, RawValue>();
    for (const [position, column] of positions) {
      const value = values[position];
      if (value !== undefined && !(typeof value === 'string' && value.trim() === '')) cells.set(column.key, value);
    }
    if (cells.size === 0) return;
    for (const [key, value] of fixed) cells.set(key, value);
    rows.push({ row: index + 2, cells });
  });
  return { name, kind, letters, headers, rows };
}

function cellValue(value: ExcelJS.CellValue): RawValue {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellValue(value.result);
    if ('text' in value) return String(value.text);
    if ('error' in value) return `#${String(value.error)}`;
  }
  return scalarText(value);
}

/** 0 → A, 25 → Z, 26 → AA. */
export function letter(index: number): string {
  let n = index + 1;
  let text = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    text = String.fromCharCode(65 + rest) + text;
    n = Math.floor((n - 1) / 26);
  }
  return text;
}

const NOTES_SHEETS = ['notes', 'notice', 'lisezmoi', 'readme'];
function isNotesSheet(name: string): boolean {
  return NOTES_SHEETS.includes(normalizeLabel(name));
}

function expectedSheets(): string {
  return `${IMPORT_KINDS.map((kind) => kind.fr).join(', ')} (ou leurs noms anglais)`;
}
