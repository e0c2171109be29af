import { readFileSync } from 'node:fs';
import { examplesOf } from './guide-examples.js';
import { codesOf, startTestService, type TestService } from './harness.js';

/** The guides whose examples run, each against its own fresh service. */
const GUIDES = [
  'api.md',
  'api-commitments-conventions.md',
  'api-network-projects.md',
  'api-feeds.md',
  'api-commission.md',
  'api-people.md',
  'audit.md',
  'reports.md',
  'walkthrough.md',
  'api-zones.md',
];

describe.each(GUIDES)('docs/%s examples run as written', (guide) => {
  const examples = examplesOf(readFileSync(new URL(`../../docs/${guide}`, import.meta.url), 'utf8'));
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(6);
  });

  // In order: later examples rely on what earlier ones recorded.
  it.each(examples.map((example, index) => [index + 1, example.title, example] as const))('%i. %s', async (_, __, example) => {
    const token = example.token && (await service.token(example.token.actorId, example.token.role));
    const response = await service.graphql(example.query, example.variables, token);
    if (example.expect) {
      expect(codesOf(response)).toEqual([example.expect]);
    } else {
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data).toBeTruthy();
    }
    if (example.title === 'RegisterActorAgain') expect(response.body.data!.registerActor.replayed).toBe(true);
  });
});
