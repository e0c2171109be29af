import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Principal } from '../../src/shared/principal.js';
import { IMPORT_KINDS, type KindKey } from '../../src/import/import-kinds.js';
import { importFile } from '../../src/import/importer.js';
import { writeTemplates } from '../../src/import/template.js';
import { startTestService, type TestService } from './harness.js';

const ADMIN: Principal = { subject: 'person-admin', actorId: 'scoran-ledger', role: 'admin' };
const NEW_KINDS: KindKey[] = ['deployment', 'meetings', 'attendance', 'decisions', 'minutes', 'votes', 'votes_cast'];
/** Problems of a cell's own content; a template's example may still name records the empty registry lacks. */
const CELL_CODES = ['INVALID_TEXT', 'INVALID_DATE', 'INVALID_NUMBER', 'INVALID_VALUE', 'UNKNOWN_CODE', 'MISSING_COLUMN', 'UNKNOWN_COLUMN', 'EXTRA_CELL'];

describe('Import templates (npm run import -- --template)', () => {
  let service: TestService;
  let dir: string;
  let written: string[];

  beforeAll(async () => {
    service = await startTestService();
    dir = mkdtempSync(join(tmpdir(), 'scoran-templates-'));
    written = await writeTemplates(dir);
  });
  afterAll(async () => {
    await service?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a French and an English workbook and one CSV per kind and language, the new kinds included', () => {
    expect(written).toEqual(
      expect.arrayContaining([
        'modele-import.xlsx',
        'import-template.xlsx',
        'csv/fr/deploiement-par-commune.csv',
        'csv/en/deployment-by-commune.csv',
        'csv/fr/reunions.csv',
        'csv/fr/presences.csv',
        'csv/fr/decisions.csv',
        'csv/en/meetings.csv',
        'csv/en/attendance.csv',
        'csv/en/decisions.csv',
        'csv/fr/comptes-rendus.csv',
        'csv/fr/votes-exprimes.csv',
        'csv/en/votes-cast.csv',
      ]),
    );
    expect(written).toHaveLength(2 + 2 * IMPORT_KINDS.length);
  });

  it('gives every kind a sheet with its headers in the language and an example row, and a notes sheet explaining every column', async () => {
    for (const [file, language] of [
      ['modele-import.xlsx', 'fr'],
      ['import-template.xlsx', 'en'],
    ] as const) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(join(dir, file));
      for (const kind of IMPORT_KINDS) {
        const sheet = workbook.getWorksheet(kind[language])!;
        expect(sheet).toBeDefined();
        expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(kind.columns.map((c) => c[language]));
        expect(sheet.rowCount).toBe(2);
      }
      const notes = workbook.getWorksheet('Notes')!;
      const explained = new Set<string>();
      notes.eachRow((row) => explained.add(`${row.getCell(1).text}|${row.getCell(2).text}|${row.getCell(3).text}`));
      for (const kind of NEW_KINDS.map((key) => IMPORT_KINDS.find((k) => k.key === key)!)) {
        for (const column of kind.columns) expect(explained).toContain(`${kind.fr}|${column.fr}|${column.en}`);
      }
    }
  });

  it('has example rows of the new kinds whose cells all read (only references to records the empty registry lacks are reported)', async () => {
    const workbook = await importFile(service.app, 'modele-import.xlsx', readFileSync(join(dir, 'modele-import.xlsx')), { principal: ADMIN });
    const sheets = NEW_KINDS.map((key) => IMPORT_KINDS.find((k) => k.key === key)!.fr);
    const ofNewKinds = workbook.problems.filter((p) => sheets.includes(p.sheet));
    expect(ofNewKinds.filter((p) => CELL_CODES.includes(p.code))).toEqual([]);
    for (const kind of NEW_KINDS.map((key) => IMPORT_KINDS.find((k) => k.key === key)!)) {
      const csv = await importFile(service.app, `${kind.en}.csv`, readFileSync(join(dir, 'csv', 'en', `${kind.en.toLowerCase().replace(/ /g, '-')}.csv`)), {
        principal: ADMIN,
      });
      expect(csv.rows).toEqual({ [kind.key]: 1 });
      expect(csv.problems.filter((p) => CELL_CODES.includes(p.code))).toEqual([]);
    }
  });
});
