import request from 'supertest';
import { codesOf, newCommandId, startTestService, type TestService } from './harness.js';

const REGISTER = `mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id name } } }`;
const MAKE = `mutation($input: MakeCommitmentInput!) { makeCommitment(input: $input) { commitment { id } } }`;
const REPORT = `mutation($input: ReportCommitmentProgressInput!) { reportCommitmentProgress(input: $input) { commitment { id currentValue } } }`;

/** Findings 6, 8, 9 of issue 16: odd query parameters, explicit nulls, error shapes, introspection cost. */
describe('Edges: query parameters, explicit null, error shapes', () => {
  let service: TestService;
  let admin: string;
  let auditor: string;
  let sfr: string;

  beforeAll(async () => {
    service = await startTestService();
    admin = await service.token('sgar-52', 'admin');
    auditor = await service.token('cour-des-comptes', 'auditor');
    for (const actorId of ['sgar-52', 'sfr', 'cour-des-comptes']) {
      const done = await service.graphql(
        REGISTER,
        { input: { commandId: newCommandId(), actorId, kind: 'PRIVATE_OPERATOR', name: actorId.toUpperCase(), territories: [{ kind: 'REGION', code: '52' }] } },
        admin,
      );
      expect(done.body.errors).toBeUndefined();
    }
    sfr = await service.token('sfr', 'representative');
  });
  afterAll(() => service.close());

  const server = () => service.app.getHttpServer();

  it('answers prototype-named export filters with a typed 400, never 500', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
      const response = await request(server()).get(`/integrity/export?${name}=1`).set('authorization', `Bearer ${auditor}`);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('BAD_USER_INPUT');
    }
    const nested = await request(server()).get('/integrity/export?stream[__proto__]=1&type[]=x').set('authorization', `Bearer ${auditor}`);
    expect(nested.status).toBe(400);
  });

  it('treats an explicit null in an optional field as absent (reportCommitmentProgress with note: null)', async () => {
    const made = await service.graphql(
      MAKE,
      {
        input: {
          commandId: newCommandId(),
          commitmentId: 'sfr-nantes',
          committingActorId: 'sfr',
          subject: 'FIXED_COVERAGE',
          title: 'FttH à Nantes',
          target: { quantity: 1000, unit: 'FTTH_PREMISES' },
          territories: [{ kind: 'COMMUNE', code: '44109' }],
          dueDate: '2040-12-31',
          stemsFrom: null,
          expectedRevision: null,
          occurredAt: null,
        },
      },
      sfr,
    );
    expect(made.body.errors).toBeUndefined();
    const reported = await service.graphql(
      REPORT,
      {
        input: {
          commandId: newCommandId(),
          commitmentId: 'sfr-nantes',
          value: 10,
          asOf: '2025-01-31',
          source: 'OPERATOR_DATA',
          note: null,
          expectedRevision: null,
        },
      },
      sfr,
    );
    expect(reported.body.errors).toBeUndefined();
    expect(reported.body.data!.reportCommitmentProgress.commitment.currentValue).toBe(10);
  });

  it('gives body-parser refusals the typed GraphQL shape: invalid JSON, too large, unsupported media type', async () => {
    const invalid = await request(server()).post('/graphql').set('content-type', 'application/json').send('{"query": ');
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(invalid.body.errors[0].message).toBe('The request body is not valid JSON');

    const large = await request(server())
      .post('/graphql')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ query: `{ __typename } #${'x'.repeat(9_000_000)}` }));
    expect(large.status).toBe(413);
    expect(large.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', httpStatus: 413 });

    const xml = await request(server()).post('/graphql').set('content-type', 'application/xml').send('<query/>');
    expect(xml.status).toBeGreaterThanOrEqual(400);
    expect(xml.status).toBeLessThan(500);
    expect(xml.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');

    const unknownRoute = await request(server()).get('/no-such-route');
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });

  it('counts introspection fields in the alias and cost limits', async () => {
    const aliases = Array.from({ length: 300 }, (_, i) => `s${i}: __schema { types { name } }`).join(' ');
    const many = await service.graphql(`{ ${aliases} }`);
    expect(many.status).toBe(400);
    expect(codesOf(many)).toContain('BAD_USER_INPUT');
    expect(many.body.errors!.map((e) => e.extensions?.limit)).toEqual(expect.arrayContaining(['aliases', 'cost']));
    // One full introspection (what GraphiQL sends) still works in development.
    const one = await service.graphql('{ __schema { types { name fields { name args { name } } } } }');
    expect(one.body.errors).toBeUndefined();
  });
});

describe('Edges in production settings: no field suggestions', () => {
  it('drops "Did you mean" from validation errors when introspection is off', async () => {
    const service = await startTestService({ GRAPHQL_INTROSPECTION: 'false', GRAPHQL_GRAPHIQL: 'false' });
    try {
      const response = await service.graphql('{ actorz { id } }');
      expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.body.errors![0].message).toBe('Cannot query field "actorz" on type "Query".');
    } finally {
      await service.close();
    }
    const dev = await startTestService();
    try {
      expect((await dev.graphql('{ actorz { id } }')).body.errors![0].message).toMatch(/Did you mean/);
    } finally {
      await dev.close();
    }
  });
});
