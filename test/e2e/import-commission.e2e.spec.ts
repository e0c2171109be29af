import { createHash } from 'node:crypto';
import type { Principal } from '../../src/shared/principal.js';
import type { EventStore } from '../../src/event-store/event-store.js';
import { EVENT_STORE } from '../../src/event-store/event-store.module.js';
import { kindByKey } from '../../src/import/import-kinds.js';
import { importFile, type ImportReport } from '../../src/import/importer.js';
import { csvOf, workbookOf, type SheetData } from '../../src/import/template.js';
import { newCommandId, registerPrincipals, startTestService, type TestService } from './harness.js';

const ADMIN: Principal = { subject: 'person-admin', actorId: 'scoran-ledger', role: 'admin' };
const TIMEOUT = 180_000;
const MEETING = `query($id: ID!) { meeting(id: $id) { status date place agenda { itemId title } attendance { memberActorId representativeId status proxyHolderActorId }
  decisions { id kind mode outcome text } minutes { version documentHash } } }`;
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const storeOf = (service: TestService) => service.app.get<EventStore>(EVENT_STORE, { strict: false });
const at = (report: ImportReport) => report.problems.map((p) => ({ sheet: p.sheet, cell: p.cell, code: p.code }));

const MINUTES = 'Compte rendu de la CCRANT du 12 mars 2015.\nPrésents : le préfet de région, la présidente de Région.\nAvis favorable au programme.';

const record: SheetData = {
  meetings: [
    {
      id: 'ccrant-52-2015-03',
      region: '52',
      date: day('2015-03-12'),
      place: 'Préfecture de région, Nantes',
      agenda: 'p1 : Bilan du SDTAN ; p2 : Programme 2015',
      convenedOn: day('2015-02-20'),
      minutesText: MINUTES,
    },
    {
      id: 'ccrant-52-2015-10',
      region: '52',
      date: day('2015-10-08'),
      place: 'Hôtel de Région, Nantes',
      agenda: 'p1 : Conventions signées',
      minutesHash: 'c'.repeat(64),
    },
  ],
  attendance: [
    // The proxy before the member holding it: the import records the members present first.
    { meetingId: 'ccrant-52-2015-03', memberActorId: 'cd-44', status: 'Pouvoir', proxyHolderActorId: 'region-52' },
    { meetingId: 'ccrant-52-2015-03', memberActorId: 'prefet-52', status: 'Présent', representativeId: 'p-prefet-52' },
    { meetingId: 'ccrant-52-2015-03', memberActorId: 'region-52', status: 'Présent', representativeId: 'p-region-52' },
    { meetingId: 'ccrant-52-2015-10', memberActorId: 'cd-44', status: 'Excusé' },
    { meetingId: 'ccrant-52-2015-10', memberActorId: 'prefet-52', status: 'Présent', representativeId: 'p-prefet-52' },
  ],
  decisions: [
    { meetingId: 'ccrant-52-2015-03', itemId: 'p2', kind: 'Avis', text: 'La commission émet un avis favorable au programme 2015.' },
    { meetingId: 'ccrant-52-2015-03', itemId: 'p1', kind: 'Conclusions', text: 'Le bilan du SDTAN est présenté ; il sera actualisé en 2016.' },
    { meetingId: 'ccrant-52-2015-10', itemId: 'p1', kind: 'Recommandation', text: 'Signer les conventions restantes avant la fin de l’année.' },
  ],
};

describe('Import of commission meetings, attendance and decisions', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
    await registerPrincipals(service, 'sgar-52');
    const admin = await service.token('sgar-52', 'admin');
    const sgar = await service.token('sgar-52', 'commission_secretariat');
    const call = async (query: string, input: Record<string, unknown>, token: string) => {
      const { body } = await service.graphql(query, { input: { commandId: newCommandId(), ...input } }, token);
      if (body.errors) throw new Error(JSON.stringify(body.errors));
    };
    for (const [actorId, kind, territory] of [
      ['prefet-52', 'STATE_IN_REGION', { kind: 'REGION', code: '52' }],
      ['region-52', 'REGION', { kind: 'REGION', code: '52' }],
      ['cd-44', 'DEPARTEMENT', { kind: 'DEPARTEMENT', code: '44' }],
    ] as const) {
      await call(
        `mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }`,
        { actorId, kind, name: actorId, territories: [territory] },
        admin,
      );
    }
    const members = ['prefet-52', 'region-52', 'cd-44'].map((actorId) => ({ actorId, representatives: [`p-${actorId}`] }));
    await call(
      `mutation($input: ConstituteCommissionInput!) { constituteCommission(input: $input) { revision } }`,
      { regionCode: '52', prefectActorId: 'prefet-52', regionActorId: 'region-52', secretariatActorId: 'sgar-52', members, rules: { mode: 'CONSENSUS' } },
      sgar,
    );
  }, TIMEOUT);
  afterAll(async () => {
    await service?.close();
  });

  it(
    'records each meeting through the commission’s mutations: convened, attendance, held, decisions, closed, minutes; a re-import is a no-op',
    async () => {
      const workbook = await workbookOf(record, 'fr');
      const dry = await importFile(service.app, 'ccrant.xlsx', workbook, { principal: ADMIN });
      expect(dry).toMatchObject({ ok: true, problems: [], rows: { meetings: 2, attendance: 5, decisions: 3 } });
      // 2 × (convene, hold, close, minutes) + 5 attendances + 3 decisions.
      expect(dry.commands).toBe(16);
      const done = await importFile(service.app, 'ccrant.xlsx', workbook, { principal: ADMIN, commit: true });
      expect(done).toMatchObject({ ok: true, recorded: 16, problems: [] });

      const { body } = await service.graphql(MEETING, { id: 'ccrant-52-2015-03' });
      const meeting = body.data!.meeting;
      expect(meeting).toMatchObject({
        status: 'CLOSED',
        date: '2015-03-12',
        place: 'Préfecture de région, Nantes',
        agenda: [
          { itemId: 'p1', title: 'Bilan du SDTAN' },
          { itemId: 'p2', title: 'Programme 2015' },
        ],
      });
      expect(meeting.attendance).toEqual(
        expect.arrayContaining([
          { memberActorId: 'cd-44', representativeId: null, status: 'PROXY', proxyHolderActorId: 'region-52' },
          { memberActorId: 'prefet-52', representativeId: 'p-prefet-52', status: 'PRESENT', proxyHolderActorId: null },
        ]),
      );
      expect(meeting.decisions.map((d: { id: string; kind: string; mode: string; outcome: string }) => [d.id, d.kind, d.mode, d.outcome])).toEqual([
        ['ccrant-52-2015-03.p2', 'OPINION', 'CONSENSUS', 'ADOPTED'],
        ['ccrant-52-2015-03.p1', 'CONCLUSIONS', 'CONSENSUS', 'ADOPTED'],
      ]);
      // The minutes' text is not stored: its SHA-256, as for a document, is.
      expect(meeting.minutes).toEqual([{ version: 1, documentHash: createHash('sha256').update(MINUTES).digest('hex') }]);
      const october = (await service.graphql(MEETING, { id: 'ccrant-52-2015-10' })).body.data!.meeting;
      expect(october).toMatchObject({ status: 'CLOSED', minutes: [{ version: 1, documentHash: 'c'.repeat(64) }], decisions: [{ kind: 'RECOMMENDATION' }] });

      const again = await importFile(service.app, 'ccrant.xlsx', workbook, { principal: ADMIN, commit: true });
      expect(again).toMatchObject({ ok: true, recorded: 0, alreadyRecorded: 16 });
    },
    TIMEOUT,
  );

  it(
    'imports a French Excel CSV of meetings, minutes text with its line breaks',
    async () => {
      const csv = csvOf(
        kindByKey('meetings'),
        [
          {
            id: 'ccrant-52-2016-04',
            region: '52',
            date: day('2016-04-14'),
            place: 'Angers',
            agenda: 'bilan : Bilan annuel',
            minutesText: 'Séance levée à 17 h.\nProchaine réunion en octobre.',
          },
        ],
        'fr',
      );
      expect(csv.startsWith('\uFEFFIdentifiant;Région;')).toBe(true);
      const done = await importFile(service.app, 'reunions.csv', Buffer.from(csv), { principal: ADMIN, commit: true });
      expect(done).toMatchObject({ ok: true, recorded: 4, problems: [] });
      // The agenda's « ; » unquoted in a « ; » file: the cut-off value is reported, not dropped.
      const unquoted =
        '\uFEFFIdentifiant;Région;Date de la réunion;Lieu;Ordre du jour\r\nccrant-52-2016-05;52;12/05/2016;Laval;p1 : Bilan ; p2 : Programme\r\n';
      const cut = await importFile(service.app, 'reunions.csv', Buffer.from(unquoted), { principal: ADMIN, commit: true });
      expect(cut).toMatchObject({ ok: false, recorded: 0, problems: [{ cell: 'F2', code: 'EXTRA_CELL' }] });
      expect(cut.problems[0].message).toContain('« p2 : Programme »');
      const { body } = await service.graphql(MEETING, { id: 'ccrant-52-2016-04' });
      expect(body.data!.meeting).toMatchObject({
        status: 'CLOSED',
        decisions: [],
        minutes: [{ documentHash: createHash('sha256').update('Séance levée à 17 h.\nProchaine réunion en octobre.').digest('hex') }],
      });
    },
    TIMEOUT,
  );

  it(
    'reports every bad row at its cell, in French, and writes nothing',
    async () => {
      const head = await storeOf(service).headPosition();
      const bad: SheetData = {
        meetings: [
          { id: 'ok-1', region: '52', date: day('2017-03-01'), place: 'Nantes', agenda: 'p1 : Bilan' },
          { id: 'sans-commission', region: '53', date: day('2017-03-01'), place: 'Rennes', agenda: 'p1 : Bilan' },
          { id: 'mauvais-odj', region: '52', date: day('2017-03-01'), place: 'Nantes', agenda: 'Bilan sans clé' },
          { id: 'futur', region: '52', date: day('2099-03-01'), place: 'Nantes', agenda: 'p1 : Bilan' },
          { id: 'ccrant-52-2015-03', region: '52', date: day('2017-03-01'), place: 'Nantes', agenda: 'p1 : Bilan' },
        ],
        attendance: [
          { meetingId: 'ok-1', memberActorId: 'orange', status: 'Présent', representativeId: 'p-orange' },
          { meetingId: 'ok-1', memberActorId: 'prefet-52', status: 'Présent' },
          { meetingId: 'ok-1', memberActorId: 'region-52', status: 'Absent' },
        ],
        decisions: [
          { meetingId: 'ok-1', itemId: 'p9', kind: 'Avis', text: 'Un point qui n’est pas à l’ordre du jour.' },
          { meetingId: 'ok-1', itemId: 'p1', kind: 'Demande d’action', text: 'Une demande d’action sans son objet.' },
          { meetingId: 'inconnue', itemId: 'p1', kind: 'Avis', text: 'Une réunion qui n’existe pas.' },
        ],
      };
      const report = await importFile(service.app, 'ccrant-faux.xlsx', await workbookOf(bad, 'fr'), { principal: ADMIN, commit: true });
      expect(report.ok).toBe(false);
      expect(at(report)).toEqual([
        { sheet: 'Réunions', cell: 'B3', code: 'UNKNOWN_REFERENCE' },
        { sheet: 'Réunions', cell: 'E4', code: 'INVALID_VALUE' },
        { sheet: 'Réunions', cell: 'C5', code: 'INVALID_DATE' },
        { sheet: 'Réunions', cell: 'A6', code: 'DUPLICATE_ID' },
        { sheet: 'Présences', cell: 'B2', code: 'UNKNOWN_REFERENCE' },
        { sheet: 'Présences', cell: 'D3', code: 'REQUIRED' },
        { sheet: 'Présences', cell: 'C4', code: 'INVALID_VALUE' },
        { sheet: 'Décisions', cell: 'B2', code: 'UNKNOWN_REFERENCE' },
        { sheet: 'Décisions', cell: 'C3', code: 'INVALID_VALUE' },
        { sheet: 'Décisions', cell: 'A4', code: 'UNKNOWN_REFERENCE' },
      ]);
      expect(report.problems[0].message).toMatch(/Aucune commission n’est constituée pour la région 53/);
      expect(await storeOf(service).headPosition()).toBe(head);
    },
    TIMEOUT,
  );

  it(
    'is refused whole, writing nothing, when a rule only the commission’s decider knows fails',
    async () => {
      const head = await storeOf(service).headPosition();
      const data: SheetData = {
        meetings: [{ id: 'ccrant-52-2018-03', region: '52', date: day('2018-03-01'), place: 'Nantes', agenda: 'p1 : Bilan' }],
        attendance: [
          { meetingId: 'ccrant-52-2018-03', memberActorId: 'region-52', status: 'Excusé' },
          // A proxy held by a member who is not present: only the meeting decider knows.
          { meetingId: 'ccrant-52-2018-03', memberActorId: 'cd-44', status: 'Pouvoir', proxyHolderActorId: 'region-52' },
        ],
      };
      const report = await importFile(service.app, 'ccrant-2018.xlsx', await workbookOf(data, 'fr'), { principal: ADMIN, commit: true });
      expect(report).toMatchObject({ ok: false, recorded: 0, problems: [{ sheet: 'Présences', row: 3, code: 'CONFLICT' }] });
      expect(report.problems[0].message).toMatch(/must be present to hold a proxy.*Rien n’a été écrit/);
      expect(await storeOf(service).headPosition()).toBe(head);
    },
    TIMEOUT,
  );
});
