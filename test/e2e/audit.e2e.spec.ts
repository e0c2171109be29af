import { AuditReadModel } from '../../src/audit/audit.read-model.js';
import { EntityStates } from '../../src/runtime/entity-states.js';
import { ROLES } from '../../src/shared/principal.js';
import { runGuide } from './guide-examples.js';
import { codesOf, newCommandId, startTestService, type TestService, registerPrincipals } from './harness.js';

const REGISTER = `mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }`;
const MAKE = `mutation($input: MakeCommitmentInput!) { makeCommitment(input: $input) { revision } }`;
const REPORT = `mutation($input: ReportCommitmentProgressInput!) { reportCommitmentProgress(input: $input) { revision } }`;
const REVISE = `mutation($input: ReviseCommitmentInput!) { reviseCommitment(input: $input) { revision } }`;
const TRAIL = `query($filter: AuditTrailFilter, $first: Int, $after: String, $newestFirst: Boolean) {
  auditTrail(filter: $filter, first: $first, after: $after, newestFirst: $newestFirst) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { position id streamId category revision type actingActor: metadata { actingActorId principal } summary hash } } } }`;
const CAUSATION = `query($eventId: ID!) { causation(eventId: $eventId) {
  root { id type } ancestors { link event { id type } } originCommandId truncated
  descendants { parentEventId link depth event { id type } } } }`;
const STATE_AS_OF = `query($streamId: String!, $at: PointInTimeInput!) { stateAsOf(streamId: $streamId, at: $at) {
  exists revision eventCount state attributes lastEvent { type } } }`;
const STATE_DIFF = `query($streamId: String!, $from: PointInTimeInput!, $to: PointInTimeInput!) { stateDiff(streamId: $streamId, from: $from, to: $to) {
  from { revision } to { revision } changes { path before after } events { type revision } } }`;
const HISTORY = `query($streamId: String!) { history(streamId: $streamId) { totalCount } }`;

describe('Audit trail, causation and time travel over HTTP', () => {
  let service: TestService;
  let admin: string;
  let auditor: string;
  const positions: Record<string, string> = {};

  beforeAll(async () => {
    service = await startTestService();
    await registerPrincipals(service, 'sgar-52', 'datar');
    admin = await service.token('sgar-52', 'admin');
    auditor = await service.token('datar', 'auditor');
    for (const [actorId, kind, name, territory] of [
      ['cd-44', 'DEPARTEMENT', 'Département de Loire-Atlantique', { kind: 'DEPARTEMENT', code: '44' }],
      ['cd-35', 'DEPARTEMENT', "Département d'Ille-et-Vilaine", { kind: 'DEPARTEMENT', code: '35' }],
    ] as const) {
      expect(
        (await service.graphql(REGISTER, { input: { commandId: newCommandId(), actorId, kind, name, territories: [territory] } }, admin)).body.errors,
      ).toBeUndefined();
    }
    const commitment = (actorId: string, commitmentId: string, commune: string) => ({
      commandId: newCommandId(),
      commitmentId,
      committingActorId: actorId,
      subject: 'FIXED_COVERAGE',
      title: `FttH ${commune}`,
      target: { quantity: 1000, unit: 'FTTH_PREMISES' },
      territories: [{ kind: 'COMMUNE', code: commune }],
      dueDate: '2040-12-31',
      occurredAt: '2026-01-15T09:00:00Z',
    });
    const cd44 = await service.token('cd-44', 'representative', { subject: 'agent-44' });
    const cd35 = await service.token('cd-35', 'representative', { subject: 'agent-35' });
    const results = [
      await service.graphql(MAKE, { input: commitment('cd-44', 'ftth-nantes', '44109') }, cd44),
      await service.graphql(MAKE, { input: commitment('cd-35', 'ftth-rennes', '35238') }, cd35),
      await service.graphql(
        REPORT,
        { input: { commandId: newCommandId(), commitmentId: 'ftth-nantes', value: 250, asOf: '2026-06-30', source: 'DECLARED' } },
        cd44,
      ),
      await service.graphql(
        REVISE,
        {
          input: {
            commandId: newCommandId(),
            commitmentId: 'ftth-nantes',
            target: { quantity: 1500, unit: 'FTTH_PREMISES' },
            reason: 'Avenant n°1',
            occurredAt: '2026-09-01T10:00:00Z',
          },
        },
        cd44,
      ),
    ];
    for (const result of results) expect(result.body.errors).toBeUndefined();
    const nantes = await service.graphql(TRAIL, { filter: { streamId: 'commitment-ftth-nantes' } }, auditor);
    [positions.made44, positions.report, positions.revise] = nantes.body.data!.auditTrail.edges.map((e: { node: { position: string } }) => e.node.position);
  });
  afterAll(() => service.close());

  const trail = async (variables: Record<string, unknown>, token = auditor) => {
    const response = await service.graphql(TRAIL, { first: 100, ...variables }, token);
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.auditTrail;
  };
  const types = (page: { edges: { node: { type: string } }[] }) => page.edges.map((e) => e.node.type);

  it('lists every act with its metadata and a readable summary, filtered', async () => {
    const all = await trail({});
    // The first two: the principals' actors (sgar-52, datar), registered first (a token must name a registered actor).
    expect(all.totalCount).toBe(8);
    expect(types(all)).toEqual([
      'ActorRegistered',
      'ActorRegistered',
      'ActorRegistered',
      'ActorRegistered',
      'CommitmentMade',
      'CommitmentMade',
      'CommitmentProgressReported',
      'CommitmentRevised',
    ]);
    const report = all.edges[6].node;
    expect(report).toMatchObject({
      streamId: 'commitment-ftth-nantes',
      category: 'commitment',
      revision: 1,
      actingActor: { actingActorId: 'cd-44', principal: 'agent-44' },
    });
    expect(report.summary).toBe(
      'agent-44 for Département de Loire-Atlantique: commitment progress reported on commitment-ftth-nantes (revision 1): value 250, asOf 2026-06-30, source declared',
    );

    expect(types(await trail({ filter: { region: '53' } }))).toEqual(['ActorRegistered', 'CommitmentMade']);
    expect(types(await trail({ filter: { region: '52', categories: ['commitment'] } }))).toEqual([
      'CommitmentMade',
      'CommitmentProgressReported',
      'CommitmentRevised',
    ]);
    expect(types(await trail({ filter: { actorId: 'cd-44', types: ['CommitmentRevised'] } }))).toEqual(['CommitmentRevised']);
    expect(types(await trail({ filter: { principal: 'agent-35' } }))).toEqual(['CommitmentMade']);
    // Acts without an occurredAt of their own occurred when recorded (now).
    expect(types(await trail({ filter: { occurredFrom: '2026-08-01T00:00:00Z', occurredTo: '2026-10-01T00:00:00Z' } }))).toEqual(['CommitmentRevised']);
    expect(types(await trail({ filter: { occurredTo: '2026-02-01T00:00:00Z' } }))).toEqual(['CommitmentMade', 'CommitmentMade']);
    expect(types(await trail({ filter: { streamId: 'commitment-ftth-nantes' }, newestFirst: true }))).toEqual([
      'CommitmentRevised',
      'CommitmentProgressReported',
      'CommitmentMade',
    ]);
    const firstPage = await trail({ first: 6 }, admin);
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    expect(types(await trail({ first: 6, after: firstPage.pageInfo.endCursor }))).toEqual(['CommitmentProgressReported', 'CommitmentRevised']);
  });

  it('rejects bad filters with the field', async () => {
    for (const [filter, field] of [
      [{ region: '99' }, 'filter.region'],
      [{ region: 'PDL' }, 'filter.region'],
      [{ recordedFrom: '2026-02-01T00:00:00Z', recordedTo: '2026-01-01T00:00:00Z' }, 'filter.recordedTo'],
      [{ types: ['Commitment Made; DROP'] }, 'filter.types'],
    ] as const) {
      const response = await service.graphql(TRAIL, { filter }, auditor);
      expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.body.errors![0].extensions!.fields.join()).toContain(field.split('.')[1]);
    }
  });

  it('follows a report back to the commitment it belongs to, and a commitment to what followed', async () => {
    const events = (await trail({ filter: { streamId: 'commitment-ftth-nantes' } })).edges.map((e: { node: { id: string } }) => e.node.id);
    const fromReport = await service.graphql(CAUSATION, { eventId: events[1] }, auditor);
    expect(fromReport.body.data!.causation).toMatchObject({
      root: { type: 'CommitmentProgressReported' },
      ancestors: [{ link: 'STREAM_CONTINUATION', event: { type: 'CommitmentMade' } }],
      originCommandId: null,
      truncated: false,
    });
    const fromMaking = (await service.graphql(CAUSATION, { eventId: events[0] }, auditor)).body.data!.causation;
    expect(fromMaking.descendants.map((n: { event: { type: string }; link: string | null; depth: number }) => [n.event.type, n.link, n.depth])).toEqual([
      ['CommitmentMade', null, 0],
      ['CommitmentProgressReported', 'STREAM_CONTINUATION', 1],
      ['CommitmentRevised', 'STREAM_CONTINUATION', 1],
    ]);
    expect(codesOf(await service.graphql(CAUSATION, { eventId: 'no-such-event' }, auditor))).toEqual(['NOT_FOUND']);
  });

  it('shows an entity as known at a position, a recorded time or an occurred time, and the diff', async () => {
    const stream = 'commitment-ftth-nantes';
    const atMaking = (await service.graphql(STATE_AS_OF, { streamId: stream, at: { position: positions.made44 } }, auditor)).body.data!.stateAsOf;
    expect(atMaking).toMatchObject({
      exists: true,
      revision: 0,
      eventCount: 1,
      lastEvent: { type: 'CommitmentMade' },
      state: { status: 'active', target: { quantity: 1000 } },
    });
    expect(atMaking.attributes).toMatchObject({ title: 'FttH 44109', committingActorId: 'cd-44' });

    const effectiveInJuly = (await service.graphql(STATE_AS_OF, { streamId: stream, at: { occurredAt: '2026-07-31T00:00:00Z' } }, auditor)).body.data!
      .stateAsOf;
    expect(effectiveInJuly.state.target.quantity).toBe(1000);
    const knownNow = (await service.graphql(STATE_AS_OF, { streamId: stream, at: { recordedAt: new Date().toISOString() } }, auditor)).body.data!.stateAsOf;
    expect(knownNow).toMatchObject({ revision: 2, state: { target: { quantity: 1500 }, latestProgress: { value: 250 } } });
    const beforeAnything = (await service.graphql(STATE_AS_OF, { streamId: stream, at: { recordedAt: '2020-01-01T00:00:00Z' } }, auditor)).body.data!.stateAsOf;
    expect(beforeAnything).toMatchObject({ exists: false, revision: -1, lastEvent: null });

    const diff = (await service.graphql(STATE_DIFF, { streamId: stream, from: { position: positions.made44 }, to: { position: positions.revise } }, auditor))
      .body.data!.stateDiff;
    expect(diff.events).toEqual([
      { type: 'CommitmentProgressReported', revision: 1 },
      { type: 'CommitmentRevised', revision: 2 },
    ]);
    expect(diff.changes).toEqual(
      expect.arrayContaining([
        { path: 'state.target.quantity', before: 1000, after: 1500 },
        { path: 'state.latestProgress', before: null, after: { value: 250, asOf: '2026-06-30' } },
        { path: 'attributes.reason', before: null, after: 'Avenant n°1' },
      ]),
    );

    expect(codesOf(await service.graphql(STATE_AS_OF, { streamId: stream, at: { position: '1', recordedAt: '2026-01-01T00:00:00Z' } }, auditor))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codesOf(await service.graphql(STATE_AS_OF, { streamId: stream, at: {} }, auditor))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await service.graphql(STATE_AS_OF, { streamId: stream, at: { position: '-3' } }, auditor))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await service.graphql(STATE_AS_OF, { streamId: 'commitment-nope', at: { position: '1' } }, auditor))).toEqual(['NOT_FOUND']);
  });

  it('has a decider for time travel on every category the log holds', () => {
    const states = service.app.get(EntityStates);
    const categories = service.app.get(AuditReadModel).categories();
    expect(categories).toEqual(['actor', 'commitment']);
    for (const category of categories) expect(states.has(category)).toBe(true);
    expect(states.categories()).toEqual(expect.arrayContaining(['actor', 'commitment', 'convention']));
  });

  describe('authorization matrix', () => {
    const queries: [string, string, Record<string, unknown>][] = [
      ['auditTrail', TRAIL, {}],
      ['causation', CAUSATION, { eventId: 'x' }],
      ['stateAsOf', STATE_AS_OF, { streamId: 'commitment-ftth-nantes', at: { position: '1' } }],
      ['stateDiff', STATE_DIFF, { streamId: 'commitment-ftth-nantes', from: { position: '1' }, to: { position: '2' } }],
    ];
    // National bodies also follow the trail and causation across regions; time travel stays with auditors.
    const readers = (name: string) => (['auditTrail', 'causation'].includes(name) ? ['auditor', 'admin', 'national_body'] : ['auditor', 'admin']);
    it.each(queries)('%s: only auditors and admins (and national bodies for the trail and causation)', async (name, query, variables) => {
      expect(codesOf(await service.graphql(query, variables))).toEqual(['UNAUTHENTICATED']);
      for (const role of ROLES) {
        const token = await service.token('cd-44', role);
        const codes = codesOf(await service.graphql(query, variables, token));
        if (readers(name).includes(role)) expect(codes.filter((c) => c !== 'NOT_FOUND')).toEqual([]);
        else expect(codes).toEqual(['FORBIDDEN']);
      }
    });

    it("history: a region's representative reads its region's records, not another region's", async () => {
      const cd35 = await service.token('cd-35', 'representative');
      const cd44 = await service.token('cd-44', 'representative');
      expect(codesOf(await service.graphql(HISTORY, { streamId: 'commitment-ftth-nantes' }, cd35))).toEqual(['FORBIDDEN']);
      expect(codesOf(await service.graphql(HISTORY, { streamId: 'actor-cd-44' }, cd35))).toEqual(['FORBIDDEN']);
      expect((await service.graphql(HISTORY, { streamId: 'commitment-ftth-rennes' }, cd35)).body.data!.history.totalCount).toBe(1);
      expect((await service.graphql(HISTORY, { streamId: 'commitment-ftth-nantes' }, cd44)).body.data!.history.totalCount).toBe(3);
      for (const role of ['national_body', 'auditor', 'admin'] as const) {
        expect(codesOf(await service.graphql(HISTORY, { streamId: 'commitment-ftth-rennes' }, await service.token('cd-44', role)))).toEqual([]);
      }
      expect(codesOf(await service.graphql(HISTORY, { streamId: 'commitment-ftth-rennes' }))).toEqual(['UNAUTHENTICATED']);
    });
  });
});

describe('Causation from a CCRANT decision', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
    // The commission's guide takes a decision requesting an action: its follow-up makes a commitment.
    await runGuide(service, 'api-commission.md');
    await registerPrincipals(service, 'datar');
  });
  afterAll(() => service.close());

  it('leads from the decision to the commitment it requested and on to its progress reports, and back', async () => {
    const auditor = await service.token('datar', 'auditor');
    const made = (
      await service.graphql(
        `{ auditTrail(filter: { types: ["CommitmentMade"] }) { edges { node { id streamId data metadata { commandId causationId actingActorId } } } } }`,
        {},
        auditor,
      )
    ).body.data!.auditTrail.edges.map((e: { node: unknown }) => e.node) as {
      id: string;
      streamId: string;
      data: { commitmentId: string; committingActorId: string };
      metadata: { commandId: string; causationId: string };
    }[];
    // Sent on behalf of the decision: its causation is not its own command.
    const requested = made.find((m) => m.metadata.causationId !== m.metadata.commandId);
    expect(requested).toBeDefined();
    const { commitmentId, committingActorId } = requested!.data;
    const reported = await service.graphql(
      `mutation($input: ReportCommitmentProgressInput!) { reportCommitmentProgress(input: $input) { revision } }`,
      { input: { commandId: newCommandId(), commitmentId, value: 1, asOf: '2026-06-30', source: 'DECLARED' } },
      await service.token(committingActorId, 'representative'),
    );
    expect(reported.body.errors).toBeUndefined();

    const fromCommitment = (await service.graphql(CAUSATION, { eventId: requested!.id }, auditor)).body.data!.causation;
    expect(fromCommitment.ancestors.map((a: { link: string; event: { type: string } }) => [a.link, a.event.type]).slice(-1)).toEqual([
      ['CAUSED_BY', 'DecisionRecorded'],
    ]);
    const decisionId = fromCommitment.ancestors[fromCommitment.ancestors.length - 1].event.id;
    const fromDecision = (await service.graphql(CAUSATION, { eventId: decisionId }, auditor)).body.data!.causation;
    const types = fromDecision.descendants.map((n: { link: string | null; event: { type: string } }) => [n.link, n.event.type]);
    expect(types).toEqual(
      expect.arrayContaining([
        ['CAUSED_BY', 'CommitmentMade'],
        ['STREAM_CONTINUATION', 'CommitmentProgressReported'],
      ]),
    );
  });

  it('gives the event ids on decisions and commitments, so causation needs no search of the history', async () => {
    const auditor = await service.token('datar', 'auditor');
    const listed = await service.graphql(`{ decisions(first: 50) { edges { node { id eventId commitmentId } } } }`, {}, auditor);
    expect(listed.body.errors).toBeUndefined();
    const decision = listed.body
      .data!.decisions.edges.map((e: { node: { id: string; eventId: string; commitmentId: string | null } }) => e.node)
      .find((d: { commitmentId: string | null }) => d.commitmentId);
    expect(decision).toBeDefined();
    const fromDecision = (await service.graphql(CAUSATION, { eventId: decision.eventId }, auditor)).body.data!.causation;
    expect(fromDecision.root).toMatchObject({ id: decision.eventId, type: 'DecisionRecorded' });
    const commitment = (await service.graphql(`query($id: ID!) { commitment(id: $id) { madeEventId } }`, { id: decision.commitmentId }, auditor)).body.data!
      .commitment;
    expect(fromDecision.descendants).toContainEqual(
      expect.objectContaining({ link: 'CAUSED_BY', event: { id: commitment.madeEventId, type: 'CommitmentMade' } }),
    );
    const fromCommitment = (await service.graphql(CAUSATION, { eventId: commitment.madeEventId }, auditor)).body.data!.causation;
    expect(fromCommitment.ancestors.at(-1)).toEqual({ link: 'CAUSED_BY', event: { id: decision.eventId, type: 'DecisionRecorded' } });
  });
});
