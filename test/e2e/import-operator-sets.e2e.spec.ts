import type { Principal } from '../../src/shared/principal.js';
import type { EventStore } from '../../src/event-store/event-store.js';
import { EVENT_STORE } from '../../src/event-store/event-store.module.js';
import { importFile, type ImportReport } from '../../src/import/importer.js';
import { workbookOf, type SheetData } from '../../src/import/template.js';
import { startTestService, type TestService } from './harness.js';

/**
 * Issue #19: amendments of operators' commitment sets and the progress operators declare on them,
 * from the file's own sets or from sets already in the registry; recorded through
 * amendOperatorCommitments and reportCommitmentProgress in the order of their days.
 */
const ADMIN: Principal = { subject: 'person-admin', actorId: 'scoran-ledger', role: 'admin' };
const TIMEOUT = 180_000;
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const at = (report: ImportReport) => report.problems.map((p) => ({ sheet: p.sheet, cell: p.cell, code: p.code }));

const base: SheetData = {
  actors: [{ id: 'orange', kind: 'Opérateur privé', name: 'Orange', territories: 'région 52', registeredOn: day('2014-01-06') }],
  commune_zones: ['49007', '72181', '53130'].map((communeCode) => ({
    communeCode,
    zone: 'AMII',
    operatorId: 'orange',
    effectiveFrom: day('2011-04-27'),
    recordedOn: day('2016-01-14'),
  })),
  operator_commitments: ['49007', '72181', '53130'].map((communeCode) => ({
    setId: 'orange-amii-52',
    reference: 'Engagements L.33-13',
    operatorId: 'orange',
    legalBasis: 'L.33-13',
    communeCode,
    premises: 6000,
    dueDate: day('2020-12-31'),
    recordedOn: day('2018-07-26'),
  })),
};
const amendment = { setId: 'orange-amii-52', reason: 'Avenant n°1', amendedOn: day('2019-11-15') };

const STATE = `{
  operatorCommitmentSet(id: "orange-amii-52") { communes { communeCode premises dueDate ended commitmentId } }
}`;

describe('Import of amendments of operators’ commitment sets and of the progress declared on them', () => {
  let service: TestService;
  const storeOf = () => service.app.get<EventStore>(EVENT_STORE, { strict: false });
  beforeAll(async () => {
    service = await startTestService();
  }, TIMEOUT);
  afterAll(async () => {
    await service?.close();
  });

  it('reports every bad row at its cell and writes nothing', async () => {
    const bad: SheetData = {
      ...base,
      operator_amendments: [
        { ...amendment, communeCode: '49007' }, // neither new figures nor withdrawn (row 2, C)
        { ...amendment, communeCode: '44109', premises: 100 }, // not in the set (row 3, B)
        { ...amendment, setId: 'autre-lot', communeCode: '49007', premises: 100 }, // no such set (row 4, A)
        { ...amendment, communeCode: '72181', premises: 100, withdrawn: 'oui' }, // both (row 5, E)
        { ...amendment, communeCode: '53130', dueDate: day('2019-01-01') }, // new due date before the amendment (row 6, D)
      ],
      operator_progress: [
        { setId: 'orange-amii-52', communeCode: '49007', value: 100, asOf: day('2017-01-01'), source: 'Déclaré' }, // before the set (row 2, D)
        { setId: 'orange-amii-52', communeCode: '49007', value: 100, asOf: day('2019-01-01'), source: 'Données du régulateur' }, // not this sheet's (row 3, E)
      ],
    };
    const report = await importFile(service.app, 'lots-faux.xlsx', await workbookOf(bad, 'fr'), { principal: ADMIN });
    expect(at(report)).toEqual([
      { sheet: 'Avenants opérateurs', cell: 'C2', code: 'REQUIRED' },
      { sheet: 'Avenants opérateurs', cell: 'B3', code: 'UNKNOWN_REFERENCE' },
      { sheet: 'Avenants opérateurs', cell: 'A4', code: 'UNKNOWN_REFERENCE' },
      { sheet: 'Avenants opérateurs', cell: 'E5', code: 'INVALID_VALUE' },
      { sheet: 'Avenants opérateurs', cell: 'D6', code: 'INVALID_DATE' },
      { sheet: 'Avancement opérateurs', cell: 'D2', code: 'INVALID_DATE' },
      { sheet: 'Avancement opérateurs', cell: 'E3', code: 'INVALID_VALUE' },
    ]);
    expect(report.problems[2].message).toBe('Le lot « autre-lot » n’existe ni dans la feuille Engagements d’opérateurs ni dans le registre.');
    expect(await storeOf().headPosition()).toBe(0n);
  });

  it(
    'records a set, its amendment (rows of one day and reason together) and declared progress; then amends the recorded set from another file',
    async () => {
      const file: SheetData = {
        ...base,
        operator_amendments: [
          { ...amendment, communeCode: '49007', premises: 6500 },
          { ...amendment, communeCode: '53130', withdrawn: 'oui' },
        ],
        operator_progress: [
          { setId: 'orange-amii-52', communeCode: '49007', value: 3100, asOf: day('2019-06-30'), source: 'Déclaré', reportedOn: day('2019-07-15') },
          { setId: 'orange-amii-52', communeCode: '72181', value: 2000, asOf: day('2020-03-31'), source: 'Données opérateur' },
        ],
      };
      const workbook = await workbookOf(file, 'fr');
      const report = await importFile(service.app, 'lots.xlsx', workbook, { principal: ADMIN, commit: true });
      expect(report.problems).toEqual([]);
      expect(report).toMatchObject({ ok: true, recorded: report.commands });
      // The operator, the zones (3), the set, one amendment for both rows, two progress reports.
      expect(report.commands).toBe(8);
      const { body } = await service.graphql(STATE);
      expect(body.errors).toBeUndefined();
      const communes = body.data!.operatorCommitmentSet.communes as { communeCode: string; premises: number; ended: string | null; commitmentId: string }[];
      expect(communes.map(({ communeCode, premises, ended }) => ({ communeCode, premises, ended }))).toEqual([
        { communeCode: '49007', premises: 6500, ended: null },
        { communeCode: '53130', premises: 6000, ended: 'WITHDRAWN_BY_AMENDMENT' },
        { communeCode: '72181', premises: 6000, ended: null },
      ]);
      const angers = communes.find((c) => c.communeCode === '49007')!.commitmentId;
      const commitment = await service.graphql(`{ commitment(id: "${angers}") { status target { quantity } progress { value asOf source } } }`);
      expect(commitment.body.data!.commitment).toEqual({
        status: 'ACTIVE',
        target: { quantity: 6500 },
        progress: [{ value: 3100, asOf: '2019-06-30', source: 'DECLARED' }],
      });
      expect(await importFile(service.app, 'lots.xlsx', workbook, { principal: ADMIN, commit: true })).toMatchObject({ ok: true, recorded: 0 });

      // A later file amends the set now in the registry, and declares progress on it.
      const later: SheetData = {
        operator_amendments: [{ setId: 'orange-amii-52', communeCode: '72181', premises: 6200, reason: 'Avenant n°2', amendedOn: day('2020-05-04') }],
        operator_progress: [{ setId: 'orange-amii-52', communeCode: '72181', value: 2500, asOf: day('2020-06-30'), source: 'Déclaré' }],
      };
      const next = await importFile(service.app, 'lots-2020.xlsx', await workbookOf(later, 'fr'), { principal: ADMIN, commit: true });
      expect(next).toMatchObject({ ok: true, problems: [], recorded: 2 });
      const after = await service.graphql(STATE);
      expect(after.body.data!.operatorCommitmentSet.communes.find((c: { communeCode: string }) => c.communeCode === '72181')).toMatchObject({
        premises: 6200,
      });
    },
    TIMEOUT,
  );
});
