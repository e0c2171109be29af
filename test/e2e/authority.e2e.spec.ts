import { createClient } from 'graphql-ws';
import request from 'supertest';
import WebSocket from 'ws';
import { AUTHORITY } from '../../src/auth/authority.js';
import { ROLES, type Role } from '../../src/shared/principal.js';
import { buildWorld, CALLER, mutationCall, REGION, schema } from './generated-inputs.js';
import { codesOf, newCommandId, startTestService, type GraphQLResponse, type TestService } from './harness.js';

/**
 * Issue 16, findings 4 and 5: the authority table (src/auth/authority.ts, printed in
 * docs/security.md) over every mutation × every role × own / other region, and principals that
 * exist. Inputs are generated from the schema (generated-inputs.ts); the fields that name a record
 * or a territory point at the world of the region under test.
 */

describe('The authority table over real HTTP: every mutation × every role × own / other region', () => {
  let service: TestService;
  const tokens = {} as Record<Role, string>;

  const headPosition = async () => (await request(service.app.getHttpServer()).get('/health')).body.store.headPosition as string;

  beforeAll(async () => {
    service = await startTestService();
    await buildWorld(service);
    for (const role of ROLES) tokens[role] = await service.token(CALLER[role], role);
    // The world is some forty mutations in two regions: generous on a loaded machine.
  }, 120_000);
  afterAll(() => service.close());

  const refusedByTable = (response: GraphQLResponse) => response.body.errors?.find((e) => e.extensions?.authority);

  /** Writes whose input and record name no region (the people registry): the role decides alone. */
  const REGIONLESS = new Set(['registerPerson', 'updatePerson', 'erasePerson']);

  for (const rule of AUTHORITY) {
    it(`${rule.operation}: ${ROLES.map((role) => `${role} ${rule.roles[role] ?? 'refused'}`).join(', ')}`, async () => {
      const field = schema.getMutationType()!.getFields()[rule.operation];
      expect(field).toBeDefined();
      for (const role of ROLES) {
        for (const where of ['own', 'other'] as const) {
          const reach = rule.roles[role];
          const expectRefusal = !reach || (reach === 'regional' && where === 'other' && !REGIONLESS.has(rule.operation));
          const { query, variables } = mutationCall(rule.operation, REGION[where]);
          const before = expectRefusal ? await headPosition() : undefined;
          const response = await service.graphql(query, variables, tokens[role]);
          const refusal = refusedByTable(response);
          const cell = `${rule.operation} as ${role} on the ${where} region`;
          expect({ cell, refused: Boolean(refusal), errors: refusal || expectRefusal === Boolean(refusal) ? undefined : response.body.errors }).toEqual({
            cell,
            refused: expectRefusal,
            errors: undefined,
          });
          if (refusal) {
            expect(refusal.extensions!.code).toBe('FORBIDDEN');
            expect(refusal.extensions!.authority).toBe(reach ? 'region' : 'role');
            expect(await headPosition()).toBe(before);
          }
          // Every cell reached the resolver's guard: no error without a path (a request refused before execution proves nothing).
          expect({ cell, unexecuted: (response.body.errors ?? []).filter((e) => !e.path) }).toEqual({ cell, unexecuted: [] });
          expect({ cell, codes: codesOf(response) }).not.toEqual({ cell, codes: expect.arrayContaining(['INTERNAL']) });
        }
      }
    });
  }

  it('refuses the cross-region writes of the finding, with the region named', async () => {
    const secretariat52 = tokens.commission_secretariat;
    const issue = await service.graphql(
      `mutation($input: IssueReportInput!) { issueSemestrialReport(input: $input) { replayed } }`,
      { input: { commandId: newCommandId(), region: '84', semester: '2020-S1' } },
      secretariat52,
    );
    expect(codesOf(issue)).toEqual(['FORBIDDEN']);
    expect(issue.body.errors![0].extensions!.regions).toEqual(['84']);
    const progress = await service.graphql(
      `mutation($input: ReportCommitmentProgressInput!) { reportCommitmentProgress(input: $input) { commitment { id } } }`,
      { input: { commandId: newCommandId(), commitmentId: 'c-84', value: 5, asOf: '2020-06-30', source: 'AUDIT' } },
      secretariat52,
    );
    expect(codesOf(progress)).toEqual(['FORBIDDEN']);
    // A representative commits its own actor on another region's commune: refused; on its own: recorded.
    const commit = (code: string, id: string) =>
      service.graphql(
        `mutation($input: MakeCommitmentInput!) { makeCommitment(input: $input) { commitment { id } } }`,
        {
          input: {
            commandId: newCommandId(),
            commitmentId: id,
            committingActorId: 'op-52',
            subject: 'FIXED_COVERAGE',
            title: 'FttH',
            target: { quantity: 1, unit: 'FTTH_PREMISES' },
            territories: [{ kind: 'COMMUNE', code }],
            dueDate: '2040-12-31',
          },
        },
        tokens.representative,
      );
    expect(codesOf(await commit('69123', 'op-52-lyon'))).toEqual(['FORBIDDEN']);
    expect((await commit('44109', 'op-52-nantes')).body.errors).toBeUndefined();
    // A region-52 representative cannot move its actor into region 84 to widen its reach.
    const move = await service.graphql(
      `mutation($input: ChangeActorTerritoriesInput!) { changeActorTerritories(input: $input) { actor { id } } }`,
      {
        input: {
          commandId: newCommandId(),
          actorId: 'op-52',
          territories: [
            { kind: 'REGION', code: '52' },
            { kind: 'REGION', code: '84' },
          ],
        },
      },
      tokens.representative,
    );
    expect(codesOf(move)).toEqual(['FORBIDDEN']);
  });
});

describe('Principals that exist (issue 16, finding 5)', () => {
  let service: TestService;
  let admin: string;
  const REGISTER = `mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }`;
  const RETIRE = `mutation($input: RetireActorInput!) { retireActor(input: $input) { actor { status } } }`;
  const RENAME = `mutation($input: RenameActorInput!) { renameActor(input: $input) { actor { name } } }`;

  beforeAll(async () => {
    service = await startTestService();
    admin = await service.token('scoran-ledger', 'admin');
  });
  afterAll(() => service.close());

  it('lets an unregistered admin only register actors (bootstrap), then acts as a registered one', async () => {
    const retireFirst = await service.graphql(RETIRE, { input: { commandId: newCommandId(), actorId: 'nobody', reason: 'x' } }, admin);
    expect(codesOf(retireFirst)).toEqual(['UNAUTHENTICATED']);
    expect(codesOf(await service.graphql('{ actors(first: 1) { totalCount } }', {}, admin))).toEqual(['UNAUTHENTICATED']);
    for (const [actorId, kind, territories] of [
      ['scoran-ledger', 'NATIONAL_BODY', []],
      ['gigalis', 'JOINT_SYNDICATE', [{ kind: 'REGION', code: '52' }]],
    ] as const) {
      const done = await service.graphql(REGISTER, { input: { commandId: newCommandId(), actorId, kind, name: actorId, territories } }, admin);
      expect(done.body.errors).toBeUndefined();
    }
    expect((await service.graphql('{ actors(first: 1) { totalCount } }', {}, admin)).body.data!.actors.totalCount).toBe(2);
  });

  it('refuses a token naming an unregistered actor, on writes, queries and REST routes', async () => {
    const ghost = await service.token('ghost', 'representative');
    const ghostAdmin = await service.token('ghost', 'national_body');
    expect(codesOf(await service.graphql(RENAME, { input: { commandId: newCommandId(), actorId: 'gigalis', name: 'G' } }, ghost))).toEqual(['UNAUTHENTICATED']);
    expect(codesOf(await service.graphql('{ actor(id: "gigalis") { id } }', {}, ghostAdmin))).toEqual(['UNAUTHENTICATED']);
    const rest = await request(service.app.getHttpServer()).get('/feeds/calendar.ics?from=2026-01-01&to=2026-02-01').set('authorization', `Bearer ${ghost}`);
    expect(rest.status).toBe(401);
    expect(rest.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('stops a retired actor’s tokens at once: HTTP, REST and an open WebSocket', async () => {
    const gigalis = await service.token('gigalis', 'representative');
    const url = await service.listen();
    const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, connectionParams: { authorization: `Bearer ${gigalis}` } });
    const overWs = (query: string, variables: Record<string, unknown>) =>
      new Promise<{ data?: any; errors?: { extensions?: Record<string, unknown> }[] }>((resolve) => {
        let last = {};
        client.subscribe(
          { query, variables },
          { next: (v) => (last = v), error: (e) => resolve(Array.isArray(e) ? { errors: e } : {}), complete: () => resolve(last) },
        );
      });
    try {
      expect((await overWs(RENAME, { input: { commandId: newCommandId(), actorId: 'gigalis', name: 'Gigalis' } })).errors).toBeUndefined();
      // An open subscription of the actor ends at its next message once the actor is retired.
      const live = new Promise<{ data?: unknown; errors?: unknown; closed?: unknown }>((resolve) => {
        let last = {};
        client.subscribe(
          { query: 'subscription { commitmentChanged { eventType } }' },
          { next: (v) => (last = v), error: (e) => resolve(Array.isArray(e) ? { errors: e } : { closed: e }), complete: () => resolve(last) },
        );
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const retired = await service.graphql(RETIRE, { input: { commandId: newCommandId(), actorId: 'gigalis', reason: 'Dissous' } }, admin);
      expect(retired.body.errors).toBeUndefined();
      expect(codesOf(await service.graphql(RENAME, { input: { commandId: newCommandId(), actorId: 'gigalis', name: 'G2' } }, gigalis))).toEqual(['FORBIDDEN']);
      expect(codesOf(await service.graphql('{ actor(id: "gigalis") { id } }', {}, gigalis))).toEqual(['FORBIDDEN']);
      const rest = await request(service.app.getHttpServer())
        .get('/feeds/calendar.ics?from=2026-01-01&to=2026-02-01')
        .set('authorization', `Bearer ${gigalis}`);
      expect(rest.status).toBe(403);
      const made = await service.graphql(
        `mutation($input: MakeCommitmentInput!) { makeCommitment(input: $input) { commitment { id } } }`,
        {
          input: {
            commandId: newCommandId(),
            commitmentId: 'after-retirement',
            committingActorId: 'scoran-ledger',
            subject: 'FIXED_COVERAGE',
            title: 'FttH',
            target: { quantity: 1, unit: 'FTTH_PREMISES' },
            territories: [{ kind: 'COMMUNE', code: '44109' }],
            dueDate: '2040-12-31',
          },
        },
        admin,
      );
      expect(made.body.errors).toBeUndefined();
      const ended = await live;
      expect(JSON.stringify(ended)).not.toContain('CommitmentMade');
      expect((ended.closed as { code?: number } | undefined)?.code).toBe(4403);
      const ws = await overWs(RENAME, { input: { commandId: newCommandId(), actorId: 'gigalis', name: 'G3' } });
      // The client reconnects with the same token: the connection is refused (4403), nothing runs.
      expect(ws.data).toBeUndefined();
      expect((await service.graphql('{ actor(id: "gigalis") { name } }', {})).body.data!.actor.name).toBe('Gigalis');
    } finally {
      await client.dispose();
    }
  });
});
