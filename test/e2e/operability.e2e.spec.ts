import request from 'supertest';
import { codesOf, newCommandId, registerPrincipals, startTestService, type TestService } from './harness.js';

const REGISTER = `mutation RegisterGigalis($input: RegisterActorInput!) { registerActor(input: $input) { revision } }`;

/** Reads one sample of a Prometheus text exposition (undefined when absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = line.slice(name.length).split(' ')[0];
    if (wanted.every((pair) => labelText.includes(pair))) return Number(line.split(' ').pop());
  }
  return undefined;
}

describe('Operators: request logs name the GraphQL operation, /metrics', () => {
  let service: TestService;
  let admin: string;
  const lines: Record<string, unknown>[] = [];
  let write: typeof process.stdout.write;

  beforeAll(async () => {
    service = await startTestService({ LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '40' });
    admin = await service.token('sgar-52', 'admin');
    await registerPrincipals(service, 'sgar-52');
    write = process.stdout.write.bind(process.stdout);
    process.stdout.write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = chunk.toString();
      if (text.startsWith('{"time"')) for (const line of text.trim().split('\n')) lines.push(JSON.parse(line));
      else return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      return true;
    };
  });
  afterAll(async () => {
    process.stdout.write = write;
    await service.close();
  });

  const metrics = async () => (await request(service.app.getHttpServer()).get('/metrics')).text;

  it('logs each GraphQL request with its path, operation name and type', async () => {
    const registered = await service.graphql(
      REGISTER,
      {
        input: {
          commandId: newCommandId(),
          actorId: 'gigalis',
          kind: 'JOINT_SYNDICATE',
          name: 'Gigalis',
          territories: [{ kind: 'REGION', code: '52' }],
          occurredAt: '2014-03-01T10:00:00Z',
        },
      },
      admin,
    );
    expect(registered.body.errors).toBeUndefined();
    await service.graphql('query { actors(first: 1) { totalCount } }');
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests).toContainEqual(
      expect.objectContaining({ method: 'POST', path: '/graphql', status: 200, operation: 'RegisterGigalis', operationType: 'mutation' }),
    );
    expect(requests).toContainEqual(expect.objectContaining({ path: '/graphql', operation: '(anonymous)', operationType: 'query' }));
  });

  it('counts requests by operation and outcome code, with a latency histogram', async () => {
    const before = sample(await metrics(), 'scoran_requests_total', { route: 'graphql', operation: 'Missing', code: 'NOT_FOUND' }) ?? 0;
    const missing = await service.graphql(`query Missing { actor(id: "nobody") { id } }`);
    const bad = await service.graphql(`query Broken { actors(first: -1) { totalCount } }`);
    expect(codesOf(bad)).toEqual(['BAD_USER_INPUT']);
    const text = await metrics();
    const missingCode = codesOf(missing)[0] ?? 'OK';
    expect(sample(text, 'scoran_requests_total', { route: 'graphql', operation: 'Missing', code: missingCode })).toBe(
      (missingCode === 'NOT_FOUND' ? before : 0) + 1,
    );
    expect(sample(text, 'scoran_requests_total', { route: 'graphql', operation: 'Broken', code: 'BAD_USER_INPUT' })).toBe(1);
    expect(sample(text, 'scoran_requests_total', { route: 'graphql', operation: 'RegisterGigalis', code: 'OK' })).toBe(1);
    expect(sample(text, 'scoran_request_duration_seconds_count', { route: 'graphql', operation: 'RegisterGigalis' })).toBe(1);
  });

  it('bounds operation names a client chooses', async () => {
    await service.graphql(`query ${'A'.repeat(80)} { __typename }`);
    const text = await metrics();
    expect(text).not.toContain('A'.repeat(80));
    expect(sample(text, 'scoran_requests_total', { route: 'graphql', operation: 'other' })).toBeGreaterThanOrEqual(1);
  });

  it('exposes appends, projection state and lag', async () => {
    const text = await metrics();
    // Two actors registered: the admin's own (sgar-52, in beforeAll) and Gigalis.
    expect(sample(text, 'scoran_event_appends_total', { category: 'actor', outcome: 'ok' })).toBe(2);
    expect(sample(text, 'scoran_events_appended_total', { category: 'actor' })).toBe(2);
    expect(sample(text, 'scoran_projection_state', { projection: 'actors', state: 'live' })).toBe(1);
    expect(sample(text, 'scoran_projection_state', { projection: 'actors', state: 'failed' })).toBe(0);
    expect(sample(text, 'scoran_projection_lag_positions', { projection: 'actors' })).toBe(0);
    expect(text).toContain('# TYPE scoran_report_generation_seconds histogram');
    expect(text).toContain('# TYPE scoran_process_resident_memory_bytes gauge');
  });

  it('times log verification and report generation', async () => {
    const verified = await service.graphql('query { verifyIntegrity { ok } }', {}, admin);
    expect(verified.body.errors).toBeUndefined();
    const report = await service.graphql('query { semestrialReport(region: "52", semester: "2014-S1") { cutoff } }', {}, admin);
    const text = await metrics();
    expect(sample(text, 'scoran_log_verification_seconds_count', { verdict: 'ok' })).toBe(1);
    expect(report.body.errors).toBeUndefined();
    expect(sample(text, 'scoran_report_generation_seconds_count')).toBe(1);
  });

  it('counts rate-limit refusals', async () => {
    const server = service.app.getHttpServer();
    const token = await service.token('someone', 'auditor');
    let refused = 0;
    for (let i = 0; i < 45; i += 1) {
      const response = await request(server).post('/graphql').set('authorization', `Bearer ${token}`).send({ query: '{ __typename }' });
      if (response.status === 429) refused += 1;
    }
    expect(refused).toBe(5);
    expect(sample(await metrics(), 'scoran_rate_limit_refusals_total')).toBe(5);
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ METRICS_TOKEN: 'metrics-token-0123456789' });
  });
  afterAll(() => service.close());

  it('refuses a scrape without the token and serves one with it', async () => {
    const server = service.app.getHttpServer();
    expect((await request(server).get('/metrics')).status).toBe(401);
    expect((await request(server).get('/metrics').set('authorization', 'Bearer wrong')).status).toBe(401);
    const ok = await request(server).get('/metrics').set('authorization', 'Bearer metrics-token-0123456789');
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toContain('text/plain');
    expect(ok.text).toContain('scoran_requests_total');
  });
});

describe('METRICS_ENABLED=false', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ METRICS_ENABLED: 'false' });
  });
  afterAll(() => service.close());

  it('serves no /metrics', async () => {
    const response = await request(service.app.getHttpServer()).get('/metrics');
    expect(response.status).toBe(404);
    expect(response.text).not.toContain('scoran_requests_total');
  });
});
