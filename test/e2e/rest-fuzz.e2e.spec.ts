import fc from 'fast-check';
import request from 'supertest';
import { registerPrincipals, startTestService, type TestService } from './harness.js';

/**
 * Issue 16: no input gives a 500 on the REST routes either. Arbitrary query-parameter names
 * (prototype names included) and values, repeated and bracketed, on every REST download.
 */
describe('REST query parameters, fuzzed', () => {
  let service: TestService;
  let auditor: string;

  beforeAll(async () => {
    service = await startTestService();
    await registerPrincipals(service, 'sgar-52', 'datar');
    auditor = await service.token('datar', 'auditor');
  });
  afterAll(() => service.close());

  const ROUTES = [
    '/integrity/export',
    '/feeds/calendar.ics',
    '/reports/52/2026-S1/report.json',
    '/reports/52/2026-S1/tables/commitments.csv',
    '/reports/84/2014-S2/report.html',
  ];
  const name = fc.oneof(
    fc.constantFrom(
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      'from',
      'to',
      'territory',
      'cutoff',
      'stream',
      'category',
      'type',
      'recordedFrom',
      'actor',
      'principal',
      'correlationId',
    ),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  );
  const value = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.constantFrom('2026-01-01', '2026-13-45', 'region:52', 'departement:44', '2026-12-31T23:00:00Z', '1e999', '-1', '', '%00', 'actor'),
  );
  const parameter = fc.tuple(name, value, fc.constantFrom('', '[]', '[x]', '[__proto__]'));

  it('answers every route with a typed status below 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), fc.array(parameter, { maxLength: 4 }), async (route, parameters) => {
        const query = parameters.map(([key, val, suffix]) => `${encodeURIComponent(key)}${suffix}=${encodeURIComponent(val)}`).join('&');
        const response = await request(service.app.getHttpServer()).get(`${route}?${query}`).set('authorization', `Bearer ${auditor}`);
        expect({ route, query, status: response.status < 500 }).toEqual({ route, query, status: true });
        if (response.status >= 400) expect(response.body.error?.code ?? response.body.errors?.[0]?.extensions?.code).toEqual(expect.any(String));
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
