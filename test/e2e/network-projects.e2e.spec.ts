import { createHash } from 'node:crypto';
import { codesOf, newCommandId, startTestService, type TestService, registerPrincipals } from './harness.js';

const REGISTER_ACTOR = `mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }`;
const PROJECT_FIELDS = `id name leadActorId departementCodes multiDepartemental technologies procurementModel delegateOperatorId status registeredOn completedOn lateMilestoneCount revision`;
const REGISTER = `mutation($input: RegisterNetworkProjectInput!) { registerNetworkProject(input: $input) { revision replayed networkProject { ${PROJECT_FIELDS} } } }`;
const CONTRACT = `mutation($input: ChooseNetworkProjectContractInput!) { chooseNetworkProjectContract(input: $input) { networkProject { procurementModel delegateOperatorId } } }`;
const MILESTONE_FIELDS = `key label status firstPlannedDate plannedDate achievedOn evidenceHash outOfOrder skippedKeys late slippageDays dates { date reason }`;
const PLAN = `mutation($input: PlanMilestoneInput!) { planMilestone(input: $input) { revision milestone { ${MILESTONE_FIELDS} } } }`;
const RESCHEDULE = `mutation($input: RescheduleMilestoneInput!) { rescheduleMilestone(input: $input) { milestone { ${MILESTONE_FIELDS} } } }`;
const ACHIEVE = `mutation($input: AchieveMilestoneInput!) { achieveMilestone(input: $input) { milestone { ${MILESTONE_FIELDS} } } }`;
const DROP = `mutation($input: DropMilestoneInput!) { dropMilestone(input: $input) { milestone { key status droppedReason } } }`;
const REPORT = `mutation($input: ReportNetworkIndicatorsInput!) { reportNetworkIndicators(input: $input) { revision } }`;
const FINANCING = `mutation($input: ReviseNetworkFinancingInput!) { reviseNetworkFinancing(input: $input) { revision } }`;
const PROJECT = `query($id: ID!) { networkProject(id: $id) { ${PROJECT_FIELDS} leadActor { name }
  milestones { ${MILESTONE_FIELDS} }
  latestIndicators { asOf ftthPremisesPlanned ftthPremisesBuilt ftthPremisesConnectable ftthPremisesConnected copperUpgradeLines lowered reason reportedBy }
  indicatorHistory { asOf ftthPremisesBuilt lowered reason }
  financing { asOf totalCost split { state region departement epci euErdf operatorPrivate other } stateAidCommitted stateAidPaid }
  financingHistory { asOf totalCost reason revisedBy } } }`;
const LIST = `query($filter: NetworkProjectFilterInput) { networkProjects(filter: $filter, first: 50) { totalCount edges { node { id lateMilestoneCount } } } }`;
const HISTORY = `query($streamId: String!) { history(streamId: $streamId, first: 1) { totalCount } }`;

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

describe('Network projects (RIP) over HTTP', () => {
  let service: TestService;
  let admin: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    service = await startTestService();
    await registerPrincipals(service, 'sgar-52', 'mission-thd');
    admin = await service.token('sgar-52', 'admin');
    for (const [actorId, kind, territory] of [
      ['cd-44', 'DEPARTEMENT', { kind: 'DEPARTEMENT', code: '44' }],
      ['cd-49', 'DEPARTEMENT', { kind: 'DEPARTEMENT', code: '49' }],
      ['gigalis', 'JOINT_SYNDICATE', { kind: 'REGION', code: '52' }],
      ['orange', 'PRIVATE_OPERATOR', { kind: 'REGION', code: '52' }],
      ['nantes-metropole', 'EPCI', { kind: 'EPCI', code: '244400404' }],
    ] as const) {
      const result = await service.graphql(
        REGISTER_ACTOR,
        { input: { commandId: newCommandId(), actorId, kind, name: actorId.toUpperCase(), territories: [territory] } },
        admin,
      );
      expect(result.body.errors).toBeUndefined();
      tokens[actorId] = await service.token(actorId, 'representative');
    }
    tokens['mission-thd'] = await service.token('mission-thd', 'national_body');
  });
  afterAll(() => service.close());

  const register = (input: Record<string, unknown>, token = tokens['cd-44']) =>
    service.graphql(
      REGISTER,
      {
        input: {
          commandId: newCommandId(),
          name: 'Loire-Atlantique THD',
          leadActorId: 'cd-44',
          departementCodes: ['44'],
          technologies: ['FTTH', 'COPPER_UPGRADE'],
          occurredAt: '2014-03-01T10:00:00Z',
          ...input,
        },
      },
      token,
    );
  const milestone = (query: string, input: Record<string, unknown>, token = tokens['cd-44']) =>
    service.graphql(query, { input: { commandId: newCommandId(), projectKind: 'NETWORK', projectId: 'rip-44', ...input } }, token);
  const project = async (id = 'rip-44') => (await service.graphql(PROJECT, { id })).body.data!.networkProject;
  const events = async (id = 'rip-44') => (await service.graphql(HISTORY, { streamId: `networkProject-${id}` }, admin)).body.data!.history.totalCount as number;
  const ids = async (filter: Record<string, unknown>) =>
    (await service.graphql(LIST, { filter })).body.data!.networkProjects.edges.map((e: { node: { id: string } }) => e.node.id);

  it('follows a RIP from registration through the State funding decision to commercial opening', async () => {
    const registered = await register({ projectId: 'rip-44' });
    expect(registered.body.errors).toBeUndefined();
    expect(registered.body.data!.registerNetworkProject).toMatchObject({
      revision: 13,
      networkProject: {
        id: 'rip-44',
        departementCodes: ['44'],
        multiDepartemental: false,
        technologies: ['FTTH', 'COPPER_UPGRADE'],
        status: 'ACTIVE',
        registeredOn: '2014-03-01',
      },
    });
    const proposed = (await project()).milestones;
    expect(proposed.map((m: { key: string }) => m.key)).toEqual([
      'sdtan_adopted',
      'structure_created',
      'operators_consulted',
      'funding_file_filed',
      'state_approval_in_principle',
      'procurement_model_chosen',
      'contract_awarded',
      'state_funding_decision',
      'financing_convention_signed',
      'works_started',
      'first_cabinets_accepted',
      'commercial_opening',
      'completed',
    ]);
    expect((await project()).leadActor).toEqual({ name: 'CD-44' });

    const planned = await milestone(PLAN, { key: 'state_funding_decision', date: '2015-03-31' });
    expect(planned.body.data!.planMilestone.milestone).toMatchObject({
      status: 'PLANNED',
      plannedDate: '2015-03-31',
      firstPlannedDate: '2015-03-31',
      dates: [{ date: '2015-03-31', reason: null }],
    });
    const rescheduled = await milestone(RESCHEDULE, {
      key: 'state_funding_decision',
      date: '2015-07-15',
      reason: 'Dossier complété à la demande de la Mission THD',
    });
    expect(rescheduled.body.data!.rescheduleMilestone.milestone).toMatchObject({
      plannedDate: '2015-07-15',
      firstPlannedDate: '2015-03-31',
      dates: [
        { date: '2015-03-31', reason: null },
        { date: '2015-07-15', reason: 'Dossier complété à la demande de la Mission THD' },
      ],
    });
    await milestone(DROP, { key: 'structure_created', reason: 'Run by the département itself' });
    for (const key of [
      'sdtan_adopted',
      'operators_consulted',
      'funding_file_filed',
      'state_approval_in_principle',
      'procurement_model_chosen',
      'contract_awarded',
    ]) {
      const done = await milestone(ACHIEVE, { key, achievedOn: '2015-02-01', evidenceHash: hash(key) });
      expect(done.body.data!.achieveMilestone.milestone).toMatchObject({ status: 'ACHIEVED', outOfOrder: false });
    }
    const decision = await milestone(ACHIEVE, { key: 'state_funding_decision', achievedOn: '2015-07-20', evidenceHash: hash('decision') });
    expect(decision.body.data!.achieveMilestone.milestone).toMatchObject({
      achievedOn: '2015-07-20',
      slippageDays: 111,
      late: false,
      evidenceHash: hash('decision'),
    });

    const contract = await service.graphql(
      CONTRACT,
      { input: { commandId: newCommandId(), projectId: 'rip-44', procurementModel: 'CONCESSION_DSP', delegateOperatorId: 'orange' } },
      tokens['cd-44'],
    );
    expect(contract.body.data!.chooseNetworkProjectContract.networkProject).toEqual({ procurementModel: 'CONCESSION_DSP', delegateOperatorId: 'orange' });

    // Commercial opening before the financing convention and works: allowed, flagged.
    const opening = await milestone(ACHIEVE, { key: 'commercial_opening', achievedOn: '2016-09-01', evidenceHash: hash('opening') });
    expect(opening.body.data!.achieveMilestone.milestone).toMatchObject({
      status: 'ACHIEVED',
      outOfOrder: true,
      skippedKeys: ['financing_convention_signed', 'works_started', 'first_cabinets_accepted'],
    });

    // Indicators: by the lead actor, then by the delegate operator; a lowering needs a reason.
    expect(
      (
        await service.graphql(
          REPORT,
          {
            input: {
              commandId: newCommandId(),
              projectId: 'rip-44',
              asOf: '2016-06-30',
              figures: { ftthPremisesPlanned: 120000, ftthPremisesBuilt: 8000, ftthPremisesConnectable: 7000, ftthPremisesConnected: 900 },
            },
          },
          tokens['cd-44'],
        )
      ).body.errors,
    ).toBeUndefined();
    expect(
      (
        await service.graphql(
          REPORT,
          { input: { commandId: newCommandId(), projectId: 'rip-44', asOf: '2016-12-31', figures: { ftthPremisesBuilt: 15000, copperUpgradeLines: 3200 } } },
          tokens['orange'],
        )
      ).body.errors,
    ).toBeUndefined();
    const before = await events();
    const lowered = await service.graphql(
      REPORT,
      { input: { commandId: newCommandId(), projectId: 'rip-44', asOf: '2017-01-15', figures: { ftthPremisesBuilt: 14500 } } },
      tokens['orange'],
    );
    expect(codesOf(lowered)).toEqual(['BAD_USER_INPUT']);
    const overBuilt = await service.graphql(
      REPORT,
      { input: { commandId: newCommandId(), projectId: 'rip-44', asOf: '2017-01-15', figures: { ftthPremisesBuilt: 130000 } } },
      tokens['orange'],
    );
    expect(codesOf(overBuilt)).toEqual(['BAD_USER_INPUT']);
    expect(await events()).toBe(before);
    const corrected = await service.graphql(
      REPORT,
      {
        input: {
          commandId: newCommandId(),
          projectId: 'rip-44',
          asOf: '2017-01-15',
          figures: { ftthPremisesBuilt: 14500 },
          reason: 'Réception refusée sur 500 prises',
        },
      },
      tokens['orange'],
    );
    expect(corrected.body.errors).toBeUndefined();

    // Cost estimate, then a revision (the semestrial update of cost estimates).
    const split = { state: 60_000_000, region: 25_000_000, departement: 50_000_000, euErdf: 10_000_000, operatorPrivate: 85_000_000 };
    const badSplit = await service.graphql(
      FINANCING,
      {
        input: {
          commandId: newCommandId(),
          projectId: 'rip-44',
          asOf: '2015-07-20',
          totalCost: 240_000_000,
          split,
          stateAidCommitted: 60_000_000,
          stateAidPaid: 0,
        },
      },
      tokens['cd-44'],
    );
    expect(codesOf(badSplit)).toEqual(['BAD_USER_INPUT']);
    expect(
      (
        await service.graphql(
          FINANCING,
          {
            input: {
              commandId: newCommandId(),
              projectId: 'rip-44',
              asOf: '2015-07-20',
              totalCost: 230_000_000,
              split,
              stateAidCommitted: 60_000_000,
              stateAidPaid: 0,
            },
          },
          tokens['cd-44'],
        )
      ).body.errors,
    ).toBeUndefined();
    const revised = await service.graphql(
      FINANCING,
      {
        input: {
          commandId: newCommandId(),
          projectId: 'rip-44',
          asOf: '2016-12-31',
          totalCost: 245_000_000,
          split: { ...split, departement: 65_000_000 },
          stateAidCommitted: 60_000_000,
          stateAidPaid: 12_000_000,
          reason: 'Avenant n°1 à la DSP',
        },
      },
      tokens['mission-thd'],
    );
    expect(revised.body.errors).toBeUndefined();

    const rip = await project();
    expect(rip.latestIndicators).toEqual({
      asOf: '2017-01-15',
      ftthPremisesPlanned: 120000,
      ftthPremisesBuilt: 14500,
      ftthPremisesConnectable: 7000,
      ftthPremisesConnected: 900,
      copperUpgradeLines: 3200,
      lowered: ['ftthPremisesBuilt'],
      reason: 'Réception refusée sur 500 prises',
      reportedBy: 'orange',
    });
    expect(rip.indicatorHistory.map((r: { ftthPremisesBuilt: number }) => r.ftthPremisesBuilt)).toEqual([8000, 15000, 14500]);
    expect(rip.financing).toEqual({
      asOf: '2016-12-31',
      totalCost: 245_000_000,
      split: { ...split, departement: 65_000_000, epci: 0, other: 0 },
      stateAidCommitted: 60_000_000,
      stateAidPaid: 12_000_000,
    });
    expect(rip.financingHistory).toEqual([
      { asOf: '2015-07-20', totalCost: 230_000_000, reason: null, revisedBy: 'cd-44' },
      { asOf: '2016-12-31', totalCost: 245_000_000, reason: 'Avenant n°1 à la DSP', revisedBy: 'mission-thd' },
    ]);
    const timeline = Object.fromEntries(rip.milestones.map((m: { key: string }) => [m.key, m]));
    expect(timeline['structure_created']).toMatchObject({ status: 'DROPPED', slippageDays: null });
    expect(timeline['works_started']).toMatchObject({ status: 'PENDING', plannedDate: null, late: false });
  });

  it('refuses achievement in the future or before registration, and forbids other actors; refusals write nothing', async () => {
    await register({ projectId: 'rip-49', leadActorId: 'cd-49', departementCodes: ['49'], technologies: ['FTTH'] }, tokens['cd-49']);
    const before = await events('rip-49');
    const future = await milestone(ACHIEVE, { projectId: 'rip-49', key: 'sdtan_adopted', achievedOn: '2999-01-01', evidenceHash: hash('x') }, tokens['cd-49']);
    expect(codesOf(future)).toEqual(['BAD_USER_INPUT']);
    const early = await milestone(ACHIEVE, { projectId: 'rip-49', key: 'sdtan_adopted', achievedOn: '2014-02-28', evidenceHash: hash('x') }, tokens['cd-49']);
    expect(codesOf(early)).toEqual(['BAD_USER_INPUT']);
    const noHash = await milestone(ACHIEVE, { projectId: 'rip-49', key: 'sdtan_adopted', achievedOn: '2015-01-01', evidenceHash: 'abc' }, tokens['cd-49']);
    expect(codesOf(noHash)).toEqual(['BAD_USER_INPUT']);
    const other = await milestone(PLAN, { projectId: 'rip-49', key: 'sdtan_adopted', date: '2015-01-01' }, tokens['cd-44']);
    expect(codesOf(other)).toEqual(['FORBIDDEN']);
    const noReason = await milestone(PLAN, { projectId: 'rip-49', key: 'sdtan_adopted', date: '2015-01-01' }, tokens['cd-49']);
    expect(noReason.body.errors).toBeUndefined();
    const moved = await milestone(RESCHEDULE, { projectId: 'rip-49', key: 'sdtan_adopted', date: '2015-02-01', reason: ' ' }, tokens['cd-49']);
    expect(codesOf(moved)).toEqual(['BAD_USER_INPUT']);
    const replan = await milestone(PLAN, { projectId: 'rip-49', key: 'sdtan_adopted', date: '2015-02-01' }, tokens['cd-49']);
    expect(codesOf(replan)).toEqual(['CONFLICT']);
    expect(await events('rip-49')).toBe(before + 1);
    const missing = await milestone(PLAN, { projectId: 'nope', key: 'sdtan_adopted', date: '2015-01-01' }, tokens['cd-49']);
    expect(codesOf(missing)).toEqual(['NOT_FOUND']);
  });

  it('refuses bad registrations and replays a retried command', async () => {
    expect(codesOf(await register({ projectId: 'rip-x', leadActorId: 'nantes-metropole' }, tokens['nantes-metropole']))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await register({ projectId: 'rip-x', departementCodes: ['99'] }))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await register({ projectId: 'rip-x' }, tokens['cd-49']))).toEqual(['FORBIDDEN']);
    expect(await events('rip-x')).toBe(0);
    const commandId = newCommandId();
    const first = await register({ commandId, projectId: 'rip-pdl', leadActorId: 'gigalis', departementCodes: ['85', '53', '72'] }, tokens['gigalis']);
    expect(first.body.errors).toBeUndefined();
    const again = await register({ commandId, projectId: 'rip-pdl', leadActorId: 'gigalis', departementCodes: ['85', '53', '72'] }, tokens['gigalis']);
    expect(first.body.data!.registerNetworkProject.networkProject).toMatchObject({ departementCodes: ['53', '72', '85'], multiDepartemental: true });
    expect(again.body.data!.registerNetworkProject).toMatchObject({ replayed: true, revision: 13 });
  });

  it('filters by département, lead actor, status and late milestones', async () => {
    // rip-49 has sdtan_adopted planned for 2015-01-01, long past: late.
    expect(await ids({ departementCode: '44' })).toEqual(['rip-44']);
    expect(await ids({ departementCode: '85' })).toEqual(['rip-pdl']);
    expect(await ids({ leadActorId: 'cd-49' })).toEqual(['rip-49']);
    expect(await ids({ hasLateMilestones: true })).toEqual(['rip-49']);
    expect(await ids({ hasLateMilestones: false })).toEqual(['rip-44', 'rip-pdl']);
    expect(await ids({ statuses: ['ACTIVE'] })).toEqual(['rip-44', 'rip-49', 'rip-pdl']);
    expect(await ids({ statuses: ['COMPLETED'] })).toEqual([]);
    expect(codesOf(await service.graphql(LIST, { filter: { departementCode: '99' } }))).toEqual(['BAD_USER_INPUT']);
    const page =
      await service.graphql(`{ networkProjects(first: 20) { edges { node { id leadActor { name } milestones { key slippageDays dates { date reason } }
      latestIndicators { asOf } indicatorHistory { asOf } financing { totalCost } financingHistory { asOf } } } } }`);
    expect(page.body.errors).toBeUndefined();
    expect(page.body.data!.networkProjects.edges).toHaveLength(3);
    const late = (await project('rip-49')).milestones[0];
    expect(late).toMatchObject({ key: 'sdtan_adopted', late: true });
    expect(late.slippageDays).toBeGreaterThan(3000);
  });

  it('completes the project when the completion milestone is achieved', async () => {
    await milestone(ACHIEVE, { projectId: 'rip-pdl', key: 'completed', achievedOn: '2020-12-31', evidenceHash: hash('done') }, tokens['gigalis']);
    expect(await project('rip-pdl')).toMatchObject({ status: 'COMPLETED', completedOn: '2020-12-31' });
    expect(await ids({ statuses: ['COMPLETED'] })).toEqual(['rip-pdl']);
    const after = await milestone(PLAN, { projectId: 'rip-pdl', key: 'works_started', date: '2021-01-01' }, tokens['gigalis']);
    expect(codesOf(after)).toEqual(['CONFLICT']);
  });
});
