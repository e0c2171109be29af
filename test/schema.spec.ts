import { readFileSync } from 'node:fs';
import { generateSchemaSdl } from '../src/app/schema-printer.js';

describe('schema.gql', () => {
  it('is committed and matches the code (run `npm run schema` after changing GraphQL types)', async () => {
    const committed = readFileSync(new URL('../schema.gql', import.meta.url), 'utf8');
    expect(await generateSchemaSdl()).toBe(committed);
  });
});
