import { createHash } from 'node:crypto';
import { codesOf, newCommandId, startTestService, type TestService, registerPrincipals } from './harness.js';

const REGISTER_ACTOR = `mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }`;
const FIELDS = `id title domain priorityLevel innovativeTerritory nationalCallReference carryingActorId partnerIds registeredOn status completedOn lateMilestoneCount revision`;
const REGISTER = `mutation($input: RegisterUsageProjectInput!) { registerUsageProject(input: $input) { revision replayed usageProject { ${FIELDS} } } }`;
const COMPLETE = `mutation($input: CompleteUsageProjectInput!) { completeUsageProject(input: $input) { usageProject { status completedOn } } }`;
const PLAN = `mutation($input: PlanMilestoneInput!) { planMilestone(input: $input) { projectKind projectId milestone { key status plannedDate late } } }`;
const RESCHEDULE = `mutation($input: RescheduleMilestoneInput!) { rescheduleMilestone(input: $input) { milestone { plannedDate firstPlannedDate slippageDays dates { date reason } } } }`;
const ACHIEVE = `mutation($input: AchieveMilestoneInput!) { achieveMilestone(input: $input) { milestone { key status achievedOn outOfOrder skippedKeys slippageDays } } }`;
const ADD = `mutation($input: AddMilestoneInput!) { addMilestone(input: $input) { milestone { key label order } } }`;
const PROJECT = `query($id: ID!) { usageProject(id: $id) { ${FIELDS} carryingActor { name } territories { kind code } milestones { key label status plannedDate late } } }`;
const LIST = `query($filter: UsageProjectFilterInput) { usageProjects(filter: $filter, first: 50) { totalCount edges { node { id } } } }`;
const HISTORY = `query($streamId: String!) { history(streamId: $streamId, first: 1) { totalCount } }`;

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

describe('Usage and service projects over HTTP', () => {
  let service: TestService;
  let admin: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    service = await startTestService();
    await registerPrincipals(service, 'sgar-52');
    admin = await service.token('sgar-52', 'admin');
    for (const [actorId, kind, territory] of [
      ['ars-pdl', 'STATE_AGENCY', { kind: 'REGION', code: '52' }],
      ['rectorat-nantes', 'STATE_AGENCY', { kind: 'REGION', code: '52' }],
      ['cd-53', 'DEPARTEMENT', { kind: 'DEPARTEMENT', code: '53' }],
    ] as const) {
      const result = await service.graphql(
        REGISTER_ACTOR,
        { input: { commandId: newCommandId(), actorId, kind, name: actorId.toUpperCase(), territories: [territory] } },
        admin,
      );
      expect(result.body.errors).toBeUndefined();
      tokens[actorId] = await service.token(actorId, 'representative');
    }
  });
  afterAll(() => service.close());

  const register = (input: Record<string, unknown>, token = tokens['ars-pdl']) =>
    service.graphql(
      REGISTER,
      {
        input: {
          commandId: newCommandId(),
          title: 'Télémédecine en Mayenne',
          domain: 'HEALTH',
          priorityLevel: 'NATIONAL',
          innovativeTerritory: true,
          nationalCallReference: 'PIA-ESANTE-2014',
          carryingActorId: 'ars-pdl',
          partnerIds: ['cd-53'],
          territories: [{ kind: 'COMMUNE', code: '53130' }],
          occurredAt: '2014-05-01T08:00:00Z',
          ...input,
        },
      },
      token,
    );
  const milestone = (query: string, input: Record<string, unknown>, token = tokens['ars-pdl']) =>
    service.graphql(query, { input: { commandId: newCommandId(), projectKind: 'USAGE', projectId: 'telemed-53', ...input } }, token);
  const ids = async (filter: Record<string, unknown>) =>
    (await service.graphql(LIST, { filter })).body.data!.usageProjects.edges.map((e: { node: { id: string } }) => e.node.id);
  const events = async (id: string) => (await service.graphql(HISTORY, { streamId: `usageProject-${id}` }, admin)).body.data!.history.totalCount as number;

  it('registers a usage project and runs its milestones through the machinery shared with network projects', async () => {
    const registered = await register({ projectId: 'telemed-53' });
    expect(registered.body.errors).toBeUndefined();
    expect(registered.body.data!.registerUsageProject).toMatchObject({
      revision: 5,
      usageProject: {
        id: 'telemed-53',
        domain: 'HEALTH',
        priorityLevel: 'NATIONAL',
        innovativeTerritory: true,
        nationalCallReference: 'PIA-ESANTE-2014',
        partnerIds: ['cd-53'],
        status: 'ACTIVE',
      },
    });
    const planned = await milestone(PLAN, { key: 'pilot_started', date: '2015-01-15' });
    expect(planned.body.data!.planMilestone).toEqual({
      projectKind: 'USAGE',
      projectId: 'telemed-53',
      milestone: { key: 'pilot_started', status: 'PLANNED', plannedDate: '2015-01-15', late: true },
    });
    const moved = await milestone(RESCHEDULE, { key: 'pilot_started', date: '2015-03-01', reason: 'Équipement des EHPAD retardé' });
    expect(moved.body.data!.rescheduleMilestone.milestone).toMatchObject({
      plannedDate: '2015-03-01',
      firstPlannedDate: '2015-01-15',
      dates: [
        { date: '2015-01-15', reason: null },
        { date: '2015-03-01', reason: 'Équipement des EHPAD retardé' },
      ],
    });
    const added = await milestone(ADD, { key: 'ehpad_equipped', label: 'EHPAD equipped', afterKey: 'funding_secured' });
    expect(added.body.data!.addMilestone.milestone).toEqual({ key: 'ehpad_equipped', label: 'EHPAD equipped', order: 25 });
    const achieved = await milestone(ACHIEVE, { key: 'pilot_started', achievedOn: '2015-03-10', evidenceHash: hash('pilot') });
    expect(achieved.body.data!.achieveMilestone.milestone).toEqual({
      key: 'pilot_started',
      status: 'ACHIEVED',
      achievedOn: '2015-03-10',
      outOfOrder: true,
      skippedKeys: ['project_defined', 'funding_secured', 'ehpad_equipped'],
      slippageDays: 54,
    });
    const project = (await service.graphql(PROJECT, { id: 'telemed-53' })).body.data!.usageProject;
    expect(project.carryingActor).toEqual({ name: 'ARS-PDL' });
    expect(project.territories).toEqual([{ kind: 'COMMUNE', code: '53130' }]);
    expect(project.milestones.map((m: { key: string }) => m.key)).toEqual([
      'project_defined',
      'funding_secured',
      'ehpad_equipped',
      'pilot_started',
      'service_opened',
      'evaluated',
    ]);
  });

  it('keeps the milestone rules and access on usage projects; refusals write nothing', async () => {
    const before = await events('telemed-53');
    expect(codesOf(await milestone(ACHIEVE, { key: 'service_opened', achievedOn: '2014-04-30', evidenceHash: hash('x') }))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await milestone(PLAN, { key: 'service_opened', date: '2016-01-01' }, tokens['cd-53']))).toEqual(['FORBIDDEN']);
    expect(codesOf(await milestone(PLAN, { key: 'nope', date: '2016-01-01' }))).toEqual(['NOT_FOUND']);
    expect(codesOf(await milestone(PLAN, { projectKind: 'NETWORK', key: 'service_opened', date: '2016-01-01' }))).toEqual(['NOT_FOUND']);
    expect(await events('telemed-53')).toBe(before);
  });

  it('takes its own milestone sequence and refuses bad registrations', async () => {
    const own = await register(
      {
        projectId: 'e-lyco',
        title: 'e-Lyco',
        domain: 'EDUCATION',
        priorityLevel: 'REGIONAL',
        innovativeTerritory: false,
        nationalCallReference: null,
        carryingActorId: 'rectorat-nantes',
        partnerIds: [],
        territories: [{ kind: 'REGION', code: '52' }],
        milestones: [{ key: 'ent_opened', label: 'ENT opened' }],
      },
      tokens['rectorat-nantes'],
    );
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data!.registerUsageProject.revision).toBe(1);
    expect(codesOf(await register({ projectId: 'x', carryingActorId: 'rectorat-nantes' }))).toEqual(['FORBIDDEN']);
    expect(codesOf(await register({ projectId: 'x', partnerIds: ['ghost'] }))).toEqual(['NOT_FOUND']);
    expect(codesOf(await register({ projectId: 'x', territories: [{ kind: 'COMMUNE', code: '99999' }] }))).toEqual(['BAD_USER_INPUT']);
    expect(await events('x')).toBe(0);
  });

  it('filters by domain, priority, innovative territory, actor, territory, status and late milestones; completes', async () => {
    expect(await ids({ domains: ['HEALTH'] })).toEqual(['telemed-53']);
    expect(await ids({ priorityLevel: 'REGIONAL' })).toEqual(['e-lyco']);
    expect(await ids({ innovativeTerritory: true })).toEqual(['telemed-53']);
    expect(await ids({ actorId: 'cd-53' })).toEqual(['telemed-53']);
    expect(await ids({ territory: { kind: 'DEPARTEMENT', code: '53' } })).toEqual(['telemed-53']);
    expect(await ids({ territory: { kind: 'REGION', code: '52' } })).toEqual(['e-lyco', 'telemed-53']);
    await milestone(PLAN, { projectId: 'e-lyco', key: 'ent_opened', date: '2015-09-01' }, tokens['rectorat-nantes']);
    expect(await ids({ hasLateMilestones: true })).toEqual(['e-lyco']);
    const done = await service.graphql(
      COMPLETE,
      { input: { commandId: newCommandId(), projectId: 'telemed-53', completedOn: '2016-06-30' } },
      tokens['ars-pdl'],
    );
    expect(done.body.data!.completeUsageProject.usageProject).toEqual({ status: 'COMPLETED', completedOn: '2016-06-30' });
    expect(await ids({ statuses: ['COMPLETED'] })).toEqual(['telemed-53']);
  });
});
