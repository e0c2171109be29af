import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import request from 'supertest';
import { codesOf, newCommandId, startTestService, type TestService } from './harness.js';

const ISSUER = 'https://idp.region-test.example/realms/scoran';
const AUDIENCE = 'scoran-ledger-api';
const REGISTER = `mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }`;

/** An identity provider's JWKS endpoint, served for real on the loopback interface. */
async function startJwksServer(publicKey: CryptoKey): Promise<{ url: string; server: Server }> {
  const jwk = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/certs`, server };
}

describe('Production mode with an OpenID Connect provider', () => {
  let service: TestService;
  let jwks: { url: string; server: Server };
  let privateKey: CryptoKey;

  const idpToken = (claims: Record<string, unknown>, options: { issuer?: string; audience?: string; key?: CryptoKey } = {}) =>
    new SignJWT({ actor_id: 'sgar-52', role: 'admin', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
      .setSubject('agent-1234')
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setExpirationTime('10m')
      .sign(options.key ?? privateKey);

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    jwks = await startJwksServer(pair.publicKey);
    service = await startTestService({
      NODE_ENV: 'production',
      AUTH_DEV_SECRET: '',
      AUTH_JWKS_URL: jwks.url,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
      GRAPHQL_INTROSPECTION: 'false',
      GRAPHQL_GRAPHIQL: 'false',
    });
  });
  afterAll(async () => {
    await service.close();
    jwks.server.close();
  });

  const register = (token: string) =>
    service.graphql(REGISTER, { input: { commandId: newCommandId(), kind: 'NATIONAL_BODY', name: `Mission THD ${Math.random()}`, territories: [] } }, token);

  it("accepts a token signed by the provider's key, with its issuer and audience", async () => {
    const response = await register(await idpToken({}));
    expect(response.body.errors).toBeUndefined();
  });

  it('refuses another issuer, another audience, an unknown key and a development (HS256) token', async () => {
    const otherKey = (await generateKeyPair('RS256')).privateKey;
    const devStyle = await new SignJWT({ actor_id: 'sgar-52', role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('test-secret-that-is-long-enough-0123456789'));
    for (const token of [
      await idpToken({}, { issuer: 'https://elsewhere.example' }),
      await idpToken({}, { audience: 'another-api' }),
      await idpToken({}, { key: otherKey }),
      devStyle,
    ]) {
      expect(codesOf(await register(token))).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('refuses an expired token, and tokens without an actor or with an unknown role', async () => {
    const expired = await new SignJWT({ actor_id: 'sgar-52', role: 'admin' })
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
      .setSubject('agent-1234')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(privateKey);
    for (const token of [expired, await idpToken({ actor_id: undefined }), await idpToken({ role: 'superuser' })]) {
      const response = await register(token);
      expect(codesOf(response)).toEqual(['UNAUTHENTICATED']);
    }
    expect((await register(expired)).body.errors![0].message).toMatch(/expired/);
  });

  it('turns introspection and GraphiQL off', async () => {
    const introspection = await service.graphql('{ __schema { types { name } } }');
    expect(codesOf(introspection)).toEqual(['BAD_USER_INPUT']);
    const page = await request(service.app.getHttpServer()).get('/graphql').set('accept', 'text/html');
    expect(page.text).not.toMatch(/graphiql/i);
  });
});

describe('Development mode', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(() => service.close());

  it('serves introspection and the GraphiQL page', async () => {
    const introspection = await service.graphql('{ __schema { queryType { name } } }');
    expect(introspection.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const page = await request(service.app.getHttpServer()).get('/graphql').set('accept', 'text/html');
    expect(page.text).toMatch(/graphiql/i);
  });

  it('limits the rate per caller with 429, Retry-After and RATE_LIMITED', async () => {
    const token = await service.token('region-52', 'representative');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await service.graphql('{ actors { totalCount } }', {}, token)).status);
    expect(statuses.slice(0, 3).every((s) => s === 200)).toBe(true);
    const limited = await request(service.app.getHttpServer())
      .post('/graphql')
      .set('authorization', `Bearer ${token}`)
      .send({ query: '{ actors { totalCount } }' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    // Another caller has its own budget.
    const other = await service.graphql('{ actors { totalCount } }', {}, await service.token('cd-44', 'representative'));
    expect(other.status).toBe(200);
  });

  it('reports store reachability and projection lag on /health', async () => {
    const health = await request(service.app.getHttpServer()).get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', store: { engine: 'sqlite', reachable: true } });
    const projections = health.body.projections as { name: string; state: string; lag: string }[];
    expect(projections.map((p) => p.name)).toEqual(expect.arrayContaining(['actors', 'conventions', 'commitments']));
    for (const projection of projections) expect(projection).toMatchObject({ state: 'live', lag: '0' });
  });
});
