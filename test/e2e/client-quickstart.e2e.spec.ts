import { readFileSync } from 'node:fs';
import { quickstart } from '../../examples/quickstart.js';
import { registerPrincipals, startTestService, type TestService } from './harness.js';

const between = (text: string, open: RegExp, close: string) => {
  const start = open.exec(text);
  if (!start) throw new Error(`No ${open} block`);
  const from = start.index + start[0].length;
  return text.slice(from, text.indexOf(close, from));
};

describe('docs/api.md starts from the typed client', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
    // The token's actor must be registered (docs/security.md): a national body, so that the region's actors stay the quickstart's own.
    await registerPrincipals(service, 'datar');
  });
  afterAll(() => service.close());

  it('shows examples/quickstart.ts exactly', () => {
    const doc = between(readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8'), /## 0\. Start from the typed client[\s\S]*?```ts\n/, '```');
    const file = between(readFileSync(new URL('../../examples/quickstart.ts', import.meta.url), 'utf8'), /\/\/ <quickstart>\n/, '// </quickstart>');
    expect(doc).toBe(file);
  });

  it('runs as written against the service', async () => {
    const url = (await service.listen()).replace(/^ws/, 'http').replace(/\/graphql$/, '');
    const result = await quickstart(url, await service.token('datar', 'admin'));
    expect(result).toEqual({ revision: 0, names: ['Département de Loire-Atlantique'], refusedFields: ['territories.0.code'] });
  });
});
