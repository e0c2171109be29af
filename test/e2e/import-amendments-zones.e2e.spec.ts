import type { Principal } from '../../src/shared/principal.js';
import type { EventStore } from '../../src/event-store/event-store.js';
import { EVENT_STORE } from '../../src/event-store/event-store.module.js';
import { importFile, type ImportReport } from '../../src/import/importer.js';
import { workbookOf, type SheetData } from '../../src/import/template.js';
import { startTestService, type TestService } from './harness.js';

/**
 * Issue #19, the kinds the round trip of Pays de la Loire needed: convention amendments and their
 * signatures, convention calendars, commitment withdrawals, zones of communes, operators'
 * commitment sets and regulator quarters. Recorded through the API's mutations; bad rows reported
 * at their cells with nothing written.
 */
const ADMIN: Principal = { subject: 'person-admin', actorId: 'scoran-ledger', role: 'admin' };
const TIMEOUT = 180_000;
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const at = (report: ImportReport) => report.problems.map((p) => ({ sheet: p.sheet, cell: p.cell, code: p.code }));
const V1 = 'a'.repeat(64);
const V2 = 'b'.repeat(64);
const sign = (partyId: string, signedOn: string, documentHash?: string) => ({
  conventionId: 'cpsd-52',
  partyId,
  signatoryId: `p-${partyId}`,
  signatoryTitle: 'Représentant',
  place: 'Nantes',
  signedOn: day(signedOn),
  ...(documentHash ? { documentHash } : {}),
  ...(partyId === 'cd-44' ? { resolutionNumber: `CP-${signedOn.slice(0, 4)}`, resolutionDate: day(signedOn) } : {}),
});

const record: SheetData = {
  actors: [
    { id: 'sgar-52', kind: 'État en région', name: 'SGAR Pays de la Loire', territories: 'région 52', registeredOn: day('2014-01-06') },
    { id: 'cd-44', kind: 'Département', name: 'Loire-Atlantique', territories: 'département 44', registeredOn: day('2014-01-06') },
    { id: 'orange', kind: 'Opérateur privé', name: 'Orange', territories: 'région 52', registeredOn: day('2014-01-06') },
  ],
  conventions: [
    {
      id: 'cpsd-52',
      kind: 'CPSD',
      title: 'CPSD Pays de la Loire',
      parties: 'cd-44; orange',
      documentHash: V1,
      scope: '44109; 44184',
      calendar: '44109 : 74 200 : 31/12/2020 ; 44184 : 21000 : 30/06/2020',
      draftedOn: day('2015-04-15'),
    },
  ],
  amendments: [{ conventionId: 'cpsd-52', documentHash: V2, summary: 'Avenant n°1 : calendrier révisé', proposedBy: 'orange', proposedOn: day('2017-02-20') }],
  signatures: [sign('cd-44', '2015-05-11'), sign('orange', '2015-05-14'), sign('cd-44', '2017-03-06', V2), sign('orange', '2017-03-09', V2)],
  commitments: [
    {
      id: 'orange-etude-44',
      actorId: 'orange',
      subject: 'Étude',
      title: 'Étude de couverture',
      quantity: 1,
      unit: 'Unités',
      territories: 'département 44',
      dueDate: day('2019-12-31'),
      madeOn: day('2016-01-10'),
      withdrawnOn: day('2017-06-01'),
      withdrawalReason: 'Étude reprise par le Département',
    },
  ],
  commune_zones: [
    { communeCode: '49007', zone: 'AMII', operatorId: 'orange', effectiveFrom: day('2011-04-27'), recordedOn: day('2016-01-14') },
    { communeCode: '72003', zone: 'AMII', operatorId: 'orange', effectiveFrom: day('2011-04-27'), recordedOn: day('2016-01-14') },
    { communeCode: '72003', zone: 'RIP', effectiveFrom: day('2020-07-01'), reason: 'Réaffectation au RIP', recordedOn: day('2020-07-01') },
  ],
  operator_commitments: ['49007', '72003'].map((communeCode) => ({
    setId: 'orange-amii-52',
    reference: 'Engagements L.33-13',
    operatorId: 'orange',
    legalBasis: 'L.33-13',
    communeCode,
    premises: 6000,
    dueDate: day('2020-12-31'),
    recordedOn: day('2018-07-26'),
  })),
  regulator_figures: ['49007', '72003'].map((communeCode) => ({
    quarter: 'T3 2018',
    communeCode,
    connectable: 3000,
    premisesEstimate: 6000,
    source: 'arcep-2018-T3.csv',
    publishedOn: day('2018-12-06'),
    recordedBy: 'sgar-52',
  })),
};

const STATE = `{
  convention(id: "cpsd-52") { status currentVersion inForceVersion versions { version documentHash proposedOn } signatures { partyId signedOn } }
  commitment(id: "orange-etude-44") { status }
  operatorCommitmentSets { id madeOn }
  zoneMap(territory: { kind: REGION, code: "52" }, asOf: "2021-01-01") { communes { communeCode zone coverage { quarter connectable } } }
}`;

describe('Import of amendments, withdrawals, zones of communes, operators’ commitment sets and regulator quarters', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  }, TIMEOUT);
  afterAll(async () => {
    await service?.close();
  });

  it(
    'reports every bad row at its cell and writes nothing',
    async () => {
      const bad: SheetData = {
        ...record,
        amendments: [{ ...record.amendments![0], proposedBy: 'sgar-52' }],
        signatures: [...record.signatures!, sign('orange', '2017-03-10', 'c'.repeat(64))],
        commitments: [{ ...record.commitments![0], withdrawalReason: undefined }],
        operator_commitments: [record.operator_commitments![0], { ...record.operator_commitments![1], reference: 'Autre référence' }],
        regulator_figures: [{ ...record.regulator_figures![0], publishedOn: day('2018-09-01') }],
        conventions: [{ ...record.conventions![0], calendar: '44016 : 100 : 31/12/2020' }],
      };
      const store = service.app.get<EventStore>(EVENT_STORE, { strict: false });
      const head = await store.headPosition();
      const report = await importFile(service.app, 'bad.xlsx', await workbookOf(bad, 'fr'), { principal: ADMIN, commit: true });
      expect(report.ok).toBe(false);
      expect(at(report)).toEqual(
        expect.arrayContaining([
          { sheet: 'Conventions', cell: expect.stringMatching(/^[A-Z]+2$/) as string, code: 'INVALID_VALUE' },
          { sheet: 'Engagements', cell: expect.stringMatching(/^[A-Z]+2$/) as string, code: 'REQUIRED' },
          { sheet: 'Engagements d’opérateurs', cell: expect.stringMatching(/^B3$/) as string, code: 'INVALID_VALUE' },
          { sheet: 'Chiffres du régulateur', cell: expect.stringMatching(/^F2$/) as string, code: 'INVALID_DATE' },
        ]),
      );
      expect(await store.headPosition()).toBe(head);
      // The convention's row is refused, so its amendment and signatures say where to look first.
      const fixedConvention = await importFile(service.app, 'bad.xlsx', await workbookOf({ ...bad, conventions: record.conventions }, 'fr'), {
        principal: ADMIN,
      });
      expect(at(fixedConvention)).toEqual(
        expect.arrayContaining([
          { sheet: 'Avenants', cell: 'D2', code: 'UNKNOWN_REFERENCE' },
          { sheet: 'Signatures', cell: expect.stringMatching(/^[A-Z]+6$/) as string, code: 'UNKNOWN_REFERENCE' },
        ]),
      );
    },
    TIMEOUT,
  );

  it(
    'records them through the mutations, each at its day; a re-import is a no-op',
    async () => {
      const workbook = await workbookOf(record, 'fr');
      const report = await importFile(service.app, 'pdl.xlsx', workbook, { principal: ADMIN, commit: true });
      expect(report.problems).toEqual([]);
      expect(report.recorded).toBe(report.commands);
      const { body } = await service.graphql(STATE, {}, await service.token('sgar-52', 'commission_secretariat'));
      expect(body.errors).toBeUndefined();
      const state = body.data!;
      expect(state.convention).toMatchObject({
        status: 'IN_FORCE',
        currentVersion: 2,
        inForceVersion: 2,
        versions: [
          { version: 1, documentHash: V1 },
          { version: 2, documentHash: V2, proposedOn: '2017-02-20' },
        ],
      });
      expect(state.convention.signatures).toHaveLength(4);
      expect(state.commitment.status).toBe('WITHDRAWN');
      expect(state.operatorCommitmentSets).toEqual([{ id: 'orange-amii-52', madeOn: '2018-07-26' }]);
      // Allonnes moved to the RIP after the set was made: the chain of days kept that order.
      expect(state.zoneMap.communes).toEqual(
        expect.arrayContaining([
          { communeCode: '49007', zone: 'AMII', coverage: { quarter: '2018-Q3', connectable: 3000 } },
          expect.objectContaining({ communeCode: '72003', zone: 'RIP' }),
        ]),
      );
      const again = await importFile(service.app, 'pdl.xlsx', workbook, { principal: ADMIN, commit: true });
      expect(again).toMatchObject({ ok: true, recorded: 0 });
    },
    TIMEOUT,
  );

  it(
    'amends a convention already in the registry (from another file); one in neither the file nor the registry is reported at its cell',
    async () => {
      const V3 = 'd'.repeat(64);
      const amendment = { conventionId: 'cpsd-52', documentHash: V3, summary: 'Avenant n°2', proposedBy: 'cd-44', proposedOn: day('2019-02-01') };
      const store = service.app.get<EventStore>(EVENT_STORE, { strict: false });
      const head = await store.headPosition();
      const bad = await importFile(
        service.app,
        'avenants-faux.xlsx',
        await workbookOf(
          {
            amendments: [
              { ...amendment, conventionId: 'cpsd-inconnue' },
              { ...amendment, documentHash: V2 },
              { ...amendment, proposedBy: 'sgar-52' },
            ],
          },
          'fr',
        ),
        { principal: ADMIN },
      );
      expect(at(bad)).toEqual([
        { sheet: 'Avenants', cell: 'A2', code: 'UNKNOWN_REFERENCE' },
        { sheet: 'Avenants', cell: 'B3', code: 'DUPLICATE_ID' },
        { sheet: 'Avenants', cell: 'D4', code: 'UNKNOWN_REFERENCE' },
      ]);
      expect(bad.problems[0].message).toBe('La convention « cpsd-inconnue » n’existe ni dans la feuille Conventions ni dans le registre.');
      expect(await store.headPosition()).toBe(head);

      // Its signatures in the same file sign the amendment without repeating its hash.
      const workbook = await workbookOf({ amendments: [amendment], signatures: [sign('cd-44', '2019-03-04'), sign('orange', '2019-03-06')] }, 'fr');
      const dry = await importFile(service.app, 'avenant-2.xlsx', workbook, { principal: ADMIN });
      expect(dry).toMatchObject({ ok: true, problems: [] });
      const report = await importFile(service.app, 'avenant-2.xlsx', workbook, { principal: ADMIN, commit: true });
      expect(report).toMatchObject({ ok: true, problems: [], recorded: 3 });
      const { body } = await service.graphql(STATE, {}, await service.token('sgar-52', 'commission_secretariat'));
      expect(body.data!.convention).toMatchObject({
        status: 'IN_FORCE',
        inForceVersion: 3,
        versions: [{ version: 1 }, { version: 2 }, { version: 3, documentHash: V3, proposedOn: '2019-02-01' }],
      });
      const again = await importFile(service.app, 'avenant-2.xlsx', workbook, { principal: ADMIN, commit: true });
      expect(again).toMatchObject({ ok: true, recorded: 0, alreadyRecorded: 3 });
    },
    TIMEOUT,
  );
  it(
    'records a commitment stemming from a convention of the registry; an unknown convention, or a committing actor not its party, is reported at its cell',
    async () => {
      const commitment = {
        id: 'orange-cpsd-44109',
        actorId: 'orange',
        subject: 'Couverture fixe',
        title: 'Rendre raccordables les locaux de 44109',
        quantity: 74200,
        unit: 'Locaux FttH',
        territories: 'commune 44109',
        dueDate: day('2020-12-31'),
        madeOn: day('2015-06-01'),
        conventionId: 'cpsd-52',
      };
      const store = service.app.get<EventStore>(EVENT_STORE, { strict: false });
      const head = await store.headPosition();
      const bad = await importFile(
        service.app,
        'engagements-faux.xlsx',
        await workbookOf(
          {
            commitments: [
              { ...commitment, conventionId: 'cpsd-inconnue' },
              { ...commitment, id: 'sgar-cpsd-44109', actorId: 'sgar-52' },
            ],
          },
          'fr',
        ),
        { principal: ADMIN },
      );
      expect(bad.problems.map((p) => ({ sheet: p.sheet, row: p.row, column: p.column, code: p.code }))).toEqual([
        { sheet: 'Engagements', row: 2, column: 'Convention d’origine', code: 'UNKNOWN_REFERENCE' },
        { sheet: 'Engagements', row: 3, column: 'Convention d’origine', code: 'INVALID_VALUE' },
      ]);
      expect(bad.problems[1].message).toContain('« sgar-52 » n’est pas partie à la convention « cpsd-52 »');
      expect(await store.headPosition()).toBe(head);

      const report = await importFile(service.app, 'engagements.xlsx', await workbookOf({ commitments: [commitment] }, 'fr'), {
        principal: ADMIN,
        commit: true,
      });
      expect(report).toMatchObject({ ok: true, problems: [] });
      const { body } = await service.graphql(
        '{ commitment(id: "orange-cpsd-44109") { stemsFrom { kind conventionId } } }',
        {},
        await service.token('sgar-52', 'commission_secretariat'),
      );
      expect(body.data!.commitment).toEqual({ stemsFrom: { kind: 'CONVENTION', conventionId: 'cpsd-52' } });
    },
    TIMEOUT,
  );
});
