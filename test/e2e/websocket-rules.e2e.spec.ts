import { createClient, type Client } from 'graphql-ws';
import request from 'supertest';
import WebSocket from 'ws';
import { TOKEN_EXPIRED_CLOSE_CODE } from '../../src/auth/subscription-auth.js';
import { codesOf, newCommandId, startTestService, type TestService } from './harness.js';

interface Outcome {
  data?: Record<string, any> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
  closed?: unknown;
}

/** Runs one operation over the client; resolves with its data/errors, or how the socket ended. */
function run(client: Client, query: string, variables: Record<string, unknown> = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    let last: Outcome = {};
    client.subscribe(
      { query, variables },
      {
        next: (value) => (last = value as Outcome),
        error: (error) => resolve(Array.isArray(error) ? { errors: error } : { closed: error }),
        complete: () => resolve(last),
      },
    );
  });
}

const REGISTER = `mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }`;
const RENAME = `mutation($input: RenameActorInput!) { renameActor(input: $input) { actor { name } } }`;

describe('WebSocket = HTTP (issue 16, findings 1-3)', () => {
  let service: TestService;
  let url: string;
  let admin: string;
  const clients: Client[] = [];
  const connect = (token: string, onClosed?: (code: number) => void) => {
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      connectionParams: { authorization: `Bearer ${token}` },
      on: { closed: (event) => onClosed?.((event as { code: number }).code) },
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    service = await startTestService({ RATE_LIMIT_PER_MINUTE: '40' });
    url = await service.listen();
    admin = await service.token('sgar-52', 'admin');
    for (const actorId of ['sgar-52', 'gigalis']) {
      const done = await service.graphql(
        REGISTER,
        { input: { commandId: newCommandId(), actorId, kind: 'JOINT_SYNDICATE', name: actorId, territories: [{ kind: 'REGION', code: '52' }] } },
        admin,
      );
      expect(done.body.errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await Promise.all(clients.map(async (client) => await client.dispose()));
    await service.close();
  });

  it('applies the depth, alias and cost limits to operations over graphql-ws', async () => {
    const client = connect(await service.token('sgar-52', 'auditor', { subject: 'ws-limits' }));
    const deep = `{ actor(id: "gigalis") { ${'conventions { edges { node { parties { actor { '.repeat(12)} id ${'} } } } }'.repeat(12)} } }`;
    const aliases = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const costly = `{ ${Array.from({ length: 10 }, (_, i) => `r${i}: actors(first: 100) { edges { node { conventions(first: 100) { edges { node { id } } } } } }`).join(' ')} }`;
    for (const [query, limit] of [
      [deep, 'depth'],
      [aliases, 'aliases'],
      [costly, 'cost'],
    ] as const) {
      const outcome = await run(client, query);
      expect(outcome.errors?.map((e) => e.extensions?.code)).toContain('BAD_USER_INPUT');
      expect(outcome.errors?.map((e) => e.extensions?.limit)).toContain(limit);
    }
    const fine = await run(client, '{ actor(id: "gigalis") { id } }');
    expect(fine.data).toEqual({ actor: { id: 'gigalis' } });
  });

  it('closes the connection with 4401 when the token expires: subscriptions end, later operations are refused; a fresh token reconnects', async () => {
    const short = await service.token('gigalis', 'representative', { subject: 'ws-expiry', expiresIn: '3s' });
    let closedWith: number | undefined;
    const client = connect(short, (code) => (closedWith = code));
    const renamedBefore = await run(client, RENAME, { input: { commandId: newCommandId(), actorId: 'gigalis', name: 'Gigalis (avant)' } });
    expect(renamedBefore.errors).toBeUndefined();
    const subscription = run(client, `subscription { commitmentChanged { eventType } }`);
    const ended = await subscription;
    expect(ended.closed ?? ended.errors).toBeDefined();
    expect(closedWith).toBe(TOKEN_EXPIRED_CLOSE_CODE);

    // The same client reconnects with the same, now expired, token: refused (4403), nothing recorded.
    const after = await run(client, RENAME, { input: { commandId: newCommandId(), actorId: 'gigalis', name: 'Gigalis (après)' } });
    expect(after.data).toBeUndefined();
    const name = (await service.graphql('{ actor(id: "gigalis") { name } }')).body.data!.actor.name;
    expect(name).toBe('Gigalis (avant)');

    const fresh = connect(await service.token('gigalis', 'representative', { subject: 'ws-expiry' }));
    const renamed = await run(fresh, RENAME, { input: { commandId: newCommandId(), actorId: 'gigalis', name: 'Gigalis' } });
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data!.renameActor.actor.name).toBe('Gigalis');
  }, 15_000);

  it('maps domain refusals over graphql-ws to the same codes as over HTTP', async () => {
    const other = connect(await service.token('sgar-52', 'representative', { subject: 'ws-codes' }));
    const refused = await run(other, RENAME, { input: { commandId: newCommandId(), actorId: 'gigalis', name: 'Pris' } });
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('counts operations over graphql-ws in the same budget as HTTP requests of the same principal', async () => {
    const token = await service.token('sgar-52', 'auditor', { subject: 'ws-budget' });
    const client = connect(token);
    for (let i = 0; i < 40; i++) expect((await run(client, '{ __typename }')).data).toEqual({ __typename: 'Query' });
    const over = await run(client, '{ __typename }');
    expect(over.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
    expect(over.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    const http = await service.graphql('{ __typename }', {}, token);
    expect(http.status).toBe(429);
    expect(codesOf(http)).toEqual(['RATE_LIMITED']);
    // Another principal still has its own budget.
    expect((await service.graphql('{ __typename }', {}, await service.token('sgar-52', 'auditor', { subject: 'someone-else' }))).status).toBe(200);
  });
});

describe('Rate limiter keyed on who the caller is (issue 16, finding 3)', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(() => service.close());
  const server = () => service.app.getHttpServer();

  it('gives the same token one budget whatever the spelling of the header', async () => {
    const token = await service.token('sgar-52', 'auditor', { subject: 'spelling' });
    const spellings = [`Bearer ${token}`, `bearer ${token}`, `BEARER ${token}`, `Bearer   ${token}`, `Bearer\t${token}`, `Bearer ${token}`];
    const statuses: number[] = [];
    for (const header of spellings) {
      const response = await request(server())
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('authorization', header)
        .send({ query: '{ __typename }' });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('counts REST downloads in the same budget, answers 429 typed with Retry-After', async () => {
    const token = await service.token('sgar-52', 'auditor', { subject: 'rest' });
    for (let i = 0; i < 5; i++) await request(server()).get('/feeds/calendar.ics?from=2026-01-01&to=2026-02-01').set('authorization', `Bearer ${token}`);
    const graphql = await request(server())
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${token}`)
      .send({ query: '{ __typename }' });
    expect(graphql.status).toBe(429);
    const download = await request(server()).get('/integrity/export').set('authorization', `Bearer ${token}`);
    expect(download.status).toBe(429);
    expect(Number(download.headers['retry-after'])).toBeGreaterThan(0);
    expect(download.body.error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
  });

  it('counts unverifiable tokens against the address: junk tokens are not served once the address is over budget', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 7; i++) {
      const response = await request(server())
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('authorization', `Bearer junk-${i}`)
        .send({ query: '{ actor(id: "x") { id } }' });
      codes.push(response.body.errors[0].extensions.code);
    }
    expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED', 'RATE_LIMITED']);
    // The address is spent: anonymous requests from it too.
    expect((await request(server()).post('/graphql').set('content-type', 'application/json').send({ query: '{ __typename }' })).status).toBe(429);
  });
});

describe('Client address behind a proxy: TRUST_PROXY is explicit', () => {
  const anonymous = (service: TestService, forwardedFor: string) =>
    request(service.app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('x-forwarded-for', forwardedFor)
      .send({ query: '{ __typename }' });

  it('ignores X-Forwarded-For by default: a client cannot pick a fresh address', async () => {
    const service = await startTestService({ RATE_LIMIT_PER_MINUTE: '2' });
    try {
      const statuses = [];
      for (const address of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) statuses.push((await anonymous(service, address)).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await service.close();
    }
  });

  it('with TRUST_PROXY=loopback, counts each forwarded client apart', async () => {
    const service = await startTestService({ RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: 'loopback' });
    try {
      const statuses = [];
      for (const address of ['10.0.0.1', '10.0.0.1', '10.0.0.1', '10.0.0.2']) statuses.push((await anonymous(service, address)).status);
      expect(statuses).toEqual([200, 200, 429, 200]);
    } finally {
      await service.close();
    }
  });
});
