import { readFileSync } from 'node:fs';
import type { Role } from '../../src/auth/principal.js';
import { codesOf, startTestService, type TestService } from './harness.js';

interface Example {
  title: string;
  query: string;
  variables: Record<string, unknown>;
  /** Undefined: sent without a token. */
  token?: { role: Role; actorId: string };
  expect?: string;
}

/** The guides whose examples run, each against its own fresh service. */
const GUIDES = ['api.md', 'api-commitments-conventions.md', 'api-commission.md'];

/**
 * Every ```graphql block of a guide, with the ```json variables block that follows it, if any. Its
 * first line says who sends it: `# token: none`, `# token: admin` (for sgar-52), or
 * `# token: <role>@<actorId>`, then optionally `expect: <ERROR_CODE>`.
 */
function examplesOf(markdown: string): Example[] {
  const blocks = [...markdown.matchAll(/```(graphql|json)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, body: m[2]! }));
  const examples: Example[] = [];
  blocks.forEach((block, i) => {
    if (block.lang !== 'graphql') return;
    const header = /^# token: (admin|none|[a-z_]+@[a-z0-9_.-]+)(?:\s+expect: ([A-Z_]+))?/.exec(block.body);
    if (!header) throw new Error(`An example has no "# token:" header:\n${block.body}`);
    const [role, actorId] = header[1] === 'admin' ? ['admin', 'sgar-52'] : header[1]!.split('@');
    const next = blocks[i + 1];
    examples.push({
      title: /(?:query|mutation)\s+(\w+)/.exec(block.body)?.[1] ?? `example ${examples.length + 1}`,
      query: block.body,
      variables: next?.lang === 'json' ? JSON.parse(next.body) : {},
      token: header[1] === 'none' ? undefined : { role: role as Role, actorId: actorId! },
      expect: header[2],
    });
  });
  return examples;
}

describe.each(GUIDES)('docs/%s examples run as written', (guide) => {
  const examples = examplesOf(readFileSync(new URL(`../../docs/${guide}`, import.meta.url), 'utf8'));
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(9);
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
