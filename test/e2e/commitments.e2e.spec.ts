import { createHash } from 'node:crypto';
import { CommitmentLapseWatch } from '../../src/commitments/commitment-lapse.watch.js';
import { codesOf, newCommandId, startTestService, type TestService, registerPrincipals } from './harness.js';

const REGISTER = `mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }`;
const COMMITMENT_FIELDS = `id committingActorId status health currentValue currentAsOf revision dueDate target { quantity unit }
  stemsFrom { kind conventionId decisionId } endedReason`;
const MAKE = `mutation($input: MakeCommitmentInput!) { makeCommitment(input: $input) { revision replayed commitment { ${COMMITMENT_FIELDS} } } }`;
const REVISE = `mutation($input: ReviseCommitmentInput!) { reviseCommitment(input: $input) { revision commitment { ${COMMITMENT_FIELDS} } } }`;
const REPORT = `mutation($input: ReportCommitmentProgressInput!) { reportCommitmentProgress(input: $input) { commitment { ${COMMITMENT_FIELDS} } } }`;
const COMMITMENT = `query($id: ID!) { commitment(id: $id) { ${COMMITMENT_FIELDS}
  committingActor { name } territories { kind code }
  versions { revision target { quantity unit } dueDate reason }
  progress { value asOf source supersedesCurrent reportedBy }
  conventions { id } } }`;
const LIST = `query($filter: CommitmentFilterInput, $first: Int, $after: String) {
  commitments(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
const HISTORY = `query($streamId: String!) { history(streamId: $streamId, first: 100) { totalCount edges { node { type metadata { correlationId causationId } } } } }`;

describe('Commitments over HTTP', () => {
  let service: TestService;
  let admin: string;
  let secretariat: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    service = await startTestService();
    await registerPrincipals(service, 'sgar-52');
    admin = await service.token('sgar-52', 'admin');
    secretariat = await service.token('sgar-52', 'commission_secretariat');
    for (const [actorId, kind, territory] of [
      ['sfr', 'PRIVATE_OPERATOR', { kind: 'REGION', code: '52' }],
      ['orange', 'PRIVATE_OPERATOR', { kind: 'REGION', code: '52' }],
      ['cd-44', 'DEPARTEMENT', { kind: 'DEPARTEMENT', code: '44' }],
      ['prefet-52', 'STATE_IN_REGION', { kind: 'REGION', code: '52' }],
    ] as const) {
      const result = await service.graphql(
        REGISTER,
        { input: { commandId: newCommandId(), actorId, kind, name: actorId.toUpperCase(), territories: [territory] } },
        admin,
      );
      expect(result.body.errors).toBeUndefined();
      tokens[actorId] = await service.token(actorId, 'representative');
    }
  });
  afterAll(() => service.close());

  const make = (input: Record<string, unknown>, token = tokens['sfr']) =>
    service.graphql(
      MAKE,
      {
        input: {
          commandId: newCommandId(),
          committingActorId: 'sfr',
          subject: 'FIXED_COVERAGE',
          title: 'FttH à Nantes',
          target: { quantity: 1000, unit: 'FTTH_PREMISES' },
          territories: [{ kind: 'COMMUNE', code: '44109' }],
          dueDate: '2040-12-31',
          occurredAt: '2020-01-01T09:00:00Z',
          ...input,
        },
      },
      token,
    );
  const get = async (id: string) => (await service.graphql(COMMITMENT, { id })).body.data!.commitment;
  const ids = async (filter: Record<string, unknown>) =>
    (await service.graphql(LIST, { filter, first: 100 })).body.data!.commitments.edges.map((e: { node: { id: string } }) => e.node.id);

  it('makes, revises with a reason, and keeps every version', async () => {
    const made = await make({ commitmentId: 'sfr-nantes' });
    expect(made.body.errors).toBeUndefined();
    expect(made.body.data!.makeCommitment).toMatchObject({
      revision: 0,
      replayed: false,
      commitment: { id: 'sfr-nantes', status: 'ACTIVE', dueDate: '2040-12-31' },
    });

    const noReason = await service.graphql(
      REVISE,
      { input: { commandId: newCommandId(), commitmentId: 'sfr-nantes', dueDate: '2041-06-30', reason: '   ' } },
      tokens['sfr'],
    );
    expect(codesOf(noReason)).toEqual(['BAD_USER_INPUT']);
    const revised = await service.graphql(
      REVISE,
      {
        input: {
          commandId: newCommandId(),
          commitmentId: 'sfr-nantes',
          target: { quantity: 1200, unit: 'FTTH_PREMISES' },
          reason: 'Plan de déploiement 2021 élargi',
          expectedRevision: 0,
        },
      },
      tokens['sfr'],
    );
    expect(revised.body.data!.reviseCommitment).toMatchObject({ revision: 1, commitment: { target: { quantity: 1200, unit: 'FTTH_PREMISES' } } });
    const stale = await service.graphql(
      REVISE,
      { input: { commandId: newCommandId(), commitmentId: 'sfr-nantes', dueDate: '2041-06-30', reason: 'x', expectedRevision: 0 } },
      tokens['sfr'],
    );
    expect(codesOf(stale)).toEqual(['CONFLICT']);
    const byOther = await service.graphql(
      REVISE,
      { input: { commandId: newCommandId(), commitmentId: 'sfr-nantes', dueDate: '2041-06-30', reason: 'x' } },
      tokens['orange'],
    );
    expect(codesOf(byOther)).toEqual(['FORBIDDEN']);

    const commitment = await get('sfr-nantes');
    expect(commitment.committingActor).toEqual({ name: 'SFR' });
    expect(commitment.versions).toEqual([
      { revision: 0, target: { quantity: 1000, unit: 'FTTH_PREMISES' }, dueDate: '2040-12-31', reason: null },
      { revision: 1, target: { quantity: 1200, unit: 'FTTH_PREMISES' }, dueDate: '2040-12-31', reason: 'Plan de déploiement 2021 élargi' },
    ]);
  });

  it('keeps an older progress report in the history without moving the current value back', async () => {
    const report = (input: Record<string, unknown>, token = tokens['sfr']) =>
      service.graphql(REPORT, { input: { commandId: newCommandId(), commitmentId: 'sfr-nantes', source: 'DECLARED', ...input } }, token);
    expect((await report({ value: 600, asOf: '2025-06-30' })).body.errors).toBeUndefined();
    const older = await report({ value: 300, asOf: '2024-12-31' });
    expect(older.body.data!.reportCommitmentProgress.commitment).toMatchObject({ currentValue: 600, currentAsOf: '2025-06-30' });

    expect(codesOf(await report({ value: 700, asOf: '2025-12-31' }, secretariat))).toEqual(['BAD_USER_INPUT']);
    const fromOperatorData = await report({ value: 700, asOf: '2025-12-31', source: 'OPERATOR_DATA' }, secretariat);
    expect(fromOperatorData.body.data!.reportCommitmentProgress.commitment.currentValue).toBe(700);
    expect(codesOf(await report({ value: 800, asOf: '2026-01-31' }, tokens['orange']))).toEqual(['FORBIDDEN']);
    expect(codesOf(await report({ value: 800, asOf: '2999-01-31' }))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await report({ value: -1, asOf: '2026-01-31' }))).toEqual(['BAD_USER_INPUT']);

    expect((await get('sfr-nantes')).progress).toEqual([
      { value: 600, asOf: '2025-06-30', source: 'DECLARED', supersedesCurrent: true, reportedBy: 'sfr' },
      { value: 300, asOf: '2024-12-31', source: 'DECLARED', supersedesCurrent: false, reportedBy: 'sfr' },
      { value: 700, asOf: '2025-12-31', source: 'OPERATOR_DATA', supersedesCurrent: true, reportedBy: 'sgar-52' },
    ]);
  });

  it('derives health and breaches lapsed commitments once, from the scheduler', async () => {
    // Made in 2020 and due in 2040: about a third of the way by now, so 0 is at risk and 90 % on track.
    expect((await make({ commitmentId: 'behind' })).body.errors).toBeUndefined();
    expect((await make({ commitmentId: 'ahead' })).body.errors).toBeUndefined();
    await service.graphql(
      REPORT,
      { input: { commandId: newCommandId(), commitmentId: 'ahead', value: 900, asOf: '2025-01-01', source: 'DECLARED' } },
      tokens['sfr'],
    );
    expect((await make({ commitmentId: 'lapsed', dueDate: '2021-01-01' })).body.errors).toBeUndefined();

    expect((await get('behind')).health).toBe('AT_RISK');
    expect((await get('ahead')).health).toBe('ON_TRACK');
    expect((await get('lapsed')).health).toBe('LATE');
    expect(await ids({ health: ['AT_RISK'] })).toEqual(['behind']);
    expect(await ids({ health: ['LATE'] })).toEqual(['lapsed']);

    const watch = service.app.get(CommitmentLapseWatch);
    expect(await watch.recordLapsed()).toBe(1);
    expect(await watch.recordLapsed()).toBe(0);
    const lapsed = await get('lapsed');
    expect(lapsed).toMatchObject({ status: 'BREACHED', health: null, endedReason: 'Due date 2021-01-01 passed unfulfilled' });
    const history = (await service.graphql(HISTORY, { streamId: 'commitment-lapsed' }, admin)).body.data!.history;
    expect(history.edges.map((e: { node: { type: string } }) => e.node.type)).toEqual(['CommitmentMade', 'CommitmentBreached']);
  });

  it('fulfils, withdraws and declares breaches; an ended commitment no longer changes', async () => {
    expect((await make({ commitmentId: 'to-fulfil' })).body.errors).toBeUndefined();
    expect((await make({ commitmentId: 'to-withdraw' })).body.errors).toBeUndefined();
    expect((await make({ commitmentId: 'to-breach' })).body.errors).toBeUndefined();
    const end = (mutation: string, inputType: string, input: Record<string, unknown>, token: string) =>
      service.graphql(
        `mutation($input: ${inputType}!) { ${mutation}(input: $input) { commitment { status endedReason } } }`,
        { input: { commandId: newCommandId(), ...input } },
        token,
      );

    expect(
      (await end('fulfilCommitment', 'FulfilCommitmentInput', { commitmentId: 'to-fulfil', note: 'Réception des travaux' }, tokens['sfr'])).body.data!
        .fulfilCommitment.commitment,
    ).toEqual({
      status: 'FULFILLED',
      endedReason: 'Réception des travaux',
    });
    expect(
      codesOf(await end('withdrawCommitment', 'EndCommitmentInput', { commitmentId: 'to-withdraw', reason: 'Projet abandonné' }, tokens['orange'])),
    ).toEqual(['FORBIDDEN']);
    expect(
      (await end('withdrawCommitment', 'EndCommitmentInput', { commitmentId: 'to-withdraw', reason: 'Projet abandonné' }, tokens['sfr'])).body.data!
        .withdrawCommitment.commitment.status,
    ).toBe('WITHDRAWN');
    // A breach is the commission's finding (its secretariat records it), not another actor's (docs/security.md).
    expect(
      codesOf(
        await end('declareCommitmentBreached', 'EndCommitmentInput', { commitmentId: 'to-breach', reason: 'Aucun déploiement constaté' }, tokens['cd-44']),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      (await end('declareCommitmentBreached', 'EndCommitmentInput', { commitmentId: 'to-breach', reason: 'Aucun déploiement constaté' }, secretariat)).body
        .data!.declareCommitmentBreached.commitment.status,
    ).toBe('BREACHED');
    expect(codesOf(await end('fulfilCommitment', 'FulfilCommitmentInput', { commitmentId: 'to-withdraw' }, tokens['sfr']))).toEqual(['CONFLICT']);
    expect(await ids({ statuses: ['FULFILLED', 'WITHDRAWN'] })).toEqual(['to-fulfil', 'to-withdraw']);
  });

  it('finds commitments under the territories that enclose theirs, and by due-date range, page by page', async () => {
    expect(await ids({ territory: { kind: 'DEPARTEMENT', code: '44' }, statuses: ['ACTIVE'] })).toEqual(['ahead', 'behind', 'sfr-nantes']);
    expect(await ids({ territory: { kind: 'REGION', code: '52' }, dueTo: '2030-01-01' })).toEqual(['lapsed']);
    expect(await ids({ territory: { kind: 'DEPARTEMENT', code: '49' } })).toEqual([]);
    const firstPage = (await service.graphql(LIST, { filter: { actorId: 'sfr' }, first: 2 })).body.data!.commitments;
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    const secondPage = (await service.graphql(LIST, { filter: { actorId: 'sfr' }, first: 2, after: firstPage.pageInfo.endCursor })).body.data!.commitments;
    expect(secondPage.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(firstPage.edges[0].node.id);
    expect(codesOf(await service.graphql(LIST, { filter: { dueFrom: '2026-02-30' } }))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await service.graphql(LIST, { filter: { territory: { kind: 'COMMUNE', code: '44999' } } }))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses bad input at the edge and in decide, recording nothing', async () => {
    const cases: [Record<string, unknown>, string, string[]?][] = [
      [{ commitmentId: 'bad-1', territories: [{ kind: 'COMMUNE', code: '00000' }] }, 'BAD_USER_INPUT', ['territories.0.code']],
      [{ commitmentId: 'bad-2', target: { quantity: 0, unit: 'EUROS' } }, 'BAD_USER_INPUT', ['target.quantity']],
      [{ commitmentId: 'bad-3', target: { quantity: 120, unit: 'PERCENT' } }, 'BAD_USER_INPUT', ['target.quantity']],
      [{ commitmentId: 'bad-4', dueDate: '2019-12-31' }, 'BAD_USER_INPUT', ['dueDate']],
      [{ commitmentId: 'bad-5', title: 'x'.repeat(301) }, 'BAD_USER_INPUT'],
      [{ commitmentId: 'bad-6', committingActorId: 'nobody' }, 'NOT_FOUND'],
      [{ commitmentId: 'bad-7', committingActorId: 'orange' }, 'FORBIDDEN'],
      [{ commitmentId: 'bad-8', stemsFrom: { kind: 'COMMISSION_DECISION', decisionId: 'd-1' } }, 'BAD_USER_INPUT', ['stemsFrom.meetingId']],
      [{ commitmentId: 'bad-9', stemsFrom: { kind: 'CONVENTION', conventionId: 'no-such-convention' } }, 'NOT_FOUND'],
    ];
    for (const [input, code, fields] of cases) {
      const result = await make(input);
      expect({ input, codes: codesOf(result) }).toEqual({ input, codes: [code] });
      if (fields) expect(result.body.errors![0].extensions!.fields).toEqual(fields);
      const history = await service.graphql(HISTORY, { streamId: `commitment-${input.commitmentId as string}` }, admin);
      expect(history.body.data!.history.totalCount).toBe(0);
    }
  });

  it('lets the commission secretariat record a commitment a commission decision requested', async () => {
    const stemsFrom = { kind: 'COMMISSION_DECISION', decisionId: 'dec-2015-03', meetingId: 'ccrant-2015-03' };
    const made = await make({ commitmentId: 'requested', committingActorId: 'cd-44', stemsFrom }, secretariat);
    expect(made.body.data!.makeCommitment.commitment).toMatchObject({
      committingActorId: 'cd-44',
      stemsFrom: { kind: 'COMMISSION_DECISION', decisionId: 'dec-2015-03' },
    });
    expect(codesOf(await make({ commitmentId: 'not-requested', committingActorId: 'cd-44' }, secretariat))).toEqual(['FORBIDDEN']);
  });

  it('turns a convention’s deployment calendar into linked commitments, once, and attaches others', async () => {
    const hash = createHash('sha256').update('CPSD 44 calendrier').digest('hex');
    const drafted = await service.graphql(
      `mutation($input: DraftConventionInput!) { draftConvention(input: $input) { convention { id } } }`,
      {
        input: {
          commandId: newCommandId(),
          conventionId: 'cpsd-calendar',
          kind: 'CPSD',
          title: 'CPSD Loire-Atlantique',
          parties: [
            { actorId: 'sfr', signaturesRequired: 1 },
            { actorId: 'prefet-52', signaturesRequired: 1 },
          ],
          documentHash: hash,
          scope: ['44109', '44184'],
          calendar: [
            { communeCode: '44109', plannedPremises: 74200, plannedDate: '2030-12-31' },
            { communeCode: '44184', plannedPremises: 21000, plannedDate: '2031-06-30' },
          ],
          occurredAt: '2020-01-10T09:00:00Z',
        },
      },
      tokens['sfr'],
    );
    expect(drafted.body.errors).toBeUndefined();
    const calendarInput = { commandId: newCommandId(), conventionId: 'cpsd-calendar', committingActorId: 'sfr', occurredAt: '2020-03-01T09:00:00Z' };
    const MAKE_FROM_CALENDAR = `mutation($input: CommitmentsFromConventionCalendarInput!) {
      makeCommitmentsFromConventionCalendar(input: $input) { created commitments { id title target { quantity } dueDate territories { code } stemsFrom { kind conventionId } } } }`;
    const notInForce = await service.graphql(MAKE_FROM_CALENDAR, { input: calendarInput }, tokens['sfr']);
    expect(codesOf(notInForce)).toEqual(['CONFLICT']);

    for (const party of ['sfr', 'prefet-52']) {
      const signed = await service.graphql(
        `mutation($input: SignConventionInput!) { signConvention(input: $input) { convention { status } } }`,
        {
          input: {
            commandId: newCommandId(),
            conventionId: 'cpsd-calendar',
            documentHash: hash,
            signatory: { personId: `p-${party}`, title: 'Signataire' },
            place: 'Nantes',
            signedOn: '2020-02-01',
          },
        },
        tokens[party],
      );
      expect(signed.body.errors).toBeUndefined();
    }
    const created = await service.graphql(MAKE_FROM_CALENDAR, { input: calendarInput }, tokens['sfr']);
    expect(created.body.errors).toBeUndefined();
    const payload = created.body.data!.makeCommitmentsFromConventionCalendar;
    expect(payload.created).toBe(2);
    expect(
      payload.commitments.map((c: { target: { quantity: number }; dueDate: string; territories: { code: string }[] }) => [
        c.territories[0].code,
        c.target.quantity,
        c.dueDate,
      ]),
    ).toEqual([
      ['44109', 74200, '2030-12-31'],
      ['44184', 21000, '2031-06-30'],
    ]);
    // The generated titles reach French documents (reports, feeds): French, with the commune's name.
    expect(payload.commitments.map((c: { title: string }) => c.title)).toEqual([
      'Locaux FttH programmés à Nantes (44109) au titre de la convention CPSD Loire-Atlantique',
      'Locaux FttH programmés à Saint-Nazaire (44184) au titre de la convention CPSD Loire-Atlantique',
    ]);
    const retried = await service.graphql(MAKE_FROM_CALENDAR, { input: calendarInput }, tokens['sfr']);
    expect(retried.body.data!.makeCommitmentsFromConventionCalendar.created).toBe(0);
    expect(retried.body.data!.makeCommitmentsFromConventionCalendar.commitments.map((c: { id: string }) => c.id)).toEqual(
      payload.commitments.map((c: { id: string }) => c.id),
    );

    const byNonParty = await service.graphql(
      MAKE_FROM_CALENDAR,
      { input: { ...calendarInput, commandId: newCommandId(), committingActorId: 'orange' } },
      tokens['orange'],
    );
    expect(codesOf(byNonParty)).toEqual(['CONFLICT']);
    expect(await ids({ actorId: 'orange' })).toEqual([]);

    const attached = await service.graphql(
      `mutation($input: AttachCommitmentToConventionInput!) { attachCommitmentToConvention(input: $input) { commitment { conventions { id } } } }`,
      { input: { commandId: newCommandId(), commitmentId: 'sfr-nantes', conventionId: 'cpsd-calendar' } },
      tokens['sfr'],
    );
    expect(attached.body.data!.attachCommitmentToConvention.commitment.conventions).toEqual([{ id: 'cpsd-calendar' }]);
    const fromConvention = await service.graphql(`{ convention(id: "cpsd-calendar") { commitments(first: 10) { totalCount edges { node { id } } } } }`);
    expect(fromConvention.body.data!.convention.commitments.totalCount).toBe(3);
    expect(fromConvention.body.data!.convention.commitments.edges.map((e: { node: { id: string } }) => e.node.id)).toContain('sfr-nantes');

    const history = (await service.graphql(HISTORY, { streamId: `commitment-${payload.commitments[0].id as string}` }, admin)).body.data!.history;
    expect(history.edges[0].node.metadata).toEqual({ correlationId: calendarInput.commandId, causationId: calendarInput.commandId });
  });
  it('answers a page’s nested progress and committing actor, read once per page, as the one-by-one reads do', async () => {
    const NESTED = `committingActor { id name status } progress { value asOf source supersedesCurrent reportedBy }`;
    const page = await service.graphql(`{ commitments(first: 30) { edges { node { id ${NESTED} } } } }`, {}, admin);
    expect(page.body.errors).toBeUndefined();
    const nodes = page.body.data!.commitments.edges.map((edge: { node: { id: string } }) => edge.node);
    expect(nodes.length).toBeGreaterThan(3);
    expect(nodes.some((node: { progress: unknown[] }) => node.progress.length > 1)).toBe(true);
    for (const node of nodes) {
      const single = await service.graphql(`query($id: ID!) { commitment(id: $id) { id ${NESTED} } }`, { id: node.id }, admin);
      expect(single.body.data!.commitment).toEqual(node);
    }

    // Read your writes: the payload's nested progress includes the report just made.
    expect((await make({ commitmentId: 'sfr-batched' })).body.errors).toBeUndefined();
    const progressInPage = async () => {
      const list = await service.graphql(`{ commitments(first: 100) { edges { node { id progress { value } } } } }`, {}, admin);
      return list.body.data!.commitments.edges.find((edge: { node: { id: string } }) => edge.node.id === 'sfr-batched').node.progress as unknown[];
    };
    expect(await progressInPage()).toEqual([]);
    const reported = await service.graphql(
      `mutation($input: ReportCommitmentProgressInput!) { reportCommitmentProgress(input: $input) { commitment { progress { value asOf } } } }`,
      { input: { commandId: newCommandId(), commitmentId: 'sfr-batched', source: 'DECLARED', value: 750, asOf: '2026-01-31' } },
      tokens['sfr'],
    );
    expect(reported.body.errors).toBeUndefined();
    expect(reported.body.data!.reportCommitmentProgress.commitment.progress).toEqual([{ value: 750, asOf: '2026-01-31' }]);
    // And the next page read sees it too: nothing of the page before is kept.
    expect(await progressInPage()).toEqual([{ value: 750 }]);
  });
});
