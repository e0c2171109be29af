import { readFileSync } from 'node:fs';
import { codesOf, startTestService, type TestService } from './harness.js';

interface Example {
  title: string;
  query: string;
  variables: Record<string, unknown>;
  token: 'admin' | 'none';
  expect?: string;
}

/** Every ```graphql block of docs/api.md, with the ```json variables block that follows it, if any. */
function examplesOf(markdown: string): Example[] {
  const blocks = [...markdown.matchAll(/```(graphql|json)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, body: m[2]! }));
  const examples: Example[] = [];
  blocks.forEach((block, i) => {
    if (block.lang !== 'graphql') return;
    const header = /^# token: (admin|none)(?:\s+expect: ([A-Z_]+))?/.exec(block.body);
    if (!header) throw new Error(`An example in docs/api.md has no "# token:" header:\n${block.body}`);
    const next = blocks[i + 1];
    examples.push({
      title: /(?:query|mutation)\s+(\w+)/.exec(block.body)?.[1] ?? `example ${examples.length + 1}`,
      query: block.body,
      variables: next?.lang === 'json' ? JSON.parse(next.body) : {},
      token: header[1] as Example['token'],
      expect: header[2],
    });
  });
  return examples;
}

describe('docs/api.md examples run as written', () => {
  const examples = examplesOf(readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8'));
  let service: TestService;
  let admin: string;
  beforeAll(async () => {
    service = await startTestService();
    admin = await service.token('sgar-52', 'admin');
  });
  afterAll(() => service.close());

  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(9);
  });

  // In order: later examples rely on what earlier ones recorded.
  it.each(examples.map((example, index) => [index + 1, example.title, example] as const))('%i. %s', async (_, __, example) => {
    const response = await service.graphql(example.query, example.variables, example.token === 'admin' ? admin : undefined);
    if (example.expect) {
      expect(codesOf(response)).toEqual([example.expect]);
    } else {
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data).toBeTruthy();
    }
    if (example.title === 'RegisterActorAgain') expect(response.body.data!.registerActor.replayed).toBe(true);
  });
});
