import { codesOf, newCommandId, startTestService, type TestService, registerPrincipals } from './harness.js';

const REGISTER_ACTOR = `mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }`;
const REGISTER_PROJECT = `mutation($input: RegisterNetworkProjectInput!) { registerNetworkProject(input: $input) { networkProject { id } } }`;
const FIELDS = `id kind communeCodes prioritySites { schools publicServices businesses health } estimatedCost status identifiedOn plannedOn networkProjectId resolvedOn revision`;
const RECORD = `mutation($input: RecordWhiteZoneInput!) { recordWhiteZone(input: $input) { revision whiteZone { ${FIELDS} } } }`;
const REVISE = `mutation($input: ReviseWhiteZoneEstimateInput!) { reviseWhiteZoneEstimate(input: $input) { whiteZone { estimatedCost prioritySites { schools } } } }`;
const PLAN = `mutation($input: PlanWhiteZoneResolutionInput!) { planWhiteZoneResolution(input: $input) { whiteZone { status plannedOn networkProjectId } } }`;
const RESOLVE = `mutation($input: ResolveWhiteZoneInput!) { resolveWhiteZone(input: $input) { whiteZone { status resolvedOn networkProjectId } } }`;
const ZONE = `query($id: ID!) { whiteZone(id: $id) { ${FIELDS} networkProject { id name } } }`;
const LIST = `query($filter: WhiteZoneFilterInput) { whiteZones(filter: $filter, first: 50) { totalCount edges { node { id } } } }`;
const TOTALS = `query($filter: WhiteZoneFilterInput) { whiteZoneTotals(filter: $filter) { zones communes prioritySites { schools publicServices businesses health total } estimatedCost zonesWithoutEstimate } }`;
const HISTORY = `query($streamId: String!) { history(streamId: $streamId, first: 1) { totalCount } }`;

describe('White zones over HTTP', () => {
  let service: TestService;
  let admin: string;
  let secretariat: string;
  let cd44: string;

  beforeAll(async () => {
    service = await startTestService();
    await registerPrincipals(service, 'sgar-52');
    admin = await service.token('sgar-52', 'admin');
    secretariat = await service.token('sgar-52', 'commission_secretariat');
    cd44 = await service.token('cd-44', 'representative');
    const actor = await service.graphql(
      REGISTER_ACTOR,
      { input: { commandId: newCommandId(), actorId: 'cd-44', kind: 'DEPARTEMENT', name: 'CD 44', territories: [{ kind: 'DEPARTEMENT', code: '44' }] } },
      admin,
    );
    expect(actor.body.errors).toBeUndefined();
    const project = await service.graphql(
      REGISTER_PROJECT,
      {
        input: {
          commandId: newCommandId(),
          projectId: 'rip-44',
          name: 'RIP 44',
          leadActorId: 'cd-44',
          departementCodes: ['44'],
          technologies: ['FTTH'],
          occurredAt: '2014-03-01T10:00:00Z',
        },
      },
      cd44,
    );
    expect(project.body.errors).toBeUndefined();
  });
  afterAll(() => service.close());

  const record = (input: Record<string, unknown>, token = secretariat) =>
    service.graphql(
      RECORD,
      {
        input: {
          commandId: newCommandId(),
          kind: 'FIXED_BELOW_THRESHOLD',
          communeCodes: ['44184'],
          prioritySites: { schools: 2, businesses: 14 },
          estimatedCost: 1200000,
          identifiedOn: '2014-02-01',
          ...input,
        },
      },
      token,
    );
  const events = async (id: string) => (await service.graphql(HISTORY, { streamId: `whiteZone-${id}` }, admin)).body.data!.history.totalCount as number;
  const ids = async (filter: Record<string, unknown>) =>
    (await service.graphql(LIST, { filter })).body.data!.whiteZones.edges.map((e: { node: { id: string } }) => e.node.id);

  it('records a white zone, plans its resolution by a network project, then resolves it', async () => {
    const recorded = await record({ zoneId: 'zb-44-a' });
    expect(recorded.body.errors).toBeUndefined();
    expect(recorded.body.data!.recordWhiteZone.whiteZone).toMatchObject({
      status: 'IDENTIFIED',
      communeCodes: ['44184'],
      prioritySites: { schools: 2, publicServices: 0, businesses: 14, health: 0 },
      estimatedCost: 1200000,
    });
    const revised = await service.graphql(
      REVISE,
      { input: { commandId: newCommandId(), zoneId: 'zb-44-a', estimatedCost: 1500000, reason: 'Étude DDT 2014' } },
      secretariat,
    );
    expect(revised.body.data!.reviseWhiteZoneEstimate.whiteZone).toEqual({ estimatedCost: 1500000, prioritySites: { schools: 2 } });
    const planned = await service.graphql(
      PLAN,
      { input: { commandId: newCommandId(), zoneId: 'zb-44-a', networkProjectId: 'rip-44', plannedOn: '2015-01-10' } },
      secretariat,
    );
    expect(planned.body.data!.planWhiteZoneResolution.whiteZone).toEqual({ status: 'PLANNED', plannedOn: '2015-01-10', networkProjectId: 'rip-44' });
    const early = await service.graphql(RESOLVE, { input: { commandId: newCommandId(), zoneId: 'zb-44-a', resolvedOn: '2015-01-01' } }, secretariat);
    expect(codesOf(early)).toEqual(['BAD_USER_INPUT']);
    const resolved = await service.graphql(RESOLVE, { input: { commandId: newCommandId(), zoneId: 'zb-44-a', resolvedOn: '2016-09-01' } }, secretariat);
    expect(resolved.body.data!.resolveWhiteZone.whiteZone).toEqual({ status: 'RESOLVED', resolvedOn: '2016-09-01', networkProjectId: 'rip-44' });
    const zone = (await service.graphql(ZONE, { id: 'zb-44-a' })).body.data!.whiteZone;
    expect(zone.networkProject).toEqual({ id: 'rip-44', name: 'RIP 44' });
    expect(zone.revision).toBe(3);
    const fromProject = await service.graphql(`{ networkProject(id: "rip-44") { whiteZones(first: 10) { totalCount edges { node { id status } } } } }`);
    expect(fromProject.body.data!.networkProject.whiteZones).toEqual({ totalCount: 1, edges: [{ node: { id: 'zb-44-a', status: 'RESOLVED' } }] });
  });

  it('refuses bad input, unknown projects and other roles; refusals write nothing', async () => {
    expect(codesOf(await record({ zoneId: 'zb-x', communeCodes: ['99999'] }))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await record({ zoneId: 'zb-x' }, cd44))).toEqual(['FORBIDDEN']);
    expect(codesOf(await record({ zoneId: 'zb-x', identifiedOn: '2999-01-01' }))).toEqual(['BAD_USER_INPUT']);
    expect(await events('zb-x')).toBe(0);
    await record({
      zoneId: 'zb-49-mobile',
      kind: 'MOBILE_2G_3G',
      communeCodes: ['49007', '49099'],
      prioritySites: { publicServices: 1, health: 1 },
      estimatedCost: null,
    });
    const before = await events('zb-49-mobile');
    const unknown = await service.graphql(
      PLAN,
      { input: { commandId: newCommandId(), zoneId: 'zb-49-mobile', networkProjectId: 'rip-nope', plannedOn: '2015-01-10' } },
      secretariat,
    );
    expect(codesOf(unknown)).toEqual(['NOT_FOUND']);
    const frozen = await service.graphql(
      PLAN,
      { input: { commandId: newCommandId(), zoneId: 'zb-44-a', networkProjectId: 'rip-44', plannedOn: '2015-01-10' } },
      secretariat,
    );
    expect(codesOf(frozen)).toEqual(['CONFLICT']);
    expect(await events('zb-49-mobile')).toBe(before);
  });

  it('filters by territory, kind and status, with totals over the same filter', async () => {
    await record({ zoneId: 'zb-44-b', communeCodes: ['44184', '44109'], prioritySites: { schools: 1, health: 3 }, estimatedCost: 800000 });
    expect(await ids({ territory: { kind: 'DEPARTEMENT', code: '44' } })).toEqual(['zb-44-a', 'zb-44-b']);
    expect(await ids({ territory: { kind: 'COMMUNE', code: '44109' } })).toEqual(['zb-44-b']);
    expect(await ids({ kinds: ['MOBILE_2G_3G'] })).toEqual(['zb-49-mobile']);
    expect(await ids({ statuses: ['RESOLVED'] })).toEqual(['zb-44-a']);
    expect(await ids({ territory: { kind: 'REGION', code: '52' }, statuses: ['IDENTIFIED'] })).toEqual(['zb-44-b', 'zb-49-mobile']);
    const all = (await service.graphql(TOTALS, {})).body.data!.whiteZoneTotals;
    expect(all).toEqual({
      zones: 3,
      communes: 4,
      prioritySites: { schools: 3, publicServices: 1, businesses: 14, health: 4, total: 22 },
      estimatedCost: 2300000,
      zonesWithoutEstimate: 1,
    });
    const dep44 = (await service.graphql(TOTALS, { filter: { territory: { kind: 'DEPARTEMENT', code: '44' }, statuses: ['IDENTIFIED', 'PLANNED'] } })).body
      .data!.whiteZoneTotals;
    expect(dep44).toMatchObject({ zones: 1, communes: 2, estimatedCost: 800000 });
  });
});
