import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { IMPORT_KINDS, type Column, type ImportKind, type KindKey } from './import-kinds.js';

export type TemplateLanguage = 'fr' | 'en';

/** A workbook with one sheet per kind of act (headers in the language), one example row each, and a notes sheet. */
export async function templateWorkbook(language: TemplateLanguage): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'SCORAN Ledger';
  for (const kind of IMPORT_KINDS) {
    const sheet = workbook.addWorksheet(kind[language]);
    sheet.addRow(kind.columns.map((column) => column[language]));
    sheet.addRow(kind.columns.map((column) => exampleCell(column)));
    sheet.getRow(1).font = { bold: true };
    sheet.columns.forEach((column, index) => {
      column.width = Math.max(14, kind.columns[index][language].length + 4);
      if (kind.columns[index].type.kind === 'date') column.numFmt = 'dd/mm/yyyy';
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  const notes = workbook.addWorksheet('Notes');
  notes.addRow(['Feuille', 'Colonne', 'Column (English)', 'Obligatoire', 'Explication', 'Exemple']);
  notes.getRow(1).font = { bold: true };
  for (const kind of IMPORT_KINDS) {
    for (const column of kind.columns) notes.addRow([kind.fr, column.fr, column.en, column.required ? 'oui' : 'non', column.note, column.example]);
  }
  notes.columns.forEach((column, index) => (column.width = [18, 28, 28, 12, 90, 30][index]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A cell of a workbook or CSV written by the service: text, number or calendar day. */
export type OutCell = string | number | Date | undefined;
/** Rows per kind, each row by column key. */
export type SheetData = Partial<Record<KindKey, Record<string, OutCell>[]>>;

/** A workbook with a sheet per kind present in `data` (headers in the language), Excel date cells for dates. */
export async function workbookOf(data: SheetData, language: TemplateLanguage): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const kind of IMPORT_KINDS) {
    const rows = data[kind.key];
    if (!rows) continue;
    const sheet = workbook.addWorksheet(kind[language]);
    sheet.addRow(kind.columns.map((column) => column[language]));
    for (const row of rows) sheet.addRow(kind.columns.map((column) => row[column.key] ?? null));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A CSV of one kind as French Excel writes it (`;`, BOM, decimal commas, 31/12/2018) or in English (`,`, ISO dates). */
export function csvOf(kind: ImportKind, rows: Record<string, OutCell>[], language: TemplateLanguage): string {
  const separator = language === 'fr' ? ';' : ',';
  const text = (value: OutCell): string => {
    if (value === undefined) return '';
    if (value instanceof Date)
      return language === 'fr' ? `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}` : value.toISOString().slice(0, 10);
    if (typeof value === 'number') return language === 'fr' ? String(value).replace('.', ',') : String(value);
    return value;
  };
  const line = (cells: string[]) => cells.map((cell) => csvCell(cell, separator)).join(separator);
  const lines = [line(kind.columns.map((column) => column[language])), ...rows.map((row) => line(kind.columns.map((column) => text(row[column.key]))))];
  return `${language === 'fr' ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** One CSV per kind: French (`;`, with BOM, as French Excel writes it) or English (`,`). */
export function templateCsv(kind: ImportKind, language: TemplateLanguage): string {
  const separator = language === 'fr' ? ';' : ',';
  const line = (cells: string[]) => cells.map((cell) => csvCell(cell, separator)).join(separator);
  const body = [line(kind.columns.map((column) => column[language])), line(kind.columns.map((column) => column.example))].join('\r\n');
  return `${language === 'fr' ? '\uFEFF' : ''}${body}\r\n`;
}

/** Writes modele-import.xlsx (French), import-template.xlsx (English) and csv/fr/*.csv, csv/en/*.csv. */
export async function writeTemplates(dir: string): Promise<string[]> {
  const written: string[] = [];
  await mkdir(join(dir, 'csv', 'fr'), { recursive: true });
  await mkdir(join(dir, 'csv', 'en'), { recursive: true });
  const put = async (path: string, content: string | Buffer) => {
    await writeFile(join(dir, path), content);
    written.push(path);
  };
  await put('modele-import.xlsx', await templateWorkbook('fr'));
  await put('import-template.xlsx', await templateWorkbook('en'));
  for (const kind of IMPORT_KINDS) {
    await put(join('csv', 'fr', `${fileNameOf(kind.fr)}.csv`), templateCsv(kind, 'fr'));
    await put(join('csv', 'en', `${fileNameOf(kind.en)}.csv`), templateCsv(kind, 'en'));
  }
  return written;
}

/** "Projets réseau" → "projets-reseau": file names without spaces or accents (still recognised on import). */
export function fileNameOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
}

function exampleCell(column: Column): string | Date | number {
  if (column.example === '') return '';
  if (column.type.kind === 'date') {
    const [day, month, year] = column.example.split('/');
    return new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  }
  if ((column.type.kind === 'number' || column.type.kind === 'integer') && /^\d+$/.test(column.example)) return Number(column.example);
  return column.example;
}

function csvCell(text: string, separator: string): string {
  return text.includes(separator) || text.includes('"') || /[\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
