import type { RawSheet } from './import-file.js';
import type { KindKey } from './import-kinds.js';

/**
 * Input fields of the API whose column in the sheet has another name (the rest share their name
 * with their column, or end with it: `figures.ftthPremisesBuilt`, `prioritySites.schools`).
 */
const FIELD_COLUMNS: Partial<Record<KindKey, Record<string, string>>> = {
  actors: { actorId: 'id' },
  conventions: { conventionId: 'id' },
  signatures: {
    signatory: 'signatoryId',
    'signatory.personId': 'signatoryId',
    councilResolution: 'resolutionNumber',
    'councilResolution.date': 'resolutionDate',
  },
  commitments: { commitmentId: 'id', committingActorId: 'actorId', target: 'quantity', 'target.quantity': 'quantity', 'target.unit': 'unit' },
  network_projects: { projectId: 'id', departementCodes: 'departements' },
  usage_projects: { projectId: 'id' },
  white_zones: { zoneId: 'id', communeCodes: 'communes', prioritySites: 'schools' },
  commissions: { regionCode: 'region', 'rules.quorumShare': 'quorumShare', rules: 'mode' },
  meetings: { meetingId: 'id', regionCode: 'region' },
};

/**
 * The column and cell a refusal of the service points at: the first input field it names that is a
 * column of the row's sheet. Nothing when it names none (the refusal is then about the whole row).
 */
export function refusalCell(sheet: RawSheet | undefined, row: number, fields: readonly string[]): { column?: string; cell?: string } {
  if (!sheet) return {};
  const aliases = FIELD_COLUMNS[sheet.kind.key] ?? {};
  const columns = new Set(sheet.kind.columns.map((c) => c.key));
  for (const field of fields) {
    const path = field.replace(/\[\d+\]/g, '').split('.');
    const key = [aliases[path.join('.')], aliases[path[0]], path.join('.'), path[0], path.at(-1)].find((k) => k !== undefined && columns.has(k));
    if (key === undefined) continue;
    const column = sheet.headers.get(key) ?? sheet.kind.columns.find((c) => c.key === key)!.fr;
    const letter = sheet.letters.get(key);
    return { column, cell: letter ? `${letter}${row}` : undefined };
  }
  return {};
}
