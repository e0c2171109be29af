import { sampleRegion } from '../../bench/import-data.js';
import type { Principal } from '../../src/shared/principal.js';
import type { EventStore, RecordedEvent } from '../../src/event-store/event-store.js';
import { EVENT_STORE } from '../../src/event-store/event-store.module.js';
import { kindByKey } from '../../src/import/import-kinds.js';
import { importFile, ImportRefused, type ImportReport } from '../../src/import/importer.js';
import { csvOf, workbookOf, type SheetData } from '../../src/import/template.js';
import { startTestService, type TestService } from './harness.js';

const ADMIN: Principal = { subject: 'person-admin', actorId: 'scoran-ledger', role: 'admin' };
const TIMEOUT = 180_000;

const COUNTS = `{
  actors(first: 1) { totalCount }
  conventions(first: 1, filter: { statuses: [IN_FORCE] }) { totalCount }
  commitments(first: 1) { totalCount }
  networkProjects(first: 1) { totalCount }
  usageProjects(first: 1) { totalCount }
  whiteZones(first: 1) { totalCount }
}`;

async function allEvents(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let after = 0n;
  for (;;) {
    const page = await store.readAll({ after, limit: 1000 });
    events.push(...page.events);
    after = page.lastPosition;
    if (page.isEnd) return events;
  }
}

const storeOf = (service: TestService) => service.app.get<EventStore>(EVENT_STORE, { strict: false });
const problemsAt = (report: ImportReport) => report.problems.map((p) => ({ sheet: p.sheet, cell: p.cell, code: p.code }));

describe('Import of a region’s record from spreadsheets', () => {
  const data = sampleRegion(1);
  const rows = Object.values(data).reduce((n, sheet) => n + sheet.length, 0);
  let workbook: Buffer;
  let service: TestService;

  beforeAll(async () => {
    workbook = await workbookOf(data, 'fr');
    service = await startTestService();
  }, TIMEOUT);

  afterAll(async () => {
    await service?.close();
  });

  it('uses a few hundred rows across every kind it imports', () => {
    expect(rows).toBeGreaterThan(300);
    expect(Object.keys(data)).toHaveLength(10);
  });

  it('reports every kind of bad row at its cell, and writes nothing', async () => {
    // A copy row by row (structuredClone would make Dates of another realm, which ExcelJS does not recognise).
    const bad: SheetData = Object.fromEntries(Object.entries(data).map(([kind, sheet]) => [kind, sheet.map((row) => ({ ...row }))]));
    bad.actors![2].territories = 'commune 99999'; // unknown official code (row 4, column E)
    bad.conventions![0].parties = 'cd-44; region-52; personne'; // dangling reference (row 2, D)
    bad.signatures![4].signedOn = new Date('2099-01-01T00:00:00Z'); // date in the future (row 6, F)
    bad.commitments![5].id = 'eng-00001'; // duplicate id (row 7, A)
    bad.commitments![6].unit = 'bananes'; // wrong enum (row 8, F)
    bad.progress![0].value = '12,5,3'; // not a number (row 2, B)
    bad.white_zones![1].identifiedOn = '31/02/2018'; // not in the calendar (row 3, I)
    bad.network_projects![0].leadActorId = 'orange'; // an operator cannot lead a RIP (row 2, C)
    const report = await importFile(service.app, 'mauvais.xlsx', await workbookOf(bad, 'fr'), { principal: ADMIN, commit: true });

    expect(report.ok).toBe(false);
    expect(problemsAt(report)).toEqual(
      expect.arrayContaining([
        { sheet: 'Acteurs', cell: 'E4', code: 'UNKNOWN_CODE' },
        { sheet: 'Conventions', cell: 'D2', code: 'UNKNOWN_REFERENCE' },
        { sheet: 'Signatures', cell: 'F6', code: 'INVALID_DATE' },
        { sheet: 'Engagements', cell: 'A7', code: 'DUPLICATE_ID' },
        { sheet: 'Engagements', cell: 'F8', code: 'INVALID_VALUE' },
        { sheet: 'Avancement', cell: 'B2', code: 'INVALID_NUMBER' },
        { sheet: 'Zones blanches', cell: 'I3', code: 'INVALID_DATE' },
        { sheet: 'Projets réseau', cell: 'C2', code: 'INVALID_VALUE' },
      ]),
    );
    // cd-44's own row (Acteurs, row 4) has the problem: the convention naming it says so, not "unknown".
    const parties = report.problems.find((p) => p.sheet === 'Conventions' && p.cell === 'D2')!.message;
    expect(parties).toContain('« cd-44 » est dans la feuille Acteurs, mais sa ligne a un problème');
    expect(parties).toContain('Partie inconnue : personne');
    const future = report.problems.find((p) => p.cell === 'F6')!;
    expect(future.message).toContain('01/01/2099');
    expect(future.column).toBe('Date de signature');
    expect(report.problems.find((p) => p.cell === 'F8')!.message).toMatch(/bananes.*Locaux FttH/);
    expect(report.recorded).toBe(0);
    expect(await storeOf(service).headPosition()).toBe(0n);
  });

  it('refuses a file whose sheets or columns it does not know, naming them', async () => {
    const csv = Buffer.from('\uFEFFIdentifiant;Type;Couleur\r\nx;Région;bleu\r\n');
    const unknownColumn = await importFile(service.app, 'acteurs.csv', csv, { principal: ADMIN });
    expect(unknownColumn.problems.map((p) => p.code).sort()).toEqual(['MISSING_COLUMN', 'MISSING_COLUMN', 'UNKNOWN_COLUMN']);
    expect(unknownColumn.problems.find((p) => p.code === 'UNKNOWN_COLUMN')!.cell).toBe('C1');
    const unknownFile = await importFile(service.app, 'divers.csv', csv, { principal: ADMIN });
    expect(unknownFile.problems[0].code).toBe('UNKNOWN_SHEET');
    await expect(importFile(service.app, 'x.xlsx', workbook, { principal: { ...ADMIN, role: 'commission_secretariat' } })).rejects.toThrow(ImportRefused);
  });

  it('dry run by default: every row validated, nothing written', async () => {
    const report = await importFile(service.app, 'region.xlsx', workbook, { principal: ADMIN });
    expect(report).toMatchObject({ mode: 'dry-run', ok: true, recorded: 0, alreadyRecorded: 0, problems: [] });
    expect(report.rows).toMatchObject({
      actors: 11,
      conventions: 10,
      signatures: 30,
      commitments: 40,
      progress: 120,
      usage_projects: 2,
      milestones: 69,
      white_zones: 30,
    });
    expect(report.commands).toBeGreaterThan(rows);
    expect(await storeOf(service).headPosition()).toBe(0n);
  });

  it(
    'commits every row through the API, each event naming its batch, and a re-import is a no-op',
    async () => {
      const progress: number[] = [];
      const report = await importFile(service.app, 'region.xlsx', workbook, { principal: ADMIN, commit: true, onProgress: (done) => progress.push(done) });
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.recorded).toBe(report.commands);
      expect(progress.at(-1)).toBe(report.commands);

      const { body } = await service.graphql(COUNTS);
      expect(body.data).toEqual({
        actors: { totalCount: 11 },
        conventions: { totalCount: 10 },
        commitments: { totalCount: 40 },
        networkProjects: { totalCount: 5 },
        usageProjects: { totalCount: 2 },
        whiteZones: { totalCount: 30 },
      });

      const events = await allEvents(storeOf(service));
      const fromImport = events.filter((e) => e.metadata.source === 'import');
      // Follow-ups the service adds by itself (none here) would not carry the batch; every act does.
      expect(fromImport.length).toBe(events.length);
      const signature = events.find((e) => e.type === 'ConventionSigned')!;
      expect(signature.metadata.importBatch).toEqual({
        batchId: report.batchId,
        fileName: 'region.xlsx',
        fileHash: report.fileHash,
        sheet: 'Signatures',
        row: 2,
        importedBy: 'person-admin',
      });
      expect(signature.metadata.principal).toBe('import:person-admin');
      expect(signature.metadata.occurredAt.slice(0, 10)).toBe(
        data.signatures![0].signedOn instanceof Date ? data.signatures![0].signedOn.toISOString().slice(0, 10) : '',
      );

      const head = await storeOf(service).headPosition();
      const again = await importFile(service.app, 'copie-du-meme-fichier.xlsx', workbook, { principal: ADMIN, commit: true });
      expect(again).toMatchObject({ ok: true, recorded: 0, alreadyRecorded: report.commands, problems: [] });
      expect(await storeOf(service).headPosition()).toBe(head);
    },
    TIMEOUT,
  );

  it(
    'imports French Excel CSVs (";", BOM, decimal commas) referring to records already in the registry',
    async () => {
      const commitments = [0, 1, 2].map((i) => ({ ...data.commitments![3], id: `csv-${i}`, quantity: 62.5 + i, fulfilledOn: undefined }));
      const csv = csvOf(kindByKey('commitments'), commitments, 'fr');
      expect(csv.startsWith('\uFEFFIdentifiant;')).toBe(true);
      expect(csv).toContain(';62,5;');
      const made = await importFile(service.app, 'engagements.csv', Buffer.from(csv), { principal: ADMIN, commit: true });
      expect(made.problems).toEqual([]);
      const progress = csvOf(
        kindByKey('progress'),
        [{ commitmentId: 'csv-0', value: 21.75, asOf: new Date('2017-01-15T00:00:00Z'), source: 'Données du régulateur' }],
        'fr',
      );
      const reported = await importFile(service.app, 'avancement.csv', Buffer.from(progress), { principal: ADMIN, commit: true });
      expect(reported.problems).toEqual([]);
      const { body } = await service.graphql(`{ commitment(id: "csv-0") { target { quantity unit } progress { value source } } }`);
      expect(body.data!.commitment).toEqual({ target: { quantity: 62.5, unit: 'PERCENT' }, progress: [{ value: 21.75, source: 'REGULATOR_DATA' }] });
    },
    TIMEOUT,
  );
});

describe('An interrupted import', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  }, TIMEOUT);
  afterAll(async () => {
    await service?.close();
  });

  it(
    'is completed by a re-run, without duplicates',
    async () => {
      const workbook = await workbookOf(sampleRegion(1), 'en');
      await expect(
        importFile(service.app, 'region.xlsx', workbook, {
          principal: ADMIN,
          commit: true,
          // Without the rehearsal, rows go to the log one mutation at a time (the path a re-run takes
          // when the log moved under it): the cut falls between two of them.
          rehearse: false,
          onProgress: (done) => {
            if (done === 150) throw new Error('power cut');
          },
        }),
      ).rejects.toThrow('power cut');
      const partial = await allEvents(storeOf(service));
      expect(partial.length).toBeGreaterThan(0);

      const rerun = await importFile(service.app, 'region.xlsx', workbook, { principal: ADMIN, commit: true });
      expect(rerun.ok).toBe(true);
      // The rows in flight when it stopped (up to 16 records at a time) finished; the rest is recorded now.
      expect(rerun.alreadyRecorded).toBeGreaterThanOrEqual(150);
      expect(rerun.alreadyRecorded).toBeLessThan(170);
      expect(rerun.recorded).toBe(rerun.commands - rerun.alreadyRecorded);
      const events = await allEvents(storeOf(service));
      expect(new Set(events.map((e) => e.metadata.commandId)).size).toBe(rerun.commands);
      const { body } = await service.graphql(COUNTS);
      expect(body.data).toMatchObject({ actors: { totalCount: 11 }, commitments: { totalCount: 40 }, whiteZones: { totalCount: 30 } });
    },
    TIMEOUT,
  );

  it(
    'is refused whole when a rule only the deciders know fails (rehearsed on a scratch copy first)',
    async () => {
      const head = await storeOf(service).headPosition();
      const data: SheetData = {
        indicators: [
          { projectId: 'rip-44', asOf: new Date('2021-06-30T00:00:00Z'), ftthPremisesBuilt: 60_000 },
          // Lower than the previous report without a reason: only the network-project decider knows.
          { projectId: 'rip-44', asOf: new Date('2021-12-31T00:00:00Z'), ftthPremisesBuilt: 10 },
        ],
      };
      const report = await importFile(service.app, 'indicateurs.xlsx', await workbookOf(data, 'fr'), { principal: ADMIN, commit: true });
      expect(report.ok).toBe(false);
      expect(report.problems).toHaveLength(1);
      expect(report.problems[0]).toMatchObject({ sheet: 'Indicateurs', row: 3 });
      expect(report.problems[0].message).toContain('Rien n’a été écrit');
      expect(await storeOf(service).headPosition()).toBe(head);
    },
    TIMEOUT,
  );

  it(
    'appends the rehearsed events as they are, or decides every row again when the log moved after the rehearsal copied it',
    async () => {
      const zones = (prefix: string): SheetData => ({
        white_zones: sampleRegion(1)
          .white_zones!.slice(0, 12)
          .map((zone, i) => ({ ...zone, id: `${prefix}-${i}` })),
      });
      const progress: { done: number; phase: string }[] = [];
      let phase = '';
      const report = await importFile(service.app, 'zones-a.xlsx', await workbookOf(zones('moved-a'), 'fr'), {
        principal: ADMIN,
        commit: true,
        onPhase: (p) => (phase = p),
        onProgress: (done) => progress.push({ done, phase }),
        // Another import lands between the rehearsal and the append: the copy the rehearsal decided on is stale.
        onRehearsed: async () => {
          const other = await importFile(service.app, 'zones-b.xlsx', await workbookOf(zones('moved-b'), 'fr'), { principal: ADMIN, commit: true });
          expect(other).toMatchObject({ ok: true, recorded: other.commands });
        },
      });
      expect(report).toMatchObject({ ok: true, problems: [], recorded: report.commands });
      // Recorded through the command path, one row after the other, not appended at once.
      expect(progress.filter((p) => p.phase === 'recording').map((p) => p.done)).toEqual(Array.from({ length: report.commands }, (_, i) => i + 1));
      const events = await allEvents(storeOf(service));
      const ofA = events.filter((e) => e.metadata.importBatch?.batchId === report.batchId);
      expect(new Set(ofA.map((e) => e.metadata.commandId)).size).toBe(report.commands);
      const { body } = await service.graphql('{ a: whiteZone(id: "moved-a-11") { id } b: whiteZone(id: "moved-b-11") { id } }');
      expect(body.data).toEqual({ a: { id: 'moved-a-11' }, b: { id: 'moved-b-11' } });
    },
    TIMEOUT,
  );
});
