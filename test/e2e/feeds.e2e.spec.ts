import { runGuide } from './guide-examples.js';
import { getBytes } from './http-get.js';
import { codesOf, newCommandId, startTestService, type GraphQLResponse, type TestService } from './harness.js';

const REGISTER = `mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }`;
const MAKE = `mutation($input: MakeCommitmentInput!) { makeCommitment(input: $input) { revision } }`;
const REGISTER_PROJECT = `mutation($input: RegisterNetworkProjectInput!) { registerNetworkProject(input: $input) { revision } }`;
const PLAN = `mutation($input: PlanMilestoneInput!) { planMilestone(input: $input) { revision } }`;
const INDICATORS = `mutation($input: ReportNetworkIndicatorsInput!) { reportNetworkIndicators(input: $input) { revision } }`;
const CALENDAR = `query($from: String!, $to: String!, $territory: TerritoryRefInput, $first: Int, $after: String) {
  calendar(from: $from, to: $to, territory: $territory, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { uid date kind title recordId streamId status territoryCodes updatedAt } } } }`;
const MAP = `query($territory: TerritoryRefInput, $level: MapLevel) {
  map(territory: $territory, level: $level) { territory level attribution
    features { kind code name departementCode regionCode networkProjects ftthPremisesPlanned ftthPremisesConnectable usageProjects whiteZonesOpen whiteZonesResolved commitments activeCommitments } } }`;

interface Item {
  uid: string;
  date: string;
  kind: string;
  title: string;
  recordId: string;
  status: string;
  territoryCodes: string[];
}

const ok = (response: GraphQLResponse) => {
  expect(response.body.errors).toBeUndefined();
  return response.body.data!;
};

describe('Calendar and map feeds', () => {
  let service: TestService;
  let admin: string;

  const get = (path: string, token: string | null = admin) => getBytes(service.app, path, token);
  const calendar = async (variables: Record<string, unknown>): Promise<Item[]> =>
    ok(await service.graphql(CALENDAR, { first: 100, ...variables })).calendar.edges.map((e: { node: Item }) => e.node);

  beforeAll(async () => {
    service = await startTestService();
    admin = await service.token('sgar-52', 'admin');
    // rip-44 with its milestones and indicators, telemed-44, two white zones in 44 (one resolved).
    await runGuide(service, 'api-network-projects.md');
    for (const [actorId, code] of [
      ['cd-35', '35'],
      ['cd-49', '49'],
    ] as const) {
      ok(
        await service.graphql(
          REGISTER,
          { input: { commandId: newCommandId(), actorId, kind: 'DEPARTEMENT', name: `Département ${code}`, territories: [{ kind: 'DEPARTEMENT', code }] } },
          admin,
        ),
      );
    }
    const cd49 = await service.token('cd-49', 'representative');
    // A project across 49 and 44: counted in both, its premises split between them.
    ok(
      await service.graphql(
        REGISTER_PROJECT,
        {
          input: {
            commandId: newCommandId(),
            projectId: 'rip-anjou',
            name: 'Anjou; Loire, "Très" Haut Débit',
            leadActorId: 'cd-49',
            departementCodes: ['49', '44'],
            technologies: ['FTTH'],
            occurredAt: '2015-01-10T10:00:00Z',
          },
        },
        cd49,
      ),
    );
    ok(
      await service.graphql(
        PLAN,
        { input: { commandId: newCommandId(), projectKind: 'NETWORK', projectId: 'rip-anjou', key: 'state_funding_decision', date: '2015-09-30' } },
        cd49,
      ),
    );
    ok(
      await service.graphql(
        INDICATORS,
        {
          input: {
            commandId: newCommandId(),
            projectId: 'rip-anjou',
            asOf: '2015-06-30',
            figures: { ftthPremisesPlanned: 50001, ftthPremisesConnectable: 301 },
          },
        },
        cd49,
      ),
    );
    for (const [actorId, commitmentId, commune, dueDate, title] of [
      [
        'cd-44',
        'nantes-ftth',
        '44109',
        '2015-12-31',
        'FttH à Nantes, phase 1; suite, "prioritaire" \\ zone nord — et une ligne assez longue pour être repliée à soixante-quinze octets',
      ],
      ['cd-35', 'rennes-ftth', '35238', '2015-11-30', 'FttH à Rennes'],
    ] as const) {
      ok(
        await service.graphql(
          MAKE,
          {
            input: {
              commandId: newCommandId(),
              commitmentId,
              committingActorId: actorId,
              subject: 'FIXED_COVERAGE',
              title,
              target: { quantity: 1000, unit: 'FTTH_PREMISES' },
              territories: [{ kind: 'COMMUNE', code: commune }],
              dueDate,
              occurredAt: '2015-01-15T09:00:00Z',
            },
          },
          await service.token(actorId, 'representative'),
        ),
      );
    }
  });
  afterAll(() => service.close());

  it('puts every dated item of the range in one feed, ordered by date, with kinds, statuses and territories', async () => {
    const items = await calendar({ from: '2014-01-01', to: '2016-12-31' });
    expect(items.map((i) => i.date)).toEqual([...items.map((i) => i.date)].sort());
    expect(new Set(items.map((i) => i.uid)).size).toBe(items.length);
    expect(items.find((i) => i.uid === 'commitment_due.rennes-ftth@scoran-ledger')).toMatchObject({
      date: '2015-11-30',
      kind: 'COMMITMENT_DUE',
      status: 'due',
      recordId: 'rennes-ftth',
      territoryCodes: ['commune:35238'],
    });
    expect(items.find((i) => i.uid === 'network_milestone.rip-anjou.state_funding_decision@scoran-ledger')).toMatchObject({
      date: '2015-09-30',
      kind: 'NETWORK_MILESTONE',
      status: 'planned',
      streamId: 'networkProject-rip-anjou',
      territoryCodes: ['departement:44', 'departement:49'],
    });
    // rip-44's funding decision was rescheduled to 2015-07-15, then achieved; telemed-44's pilot started 2015-03-01.
    const rip44 = items.filter((i) => i.recordId === 'rip-44');
    expect(rip44.length).toBeGreaterThan(0);
    expect(rip44.every((i) => i.kind === 'NETWORK_MILESTONE' && ['planned', 'achieved'].includes(i.status))).toBe(true);
    expect(items.find((i) => i.uid === 'usage_milestone.telemed-44.pilot_started@scoran-ledger')).toMatchObject({
      date: '2015-03-01',
      kind: 'USAGE_MILESTONE',
    });
    // The range is inclusive at both ends and excludes what lies outside.
    expect(await calendar({ from: '2015-11-30', to: '2015-11-30' })).toEqual([expect.objectContaining({ uid: 'commitment_due.rennes-ftth@scoran-ledger' })]);
    expect(await calendar({ from: '2030-01-01', to: '2030-12-31' })).toEqual([]);
  });

  it('filters by territory: a département finds its communes’ records, another département does not, a region finds both', async () => {
    const all = await calendar({ from: '2014-01-01', to: '2016-12-31' });
    const in44 = await calendar({ from: '2014-01-01', to: '2016-12-31', territory: { kind: 'DEPARTEMENT', code: '44' } });
    const in35 = await calendar({ from: '2014-01-01', to: '2016-12-31', territory: { kind: 'DEPARTEMENT', code: '35' } });
    const in49 = await calendar({ from: '2014-01-01', to: '2016-12-31', territory: { kind: 'DEPARTEMENT', code: '49' } });
    const inRegion52 = await calendar({ from: '2014-01-01', to: '2016-12-31', territory: { kind: 'REGION', code: '52' } });
    const inNantes = await calendar({ from: '2014-01-01', to: '2016-12-31', territory: { kind: 'COMMUNE', code: '44109' } });
    const records = (items: Item[]) => [...new Set(items.map((i) => i.recordId))].sort();
    expect(records(in44)).toEqual(['nantes-ftth', 'rip-44', 'rip-anjou', 'telemed-44']);
    expect(records(in35)).toEqual(['rennes-ftth']);
    expect(records(in49)).toEqual(['rip-anjou']);
    expect(records(inRegion52)).toEqual(['nantes-ftth', 'rip-44', 'rip-anjou', 'telemed-44']);
    // A commune finds what is recorded on it, not the départemental projects around it.
    expect(records(inNantes)).toEqual(['nantes-ftth']);
    expect(records(all)).toEqual(['nantes-ftth', 'rennes-ftth', 'rip-44', 'rip-anjou', 'telemed-44']);
  });

  it('pages through the feed with stable cursors', async () => {
    const all = await calendar({ from: '2014-01-01', to: '2016-12-31' });
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = ok(await service.graphql(CALENDAR, { from: '2014-01-01', to: '2016-12-31', first: 2, after })).calendar;
      expect(page.totalCount).toBe(all.length);
      seen.push(...page.edges.map((e: { node: Item }) => e.node.uid));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.map((i) => i.uid));
  });

  it('refuses a bad range or territory with BAD_USER_INPUT naming the field', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ from: '2016-01-01', to: '2015-12-31' }, ['to']],
      [{ from: '2015-02-30', to: '2015-12-31' }, ['from']],
      [{ from: '2010-01-01', to: '2020-01-01' }, ['to']],
      [{ from: '2015-01-01', to: '2015-12-31', territory: { kind: 'DEPARTEMENT', code: '96' } }, ['territory.code']],
      [{ from: '2015-01-01', to: '2015-12-31', territory: { kind: 'COMMUNE', code: '44999' } }, ['territory.code']],
    ];
    for (const [variables, fields] of cases) {
      const response = await service.graphql(CALENDAR, variables);
      expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.body.errors![0].extensions!.fields).toEqual(fields);
    }
    expect(codesOf(await service.graphql(CALENDAR, { from: '2015-1-1', to: '2015-12-31' }))).toEqual(['BAD_USER_INPUT']);
    const badCursor = await service.graphql(CALENDAR, {
      from: '2015-01-01',
      to: '2015-12-31',
      after: Buffer.from('["2015-01-01","x","y"]').toString('base64url'),
    });
    expect(badCursor.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['after'] });
    // Nine years and 364 days is fine.
    expect(codesOf(await service.graphql(CALENDAR, { from: '2010-01-01', to: '2019-12-31' }))).toEqual([]);
  });

  describe('iCalendar file', () => {
    // In English on request, as the file was before the catalogues: the byte-level checks below are unchanged.
    const path = '/feeds/calendar.ics?territory=departement:44&from=2014-01-01&to=2016-12-31&lang=en';
    const french = '/feeds/calendar.ics?territory=departement:44&from=2014-01-01&to=2016-12-31';
    const unfoldedLines = (body: unknown) => (body as Buffer).toString('utf8').replace(/\r\n /g, '').split('\r\n');

    it('serves the feed as RFC 5545: VEVENTs with stable UIDs, all-day dates, escaped text, CRLF and folded lines, the same bytes twice', async () => {
      const first = await get(path);
      expect(first.status).toBe(200);
      expect(first.headers['content-type']).toBe('text/calendar; charset=utf-8');
      const bytes = first.body as Buffer;
      const text = bytes.toString('utf8');
      expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
      expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
      // CRLF only, every physical line at most 75 octets.
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      const physical = text.split('\r\n').slice(0, -1);
      expect(physical.every((line) => Buffer.byteLength(line, 'utf8') <= 75)).toBe(true);
      expect(physical.some((line) => line.startsWith(' '))).toBe(true);
      // Unfolded: one event per item of the same feed in GraphQL, in the same order.
      const lines = text.replace(/\r\n /g, '').split('\r\n');
      const items = await calendar({ from: '2014-01-01', to: '2016-12-31', territory: { kind: 'DEPARTEMENT', code: '44' } });
      expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(items.length);
      expect(lines.filter((l) => l === 'END:VEVENT')).toHaveLength(items.length);
      expect(lines.filter((l) => l.startsWith('UID:'))).toEqual(items.map((i) => `UID:${i.uid}`));
      expect(lines.filter((l) => l.startsWith('DTSTART'))).toEqual(items.map((i) => `DTSTART;VALUE=DATE:${i.date.replace(/-/g, '')}`));
      expect(lines.filter((l) => l.startsWith('DTSTAMP:')).every((l) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(l))).toBe(true);
      // Text escaped: backslash, semicolon, comma; the long title folds without breaking a UTF-8 character.
      expect(lines).toContain(
        'SUMMARY:Due: FttH à Nantes\\, phase 1\\; suite\\, "prioritaire" \\\\ zone nord — et une ligne assez longue pour être repliée à soixante-quinze octets (cd-44)',
      );
      expect(lines.find((l) => l.startsWith('SUMMARY:Anjou'))).toMatch(/^SUMMARY:Anjou\\; Loire\\, "Très" Haut Débit: .+ \(planned\)$/);
      expect(lines.find((l) => l.startsWith('DESCRIPTION:') && l.includes('rip-anjou'))).toContain('\\nTerritories: departement:44\\, departement:49');
      expect(text).not.toContain('rennes-ftth');
      // The same data gives the same bytes.
      const second = await get(path);
      expect(Buffer.compare(second.body as Buffer, bytes)).toBe(0);
    });

    it('is French by default: titles, descriptions and the calendar name with French dates, the same events as in English', async () => {
      const response = await get(french);
      expect(response.status).toBe(200);
      expect(response.headers['content-language']).toBe('fr');
      const lines = unfoldedLines(response.body);
      expect(lines).toContain('X-WR-CALNAME:SCORAN département 44\\, du 1er janvier 2014 au 31 décembre 2016');
      expect(lines).toContain(
        'SUMMARY:Échéance : FttH à Nantes\\, phase 1\\; suite\\, "prioritaire" \\\\ zone nord — et une ligne assez longue pour être repliée à soixante-quinze octets (cd-44)',
      );
      expect(lines.find((l) => l.startsWith('SUMMARY:Anjou'))).toBe('SUMMARY:Anjou\\; Loire\\, "Très" Haut Débit : Décision de financement de l’État (prévu)');
      expect(lines.find((l) => l.startsWith('DESCRIPTION:') && l.includes('rip-anjou'))).toBe(
        'DESCRIPTION:Statut : prévu\\nFiche : rip-anjou (flux networkProject-rip-anjou)\\nTerritoires : departement:44\\, departement:49',
      );
      expect(lines.some((l) => /^SUMMARY:(Due|Signed|In force):/.test(l))).toBe(false);
      const english = unfoldedLines((await get(path)).body);
      const only = (all: string[], prefix: string) => all.filter((l) => l.startsWith(prefix));
      for (const prefix of ['UID:', 'DTSTAMP:', 'DTSTART', 'STATUS:', 'CATEGORIES:']) expect(only(lines, prefix)).toEqual(only(english, prefix));
    });

    it('refuses a language it does not have, or two, with BAD_USER_INPUT on lang (400)', async () => {
      for (const query of ['lang=de', 'lang=FR', 'lang=fr&lang=en']) {
        const bad = await get(`${french}&${query}`);
        expect(bad.status).toBe(400);
        expect(JSON.parse((bad.body as Buffer).toString('utf8'))).toMatchObject({ error: { code: 'BAD_USER_INPUT', fields: ['lang'] } });
      }
    });

    it('needs a token and answers typed errors with HTTP statuses', async () => {
      expect((await get(path, null)).status).toBe(401);
      const bad = await get('/feeds/calendar.ics?territory=departement:96&from=2014-01-01&to=2016-12-31');
      expect(bad.status).toBe(400);
      expect(JSON.parse((bad.body as Buffer).toString('utf8'))).toMatchObject({ error: { code: 'BAD_USER_INPUT', fields: ['territory.code'] } });
      expect((await get('/feeds/calendar.ics?territory=44&from=2014-01-01&to=2016-12-31')).status).toBe(400);
      expect((await get('/feeds/calendar.ics?from=2016-01-01&to=2014-12-31')).status).toBe(400);
      expect((await get('/feeds/calendar.ics?to=2014-12-31')).status).toBe(400);
    });
  });

  describe('map', () => {
    it('gives figures per département of a region, multi-départemental projects attributed by the documented rule', async () => {
      const data = ok(await service.graphql(MAP, { territory: { kind: 'REGION', code: '52' } })).map;
      expect(data.level).toBe('DEPARTEMENT');
      expect(data.attribution).toContain('split evenly');
      expect(data.features.map((f: { code: string }) => f.code)).toEqual(['44', '49', '53', '72', '85']);
      const [d44, d49, d53] = data.features;
      // rip-44 (latest report: 120000 planned, 7000 connectable) plus half of rip-anjou (50001 → 25001 to 44, 25000 to 49; 301 → 151/150).
      expect(d44).toMatchObject({
        kind: 'DEPARTEMENT',
        name: 'Loire-Atlantique',
        regionCode: '52',
        networkProjects: 2,
        ftthPremisesPlanned: 120000 + 25001,
        ftthPremisesConnectable: 7000 + 151,
        usageProjects: 1,
        commitments: 1,
      });
      expect(d49).toMatchObject({
        networkProjects: 1,
        ftthPremisesPlanned: 25000,
        ftthPremisesConnectable: 150,
        usageProjects: 0,
        commitments: 0,
        whiteZonesOpen: 0,
      });
      expect(d53).toMatchObject({ networkProjects: 0, ftthPremisesPlanned: null, usageProjects: 0, whiteZonesOpen: 0, whiteZonesResolved: 0, commitments: 0 });
      expect(d44.whiteZonesOpen + d44.whiteZonesResolved).toBeGreaterThan(0);
    });

    it('gives figures per commune of a département, every commune listed', async () => {
      const data = ok(await service.graphql(MAP, { territory: { kind: 'DEPARTEMENT', code: '44' } })).map;
      expect(data.level).toBe('COMMUNE');
      expect(data.features.length).toBeGreaterThan(200);
      const nantes = data.features.find((f: { code: string }) => f.code === '44109');
      expect(nantes).toMatchObject({ kind: 'COMMUNE', name: 'Nantes', departementCode: '44', networkProjects: null, commitments: 1, activeCommitments: 1 });
      expect(nantes.whiteZonesOpen + nantes.whiteZonesResolved).toBeGreaterThan(0);
      const other = ok(await service.graphql(MAP, { territory: { kind: 'DEPARTEMENT', code: '35' } })).map;
      expect(other.features.find((f: { code: string }) => f.code === '35238')).toMatchObject({ commitments: 1 });
      expect(other.features.reduce((sum: number, f: { whiteZonesOpen: number }) => sum + f.whiteZonesOpen, 0)).toBe(0);
    });

    it('refuses a commune-level map of a region and unknown territories', async () => {
      const region = await service.graphql(MAP, { territory: { kind: 'REGION', code: '52' }, level: 'COMMUNE' });
      expect(codesOf(region)).toEqual(['BAD_USER_INPUT']);
      expect(region.body.errors![0].extensions!.fields).toEqual(['level']);
      const unknown = await service.graphql(MAP, { territory: { kind: 'DEPARTEMENT', code: '96' } });
      expect(unknown.body.errors![0].extensions!.fields).toEqual(['territory.code']);
    });
  });
});

describe('Calendar feed: convention signatures, entries into force and CCRANT meetings', () => {
  let conventions: TestService;
  let commission: TestService;
  const items = async (service: TestService, territory?: Record<string, string>): Promise<Item[]> =>
    ok(await service.graphql(CALENDAR, { from: '2015-01-01', to: '2015-12-31', territory, first: 100 })).calendar.edges.map((e: { node: Item }) => e.node);

  beforeAll(async () => {
    conventions = await startTestService();
    await runGuide(conventions, 'api-commitments-conventions.md');
    commission = await startTestService();
    await runGuide(commission, 'api-commission.md');
  });
  afterAll(async () => {
    await conventions.close();
    await commission.close();
  });

  it('lists each signature and the entry into force of the convention, found from the communes of its scope', async () => {
    const all = await items(conventions);
    const signatures = all.filter((i) => i.kind === 'CONVENTION_SIGNATURE' && i.recordId === 'cpsd-44');
    expect(signatures.length).toBeGreaterThanOrEqual(3);
    expect(signatures.every((s) => s.status === 'signed' && s.territoryCodes.every((code) => code.startsWith('commune:44')))).toBe(true);
    const inForce = all.filter((i) => i.kind === 'CONVENTION_IN_FORCE' && i.recordId === 'cpsd-44');
    expect(inForce).toHaveLength(1);
    expect(
      inForce[0].date >=
        signatures
          .map((sig) => sig.date)
          .sort()
          .at(-1)!,
    ).toBe(true);
    expect((await items(conventions, { kind: 'DEPARTEMENT', code: '44' })).filter((i) => i.recordId === 'cpsd-44')).toHaveLength(signatures.length + 1);
    expect((await items(conventions, { kind: 'DEPARTEMENT', code: '35' })).filter((i) => i.recordId === 'cpsd-44')).toEqual([]);
  });

  it('lists CCRANT meetings for the region or the whole country, not for a département', async () => {
    const meeting = expect.objectContaining({
      uid: 'commission_meeting.ccrant-52-2015-1@scoran-ledger',
      date: '2015-03-10',
      kind: 'COMMISSION_MEETING',
      territoryCodes: ['region:52'],
    });
    expect(await items(commission)).toContainEqual(meeting);
    expect(await items(commission, { kind: 'REGION', code: '52' })).toContainEqual(meeting);
    expect((await items(commission, { kind: 'REGION', code: '53' })).filter((i) => i.kind === 'COMMISSION_MEETING')).toEqual([]);
    expect((await items(commission, { kind: 'DEPARTEMENT', code: '44' })).filter((i) => i.kind === 'COMMISSION_MEETING')).toEqual([]);
  });
});
