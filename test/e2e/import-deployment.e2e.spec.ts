import ExcelJS from 'exceljs';
import { sampleRegion } from '../../bench/import-data.js';
import type { Principal } from '../../src/shared/principal.js';
import type { EventStore } from '../../src/event-store/event-store.js';
import { EVENT_STORE } from '../../src/event-store/event-store.module.js';
import { ARCEP_PRESET, deploymentMapping, InvalidMapping } from '../../src/import/deployment-mapping.js';
import { importFile, type ImportReport } from '../../src/import/importer.js';
import { workbookOf } from '../../src/import/template.js';
import { codesOf, registerPrincipals, startTestService, type TestService } from './harness.js';

const ADMIN: Principal = { subject: 'person-admin', actorId: 'scoran-ledger', role: 'admin' };
const TIMEOUT = 180_000;
const HISTORY = `query($id: ID!) { networkProject(id: $id) { indicatorHistory { asOf ftthPremisesPlanned ftthPremisesConnectable ftthPremisesConnected source reason } } }`;

const storeOf = (service: TestService) => service.app.get<EventStore>(EVENT_STORE, { strict: false });
const at = (report: ImportReport, list: 'problems' | 'notices' = 'problems') => report[list].map((p) => ({ cell: p.cell, code: p.code }));

/** The regulator's per-commune file as a French Excel writes it: BOM, ';', spaces in thousands. */
const arcepCsv = (lines: string[]) =>
  Buffer.from(`\uFEFFcode_commune;nom_commune;meilleure_estimation_des_locaux;locaux_raccordables;trimestre\r\n${lines.join('\r\n')}\r\n`);

async function operatorWorkbook(rows: (string | number | Date)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Lisez-moi').addRow(['Export du système d’information de l’opérateur']);
  const sheet = workbook.addWorksheet('Export');
  sheet.addRow(['INSEE', 'Réseau', 'Date', 'Prises raccordables', 'Clients FttH', 'Commentaire']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('Deployment figures by commune from an operator’s or the regulator’s file', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
    const data = sampleRegion(1);
    // Five projects, one per département (rip-44 … rip-85), and one more over Maine-et-Loire and Mayenne.
    const projects = [
      ...data.network_projects!,
      {
        id: 'rip-loire',
        name: 'Réseau Loire-Mayenne',
        leadActorId: 'cd-49',
        departements: '49; 53',
        technologies: 'FttH',
        registeredOn: new Date('2015-01-05T00:00:00Z'),
      },
    ];
    const base = await importFile(service.app, 'base.xlsx', await workbookOf({ actors: data.actors, network_projects: projects }, 'fr'), {
      principal: ADMIN,
      commit: true,
    });
    if (!base.ok) throw new Error(JSON.stringify(base.problems));
  }, TIMEOUT);
  afterAll(async () => {
    await service?.close();
  });

  it(
    'sums the regulator’s file (Arcep preset) by project as REGULATOR_DATA; communes outside the region’s projects are reported, not recorded',
    async () => {
      const file = arcepCsv([
        '44016;Bouguenais;30 000;12 500;T3 2021',
        '44019;Carquefou;20000;7500;T3 2021',
        '85005;Aizenay;15000;15000;T3 2021',
        '49008;Angers;8000;100;T3 2021',
        '75056;Paris;1 400 000;1 390 000;T3 2021',
      ]);
      const head = await storeOf(service).headPosition();
      const dry = await importFile(service.app, 'arcep-2021-T3.csv', file, { principal: ADMIN, mapping: ARCEP_PRESET });
      expect(dry).toMatchObject({ ok: true, commands: 2, recorded: 0, problems: [], rows: { deployment: 5 } });
      expect(at(dry, 'notices')).toEqual([
        { cell: 'A5', code: 'OUTSIDE_PROJECTS' },
        { cell: 'A6', code: 'OUTSIDE_PROJECTS' },
      ]);
      expect(dry.notices[0].message).toMatch(/plusieurs projets \(rip-49, rip-loire\)/);
      expect(dry.notices[1].message).toMatch(/75056 n’est dans aucun projet réseau/);
      expect(await storeOf(service).headPosition()).toBe(head);

      const done = await importFile(service.app, 'arcep-2021-T3.csv', file, { principal: ADMIN, mapping: ARCEP_PRESET, commit: true });
      expect(done).toMatchObject({ ok: true, recorded: 2, notices: dry.notices });
      const { body } = await service.graphql(HISTORY, { id: 'rip-44' });
      expect(body.data!.networkProject.indicatorHistory).toEqual([
        {
          asOf: '2021-09-30',
          ftthPremisesPlanned: 50_000,
          ftthPremisesConnectable: 20_000,
          ftthPremisesConnected: null,
          source: 'REGULATOR_DATA',
          reason: 'Somme par commune des données du régulateur (2 commune(s)), fichier « arcep-2021-T3.csv ».',
        },
      ]);
      const again = await importFile(service.app, 'arcep-2021-T3-copie.csv', file, { principal: ADMIN, mapping: ARCEP_PRESET, commit: true });
      expect(again).toMatchObject({ ok: true, recorded: 0, alreadyRecorded: 2 });
    },
    TIMEOUT,
  );

  it(
    'reads an operator’s workbook through a mapping of its own headers, with the project named in the file',
    async () => {
      const mapping = deploymentMapping({
        json: {
          columns: {
            communeCode: ['INSEE'],
            projectId: 'Réseau',
            asOf: ['Date'],
            ftthPremisesConnectable: ['Prises raccordables'],
            ftthPremisesConnected: ['Clients FttH'],
          },
          values: { source: 'operator_data' },
          sheet: 'Export',
        },
      });
      const workbook = await operatorWorkbook([
        [49008, 'rip-49', new Date('2021-09-30T00:00:00Z'), 900, 120],
        ['49009', 'rip-49', '30/09/2021', '1 100', 80],
      ]);
      const done = await importFile(service.app, 'operateur-T3.xlsx', workbook, { principal: ADMIN, mapping, commit: true });
      expect(done).toMatchObject({ ok: true, recorded: 1, problems: [], notices: [] });
      const { body } = await service.graphql(HISTORY, { id: 'rip-49' });
      expect(body.data!.networkProject.indicatorHistory).toMatchObject([
        { asOf: '2021-09-30', ftthPremisesConnectable: 2000, ftthPremisesConnected: 200, ftthPremisesPlanned: null, source: 'OPERATOR_DATA' },
      ]);
    },
    TIMEOUT,
  );

  it(
    'reports every bad row at its cell, in French, and writes nothing',
    async () => {
      const head = await storeOf(service).headPosition();
      const file = arcepCsv([
        '99999;Nulle part;100;10;T3 2021',
        '44031;Couëron;100;10;T5 2021',
        '44039;Le Croisic;beaucoup;10;T3 2021',
        '85009;Aubigny;100;10;2099-T1',
      ]);
      const report = await importFile(service.app, 'arcep-faux.csv', file, { principal: ADMIN, mapping: ARCEP_PRESET, commit: true });
      expect(report.ok).toBe(false);
      expect(at(report)).toEqual([
        { cell: 'A2', code: 'UNKNOWN_CODE' },
        { cell: 'E3', code: 'INVALID_DATE' },
        { cell: 'C4', code: 'INVALID_NUMBER' },
        { cell: 'E5', code: 'INVALID_DATE' },
      ]);
      expect(report.problems[3].message).toMatch(/n’est pas terminé/);

      // The template's own sheet, without a mapping: more connected than connectable, a commune counted twice.
      const sheet = await workbookOf(
        {
          deployment: [
            {
              communeCode: '72002',
              asOf: new Date('2021-06-30T00:00:00Z'),
              source: 'Données opérateur',
              ftthPremisesConnectable: 10,
              ftthPremisesConnected: 11,
            },
            { communeCode: '72004', asOf: new Date('2021-06-30T00:00:00Z'), source: 'Données opérateur', ftthPremisesConnectable: 10 },
            { communeCode: '72004', asOf: new Date('2021-06-30T00:00:00Z'), source: 'Données opérateur', ftthPremisesConnectable: 12 },
            { communeCode: '72005', source: 'Données opérateur', ftthPremisesConnectable: 12 },
          ],
        },
        'en',
      );
      const template = await importFile(service.app, 'deploiement.xlsx', sheet, { principal: ADMIN, commit: true });
      expect(at(template)).toEqual([
        { cell: 'H2', code: 'INVALID_NUMBER' },
        { cell: 'A4', code: 'DUPLICATE_ID' },
        { cell: 'C5', code: 'REQUIRED' },
      ]);
      expect(await storeOf(service).headPosition()).toBe(head);
    },
    TIMEOUT,
  );

  it(
    'refuses the whole file, writing nothing, when the figures break a rule only the decider knows',
    async () => {
      const head = await storeOf(service).headPosition();
      // rip-44 has a report as of 2021-09-30: a regulator file of an earlier quarter cannot follow it.
      const report = await importFile(service.app, 'arcep-2021-T2.csv', arcepCsv(['44016;Bouguenais;30000;12000;T2 2021']), {
        principal: ADMIN,
        mapping: ARCEP_PRESET,
        commit: true,
      });
      expect(report).toMatchObject({ ok: false, recorded: 0, problems: [{ sheet: 'arcep-2021-T2.csv', row: 2, code: 'BAD_USER_INPUT' }] });
      expect(report.problems[0].message).toMatch(
        /Une déclaration au 30\/09\/2021 existe : une nouvelle déclaration ne peut pas être datée d’avant.*Rien n’a été écrit/,
      );
      expect(await storeOf(service).headPosition()).toBe(head);
    },
    TIMEOUT,
  );

  it(
    'refuses a mapping it cannot use with a typed error in French, and a file without the mapped columns at its header',
    async () => {
      expect(() => deploymentMapping({ preset: 'ofcom' })).toThrow(new InvalidMapping('Correspondance prédéfinie « ofcom » inconnue ; prédéfinies : arcep.'));
      expect(() => deploymentMapping({ json: { columns: { communeCode: 'INSEE', premises: 'Prises' } } })).toThrow(/Colonne « premises » inconnue/);
      expect(() => deploymentMapping({ json: { columns: { ftthPremisesConnected: 'Clients' } } })).toThrow(/code commune/);
      expect(() => deploymentMapping({ preset: 'arcep', quarter: 'automne 2021' })).toThrow(/n’est pas un trimestre/);
      expect(() => deploymentMapping({ preset: 'arcep', source: 'rumeur' })).toThrow(/Source « rumeur » inconnue/);
      const report = await importFile(service.app, 'autre.csv', Buffer.from('ville;prises\n44016;10\n'), { principal: ADMIN, mapping: ARCEP_PRESET });
      expect(report.problems.map((p) => p.code)).toEqual(['MISSING_COLUMN']);
      expect(report.problems[0].message).toMatch(/Code commune.*code_commune/);
    },
    TIMEOUT,
  );

  it(
    'over GraphQL: the preset, the quarter given for a file without one, the notices; a bad mapping is BAD_USER_INPUT',
    async () => {
      const admin = await service.token('scoran-ledger', 'admin');
      await registerPrincipals(service, 'scoran-ledger');
      const IMPORT = `mutation($input: ImportFileInput!) { importSpreadsheet(input: $input) { ok commands recorded problems { cell code } notices { cell code message } } }`;
      const csv = Buffer.from('code_commune,locaux_raccordables,meilleure_estimation_des_locaux\n85010,500,900\n13055,1,1\n').toString('base64');
      const head = await storeOf(service).headPosition();
      const bad = await service.graphql(IMPORT, { input: { fileName: 'arcep.csv', contentBase64: csv, deploymentMapping: { preset: 'ofcom' } } }, admin);
      expect(codesOf(bad)).toEqual(['BAD_USER_INPUT']);
      const badColumns = await service.graphql(
        IMPORT,
        { input: { fileName: 'arcep.csv', contentBase64: csv, deploymentMapping: { preset: 'arcep', columns: { premises: ['x'] } } } },
        admin,
      );
      expect(codesOf(badColumns)).toEqual(['BAD_USER_INPUT']);
      expect(await storeOf(service).headPosition()).toBe(head);
      const done = await service.graphql(
        IMPORT,
        { input: { fileName: 'arcep.csv', contentBase64: csv, commit: true, deploymentMapping: { preset: 'arcep', quarter: '2021-T4' } } },
        admin,
      );
      expect(done.body.errors).toBeUndefined();
      expect(done.body.data!.importSpreadsheet).toMatchObject({
        ok: true,
        commands: 1,
        recorded: 1,
        problems: [],
        notices: [{ cell: 'A3', code: 'OUTSIDE_PROJECTS' }],
      });
      const { body } = await service.graphql(HISTORY, { id: 'rip-85' });
      expect(body.data!.networkProject.indicatorHistory.at(-1)).toMatchObject({
        asOf: '2021-12-31',
        ftthPremisesConnectable: 500,
        ftthPremisesPlanned: 900,
        source: 'REGULATOR_DATA',
      });
    },
    TIMEOUT,
  );
});
