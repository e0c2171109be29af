import { readFileSync } from 'node:fs';
import type { Role } from '../../src/shared/principal.js';
import { codesOf, type TestService } from './harness.js';

export interface Example {
  title: string;
  query: string;
  variables: Record<string, unknown>;
  /** Undefined: sent without a token. */
  token?: { role: Role; actorId: string };
  expect?: string;
}

/**
 * Every ```graphql block of a guide, with the ```json variables block that follows it, if any. Its
 * first line says who sends it: `# token: none`, `# token: admin` (for sgar-52), or
 * `# token: <role>@<actorId>`, then optionally `expect: <ERROR_CODE>`.
 */
export function examplesOf(markdown: string): Example[] {
  const blocks = [...markdown.matchAll(/```(graphql|json)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], body: m[2] }));
  const examples: Example[] = [];
  blocks.forEach((block, i) => {
    if (block.lang !== 'graphql') return;
    const header = /^# token: (admin|none|[a-z_]+@[a-z0-9_.-]+)(?:\s+expect: ([A-Z_]+))?/.exec(block.body);
    if (!header) throw new Error(`An example has no "# token:" header:\n${block.body}`);
    const [role, actorId] = header[1] === 'admin' ? ['admin', 'sgar-52'] : header[1].split('@');
    const next = blocks[i + 1];
    examples.push({
      title: /(?:query|mutation)\s+(\w+)/.exec(block.body)?.[1] ?? `example ${examples.length + 1}`,
      query: block.body,
      variables: next?.lang === 'json' ? JSON.parse(next.body) : {},
      token: header[1] === 'none' ? undefined : { role: role as Role, actorId: actorId },
      expect: header[2],
    });
  });
  return examples;
}

/** Runs a guide's examples in order against a service; throws at the first one that does not answer as written. */
export async function runGuide(service: TestService, guide: string): Promise<void> {
  for (const example of examplesOf(readFileSync(new URL(`../../docs/${guide}`, import.meta.url), 'utf8'))) {
    const token = example.token && (await service.token(example.token.actorId, example.token.role));
    const response = await service.graphql(example.query, example.variables, token);
    const codes = codesOf(response);
    if (example.expect ? codes.join() !== example.expect : codes.length > 0)
      throw new Error(`${guide}, ${example.title}: got ${JSON.stringify(response.body.errors)}`);
  }
}
