import { quarterOf, REGULATOR_FILE_HEADERS } from '../zones/zone-files.js';
import { kindByKey } from './import-kinds.js';

/**
 * How to read someone else's deployment file (an operator's, the regulator's) as the sheet
 * "Déploiement par commune": which of its headers holds each of our columns, and values that hold
 * for every row when the file has no column for them (the source, often the quarter). Columns the
 * mapping does not name are ignored, since such files carry many we do not record.
 */
export interface DeploymentMapping {
  /** Our column key → the file's header names (matched ignoring case, accents and punctuation). */
  columns: Partial<Record<DeploymentColumn, string[]>>;
  /** Values for every row that has none: `source` (operator_data, regulator_data), `quarter` (2024-T3), `asOf` (2024-09-30). */
  values: Partial<Record<'source' | 'quarter' | 'asOf', string>>;
  /** The workbook's sheet holding the figures (default: its first sheet); ignored for a CSV. */
  sheet?: string;
}

export const DEPLOYMENT_COLUMNS = kindByKey('deployment').columns.map((column) => column.key);
export type DeploymentColumn = (typeof DEPLOYMENT_COLUMNS)[number];

/**
 * The regulator's (Arcep) quarterly per-commune file as the zones feature reads it (src/zones/zone-files.ts):
 * commune code, premises connectable, best estimate of the premises (our "premises planned"),
 * and the quarter when the file has that column. Sources of the layout: docs/import.md.
 */
export const ARCEP_PRESET: DeploymentMapping = {
  columns: {
    communeCode: [...REGULATOR_FILE_HEADERS.communeCode],
    ftthPremisesConnectable: [...REGULATOR_FILE_HEADERS.connectable],
    ftthPremisesPlanned: [...REGULATOR_FILE_HEADERS.premisesEstimate],
    quarter: [...REGULATOR_FILE_HEADERS.quarter],
  },
  values: { source: 'regulator_data' },
};

export const MAPPING_PRESETS: Record<string, DeploymentMapping> = { arcep: ARCEP_PRESET };

/** A mapping refused, with the reason in French (the CLI and the API show it as is). */
export class InvalidMapping extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidMapping';
  }
}

const SOURCES = ['operator_data', 'regulator_data'];

/**
 * A mapping from its JSON form ({ "columns": { "communeCode": ["INSEE"] }, "values": { "source": "operator_data" } }),
 * optionally over a preset, with the values given on the command line on top. Throws InvalidMapping.
 */
export function deploymentMapping(spec: { preset?: string; json?: unknown; source?: string; quarter?: string; sheet?: string }): DeploymentMapping {
  let mapping: DeploymentMapping = { columns: {}, values: {} };
  if (spec.preset !== undefined) {
    const preset = MAPPING_PRESETS[spec.preset.toLowerCase()];
    if (!preset) throw new InvalidMapping(`Correspondance prédéfinie « ${spec.preset} » inconnue ; prédéfinies : ${Object.keys(MAPPING_PRESETS).join(', ')}.`);
    mapping = { columns: { ...preset.columns }, values: { ...preset.values }, sheet: preset.sheet };
  }
  if (spec.json !== undefined) mapping = merge(mapping, fromJson(spec.json));
  const values = { ...mapping.values };
  if (spec.source !== undefined) values.source = spec.source;
  if (spec.quarter !== undefined) values.quarter = spec.quarter;
  mapping = { ...mapping, values, sheet: spec.sheet ?? mapping.sheet };
  check(mapping);
  return mapping;
}

function merge(base: DeploymentMapping, over: DeploymentMapping): DeploymentMapping {
  return { columns: { ...base.columns, ...over.columns }, values: { ...base.values, ...over.values }, sheet: over.sheet ?? base.sheet };
}

function fromJson(json: unknown): DeploymentMapping {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new InvalidMapping('La correspondance est un objet JSON : { "columns": { … }, "values": { … } }.');
  const { columns = {}, values = {}, sheet, ...rest } = json as Record<string, unknown>;
  if (Object.keys(rest).length > 0)
    throw new InvalidMapping(`Clé inconnue dans la correspondance : ${Object.keys(rest).join(', ')} (clés permises : columns, values, sheet).`);
  if (typeof columns !== 'object' || columns === null || Array.isArray(columns))
    throw new InvalidMapping('« columns » associe une colonne à ses en-têtes : { "communeCode": ["code_insee"] }.');
  const mapped: DeploymentMapping['columns'] = {};
  for (const [key, headers] of Object.entries(columns)) {
    if (!DEPLOYMENT_COLUMNS.includes(key))
      throw new InvalidMapping(`Colonne « ${key} » inconnue dans « columns » ; colonnes : ${DEPLOYMENT_COLUMNS.join(', ')}.`);
    const list: unknown = typeof headers === 'string' ? [headers] : headers;
    if (!Array.isArray(list) || list.length === 0 || !list.every((h) => typeof h === 'string' && h.trim() !== '' && h.length <= 200)) {
      throw new InvalidMapping(`« columns.${key} » donne un en-tête ou une liste d’en-têtes non vides (200 caractères au plus).`);
    }
    mapped[key] = list as string[];
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values))
    throw new InvalidMapping('« values » donne des valeurs pour toutes les lignes : { "source": "operator_data" }.');
  const fixed: DeploymentMapping['values'] = {};
  for (const [key, value] of Object.entries(values)) {
    if (key !== 'source' && key !== 'quarter' && key !== 'asOf')
      throw new InvalidMapping(`Clé « values.${key} » inconnue ; clés permises : source, quarter, asOf.`);
    if (typeof value !== 'string') throw new InvalidMapping(`« values.${key} » est un texte.`);
    fixed[key] = value;
  }
  if (sheet !== undefined && (typeof sheet !== 'string' || sheet.trim() === '')) throw new InvalidMapping('« sheet » est le nom d’une feuille du classeur.');
  return { columns: mapped, values: fixed, sheet: sheet };
}

function check(mapping: DeploymentMapping): void {
  if (!mapping.columns.communeCode?.length) throw new InvalidMapping('La correspondance doit dire quelle colonne porte le code commune (columns.communeCode).');
  const source = mapping.values.source?.toLowerCase().replace(/-/g, '_');
  if (source !== undefined && !SOURCES.includes(source))
    throw new InvalidMapping(`Source « ${mapping.values.source} » inconnue : operator_data (données opérateur) ou regulator_data (données du régulateur).`);
  if (source !== undefined) mapping.values.source = source;
  if (mapping.values.quarter !== undefined) {
    const quarter = quarterOf(mapping.values.quarter);
    if (!quarter) throw new InvalidMapping(`« ${mapping.values.quarter} » n’est pas un trimestre : écrivez 2024-T3, T3 2024 ou 2024-Q3.`);
    mapping.values.quarter = quarter;
  }
}
