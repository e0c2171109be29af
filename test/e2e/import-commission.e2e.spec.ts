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
    // Normandie (28): a commission that votes, and Orange, not yet a member.
    for (const [actorId, kind, territories] of [
      ['prefet-28', 'STATE_IN_REGION', [{ kind: 'REGION', code: '28' }]],
      ['sgar-28', 'STATE_IN_REGION', [{ kind: 'REGION', code: '28' }]],
      ['region-28', 'REGION', [{ kind: 'REGION', code: '28' }]],
      ['cd-14', 'DEPARTEMENT', [{ kind: 'DEPARTEMENT', code: '14' }]],
      ['orange', 'PRIVATE_OPERATOR', [{ kind: 'REGION', code: '28' }]],
    ] as const) {
      await call(
        `mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }`,
        { actorId, kind, name: actorId, territories },
        admin,
      );
    }
    await call(
      `mutation($input: ConstituteCommissionInput!) { constituteCommission(input: $input) { revision } }`,
      {
        regionCode: '28',
        prefectActorId: 'prefet-28',
        regionActorId: 'region-28',
        secretariatActorId: 'sgar-28',
        members: ['prefet-28', 'region-28', 'cd-14'].map((actorId) => ({ actorId, representatives: [`p-${actorId}`] })),
        rules: { mode: 'VOTE', quorumShare: 0.5, majority: 'SIMPLE' },
      },
      admin,
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
        { sheet: 'Décisions', cell: 'H3', code: 'REQUIRED' },
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
      expect(report.problems[0].message).toMatch(/region-52 doit être présent pour détenir une procuration\. Rien n’a été écrit/);
      expect(await storeOf(service).headPosition()).toBe(head);
    },
    TIMEOUT,
  );
  it(
    'records votes member by member, an admission, a departure and an action request with the commitment it creates and its progress; a re-import is a no-op',
    async () => {
      const present = (meetingId: string, memberActorId: string) => ({ meetingId, memberActorId, status: 'Présent', representativeId: `p-${memberActorId}` });
      const request = (actorId: string, title: string, quantity: number, unit: string, due: string) => ({
        actorId,
        requestSubject: unit === 'Euros' ? 'Financement' : 'Couverture mobile',
        requestTitle: title,
        quantity,
        unit,
        territories: 'région 28',
        dueDate: day(due),
      });
      const data: SheetData = {
        meetings: [
          { id: 'ccrant-28-2016-03', region: '28', date: day('2016-03-10'), place: 'Caen', agenda: 'p1 : Entrée d’Orange ; p2 : Financement du RIP' },
          { id: 'ccrant-28-2016-10', region: '28', date: day('2016-10-06'), place: 'Rouen', agenda: 'p1 : Couverture mobile ; p2 : Départ d’Orange' },
        ],
        attendance: [
          ...['prefet-28', 'region-28', 'cd-14'].map((member) => present('ccrant-28-2016-03', member)),
          // Orange sits from the meeting after its admission.
          ...['prefet-28', 'region-28', 'cd-14', 'orange'].map((member) => present('ccrant-28-2016-10', member)),
        ],
        decisions: [
          {
            meetingId: 'ccrant-28-2016-03',
            itemId: 'p1',
            kind: 'Admission d’un membre',
            text: 'Orange rejoint la commission.',
            actorId: 'orange',
            representatives: 'p-orange',
          },
          {
            meetingId: 'ccrant-28-2016-03',
            itemId: 'p2',
            kind: 'Demande d’action',
            text: 'La Région est invitée à engager 1 M€ sur le RIP.',
            recordedBy: 'prefet-28',
            ...request('region-28', 'Financer le RIP à hauteur de 1 M€', 1_000_000, 'Euros', '2020-12-31'),
          },
          {
            meetingId: 'ccrant-28-2016-10',
            itemId: 'p1',
            kind: 'Demande d’action',
            text: 'Orange est invité à équiper 10 sites mobiles.',
            ...request('orange', 'Équiper 10 sites mobiles', 10, 'Sites mobiles', '2018-12-31'),
          },
          {
            meetingId: 'ccrant-28-2016-10',
            itemId: 'p2',
            kind: 'Départ d’un membre',
            // Orange leaves after its vote: the commission is again as the next tests expect it.
            text: 'Orange quitte la commission.',
            actorId: 'orange',
          },
        ],
        votes: [
          { meetingId: 'ccrant-28-2016-03', itemId: 'p2', openedBy: 'prefet-28', outcome: 'Adoptée' },
          { meetingId: 'ccrant-28-2016-10', itemId: 'p1', outcome: 'Rejetée' },
        ],
        votes_cast: [
          { meetingId: 'ccrant-28-2016-03', itemId: 'p2', memberActorId: 'prefet-28', choice: 'Pour' },
          { meetingId: 'ccrant-28-2016-03', itemId: 'p2', memberActorId: 'region-28', choice: 'Pour' },
          { meetingId: 'ccrant-28-2016-03', itemId: 'p2', memberActorId: 'cd-14', choice: 'Abstention' },
          { meetingId: 'ccrant-28-2016-10', itemId: 'p1', memberActorId: 'prefet-28', choice: 'Pour' },
          { meetingId: 'ccrant-28-2016-10', itemId: 'p1', memberActorId: 'region-28', choice: 'Contre' },
          { meetingId: 'ccrant-28-2016-10', itemId: 'p1', memberActorId: 'cd-14', choice: 'Contre' },
          { meetingId: 'ccrant-28-2016-10', itemId: 'p1', memberActorId: 'orange', choice: 'Abstention' },
        ],
        // The commitment the adopted request creates: its row (as the export writes it) and its progress wait for the decision.
        commitments: [
          {
            id: 'ccrant-28-2016-03.p2.commitment',
            actorId: 'region-28',
            subject: 'Financement',
            title: 'Financer le RIP à hauteur de 1 M€',
            quantity: 1_000_000,
            unit: 'Euros',
            territories: 'région 28',
            dueDate: day('2020-12-31'),
            madeOn: day('2016-03-10'),
          },
        ],
        progress: [{ commitmentId: 'ccrant-28-2016-03.p2.commitment', value: 400_000, asOf: day('2017-06-30'), source: 'Déclaré' }],
      };
      const workbook = await workbookOf(data, 'fr');
      const dry = await importFile(service.app, 'ccrant-28.xlsx', workbook, { principal: ADMIN });
      expect(dry).toMatchObject({ ok: true, problems: [], rows: { meetings: 2, attendance: 7, decisions: 4, votes: 2, votes_cast: 7, commitments: 1 } });
      // 2 × (convene, hold, close) + 7 attendances + 2 consensus + 2 × (open, close) + 7 votes + 1 progress; no makeCommitment.
      expect(dry.commands).toBe(6 + 7 + 2 + 4 + 7 + 1);
      expect(dry.notices.map((n) => [n.row, n.code])).toEqual([
        [2, 'RECORDED_AS_CONSENSUS'],
        [3, 'RECORDED_AS_CONSENSUS'],
      ]);
      const done = await importFile(service.app, 'ccrant-28.xlsx', workbook, { principal: ADMIN, commit: true });
      expect(done).toMatchObject({ ok: true, recorded: dry.commands, problems: [] });

      const DECISIONS = `query($id: ID!) { meeting(id: $id) { decisions { id kind mode outcome tally { for against abstain } quorum { members presentOrRepresented reached } commitmentId } } }`;
      const march = (await service.graphql(DECISIONS, { id: 'ccrant-28-2016-03' })).body.data!.meeting;
      expect(march.decisions).toEqual([
        { id: 'ccrant-28-2016-03.p1', kind: 'MEMBER_ADMISSION', mode: 'CONSENSUS', outcome: 'ADOPTED', tally: null, quorum: null, commitmentId: null },
        {
          id: 'ccrant-28-2016-03.p2',
          kind: 'ACTION_REQUEST',
          mode: 'VOTE',
          outcome: 'ADOPTED',
          tally: { for: 2, against: 0, abstain: 1 },
          quorum: { members: 3, presentOrRepresented: 3, reached: true },
          commitmentId: 'ccrant-28-2016-03.p2.commitment',
        },
      ]);
      // Orange, admitted in March, counts among the members in October: its vote too.
      const october = (await service.graphql(DECISIONS, { id: 'ccrant-28-2016-10' })).body.data!.meeting;
      expect(october.decisions.slice(0, 1)).toEqual([
        expect.objectContaining({
          outcome: 'REJECTED',
          tally: { for: 1, against: 2, abstain: 1 },
          quorum: { members: 4, presentOrRepresented: 4, reached: true },
          commitmentId: null,
        }),
      ]);
      const { body } = await service.graphql(
        `{ commission(regionCode: "28") { members { actorId representatives } }
           commitment(id: "ccrant-28-2016-03.p2.commitment") { committingActorId madeOn stemsFrom { kind decisionId } progress { value asOf } } }`,
      );
      // Orange admitted in March, gone in October.
      expect(body.data!.commission.members.map((m: { actorId: string }) => m.actorId)).toEqual(['prefet-28', 'region-28', 'cd-14']);
      expect(body.data!.commitment).toEqual({
        committingActorId: 'region-28',
        madeOn: '2016-03-10',
        stemsFrom: { kind: 'COMMISSION_DECISION', decisionId: 'ccrant-28-2016-03.p2' },
        progress: [{ value: 400_000, asOf: '2017-06-30' }],
      });

      const again = await importFile(service.app, 'ccrant-28.xlsx', workbook, { principal: ADMIN, commit: true });
      expect(again).toMatchObject({ ok: true, problems: [], recorded: 0, alreadyRecorded: dry.commands });
    },
    TIMEOUT,
  );

  it(
    'reports bad votes and admissions at their cell (a non-member’s vote, a vote on an unknown proposal, an unknown actor admitted, a duplicate vote, an admission its vote rejects) and writes nothing',
    async () => {
      const head = await storeOf(service).headPosition();
      const v = 'ccrant-28-2017-03';
      const bad: SheetData = {
        meetings: [
          { id: v, region: '28', date: day('2017-03-09'), place: 'Caen', agenda: 'p1 : Admission ; p2 : Demande ; p3 : Avis' },
          { id: 'ccrant-52-2017-04', region: '52', date: day('2017-04-06'), place: 'Nantes', agenda: 'p1 : Avis' },
        ],
        attendance: [
          { meetingId: v, memberActorId: 'prefet-28', status: 'Présent', representativeId: 'p-prefet-28' },
          { meetingId: v, memberActorId: 'region-28', status: 'Présent', representativeId: 'p-region-28' },
          { meetingId: v, memberActorId: 'cd-14', status: 'Excusé' },
        ],
        decisions: [
          { meetingId: 'ccrant-52-2017-04', itemId: 'p1', kind: 'Avis', text: 'Avis favorable.' },
          { meetingId: v, itemId: 'p1', kind: 'Admission', text: 'Un inconnu rejoint la commission.', actorId: 'inconnu', representatives: 'p-inconnu' },
          {
            meetingId: v,
            itemId: 'p2',
            kind: 'Demande d’action',
            text: 'La Région est invitée à une étude.',
            actorId: 'region-28',
            requestSubject: 'Étude',
            requestTitle: 'Étude des usages',
            quantity: 1,
            unit: 'Unités',
            territories: 'région 28',
            dueDate: day('2018-12-31'),
          },
          { meetingId: v, itemId: 'p3', kind: 'Avis', text: 'Avis favorable.' },
        ],
        votes: [
          { meetingId: v, itemId: 'p2', outcome: 'Rejetée' },
          { meetingId: v, itemId: 'p9' },
          { meetingId: 'ccrant-52-2017-04', itemId: 'p1' },
        ],
        votes_cast: [
          { meetingId: v, itemId: 'p2', memberActorId: 'prefet-28', choice: 'Pour' },
          { meetingId: v, itemId: 'p2', memberActorId: 'prefet-28', choice: 'Contre' },
          { meetingId: v, itemId: 'p2', memberActorId: 'dreal-28', choice: 'Pour' },
          { meetingId: v, itemId: 'p2', memberActorId: 'cd-14', choice: 'Pour' },
          { meetingId: v, itemId: 'p3', memberActorId: 'prefet-28', choice: 'Pour' },
        ],
      };
      const report = await importFile(service.app, 'votes-faux.xlsx', await workbookOf(bad, 'fr'), { principal: ADMIN, commit: true });
      expect(report.ok).toBe(false);
      expect(at(report)).toEqual([
        { sheet: 'Décisions', cell: 'H3', code: 'UNKNOWN_REFERENCE' },
        { sheet: 'Votes', cell: 'B3', code: 'UNKNOWN_REFERENCE' },
        { sheet: 'Votes', cell: 'B4', code: 'INVALID_VALUE' },
        { sheet: 'Votes exprimés', cell: 'C3', code: 'DUPLICATE_ID' },
        { sheet: 'Votes exprimés', cell: 'C4', code: 'UNKNOWN_REFERENCE' },
        { sheet: 'Votes exprimés', cell: 'C5', code: 'INVALID_VALUE' },
        { sheet: 'Votes exprimés', cell: 'B6', code: 'UNKNOWN_REFERENCE' },
        { sheet: 'Votes', cell: 'D2', code: 'INVALID_VALUE' },
      ]);
      const messages = report.problems.map((p) => p.message);
      expect(messages[0]).toMatch(/L’acteur « inconnu » n’existe ni dans la feuille Acteurs ni dans le registre/);
      expect(messages[4]).toMatch(/« dreal-28 » n’est pas membre de la commission/);
      expect(messages[7]).toMatch(/Les votes exprimés donnent « Adoptée » : pour 1, contre 0, abstention 0/);

      // An admission the vote rejects: the actor does not sit at the next meeting.
      const present = (meetingId: string, memberActorId: string) => ({ meetingId, memberActorId, status: 'Présent', representativeId: `p-${memberActorId}` });
      const rejected: SheetData = {
        actors: [{ id: 'sfr-28', kind: 'Opérateur privé', name: 'SFR (Normandie)', territories: 'région 28', registeredOn: day('2018-01-08') }],
        meetings: [
          { id: 'ccrant-28-2018-03', region: '28', date: day('2018-03-08'), place: 'Caen', agenda: 'p1 : Entrée de SFR' },
          { id: 'ccrant-28-2018-10', region: '28', date: day('2018-10-04'), place: 'Rouen', agenda: 'p1 : Bilan' },
        ],
        attendance: [
          ...['prefet-28', 'region-28', 'cd-14'].map((member) => present('ccrant-28-2018-03', member)),
          present('ccrant-28-2018-10', 'prefet-28'),
          present('ccrant-28-2018-10', 'sfr-28'),
        ],
        decisions: [
          {
            meetingId: 'ccrant-28-2018-03',
            itemId: 'p1',
            kind: 'Admission',
            text: 'SFR rejoint la commission.',
            actorId: 'sfr-28',
            representatives: 'p-sfr-28',
          },
        ],
        votes: [{ meetingId: 'ccrant-28-2018-03', itemId: 'p1' }],
        votes_cast: [
          { meetingId: 'ccrant-28-2018-03', itemId: 'p1', memberActorId: 'prefet-28', choice: 'Contre' },
          { meetingId: 'ccrant-28-2018-03', itemId: 'p1', memberActorId: 'region-28', choice: 'Contre' },
          { meetingId: 'ccrant-28-2018-03', itemId: 'p1', memberActorId: 'cd-14', choice: 'Pour' },
        ],
      };
      const refused = await importFile(service.app, 'sfr.xlsx', await workbookOf(rejected, 'fr'), { principal: ADMIN, commit: true });
      expect(at(refused)).toEqual([{ sheet: 'Présences', cell: 'B6', code: 'UNKNOWN_REFERENCE' }]);
      expect(refused.problems[0].message).toMatch(/son admission \(décision « ccrant-28-2018-03.p1 »\) est rejetée par son vote/);
      expect(await storeOf(service).headPosition()).toBe(head);
    },
    TIMEOUT,
  );
  it(
    'records later versions of the minutes (sheet Comptes rendus), the one a later meeting approves; a version that does not exist is reported',
    async () => {
      const corrected = 'Compte rendu corrigé de la CCRANT du 7 mars 2019.\nLe point 2 est précisé.';
      const data: SheetData = {
        meetings: [
          { id: 'ccrant-52-2019-03', region: '52', date: day('2019-03-07'), place: 'Nantes', agenda: 'p1 : Bilan', minutesHash: 'a'.repeat(64) },
          { id: 'ccrant-52-2019-10', region: '52', date: day('2019-10-03'), place: 'Nantes', agenda: 'cr : Approbation du compte rendu' },
        ],
        minutes: [{ meetingId: 'ccrant-52-2019-03', minutesText: corrected, publishedOn: day('2019-04-02') }],
        decisions: [
          {
            meetingId: 'ccrant-52-2019-10',
            itemId: 'cr',
            kind: 'Approbation du compte rendu',
            text: 'Le compte rendu corrigé est approuvé.',
            approvedMeetingId: 'ccrant-52-2019-03',
            approvedVersion: 3,
          },
        ],
      };
      const wrong = await importFile(service.app, 'cr.xlsx', await workbookOf(data, 'fr'), { principal: ADMIN });
      expect(at(wrong)).toEqual([{ sheet: 'Décisions', cell: 'F2', code: 'UNKNOWN_REFERENCE' }]);
      expect(wrong.problems[0].message).toMatch(/a 2 version\(s\)/);

      data.decisions![0].approvedVersion = 2;
      const done = await importFile(service.app, 'cr.xlsx', await workbookOf(data, 'fr'), { principal: ADMIN, commit: true });
      expect(done).toMatchObject({ ok: true, problems: [] });
      const { body } = await service.graphql(`{ meeting(id: "ccrant-52-2019-03") { minutes { version documentHash approvedByDecision } } }`);
      expect(body.data!.meeting.minutes).toEqual([
        { version: 1, documentHash: 'a'.repeat(64), approvedByDecision: null },
        { version: 2, documentHash: createHash('sha256').update(corrected).digest('hex'), approvedByDecision: 'ccrant-52-2019-10.cr' },
      ]);
    },
    TIMEOUT,
  );
});
