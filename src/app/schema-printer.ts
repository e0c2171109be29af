import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { loadConfig } from '../config/config.js';
import { createApp } from './create-app.js';

/** The SDL integrators review: built from the code-first types, sorted, as committed in schema.gql. */
export async function generateSchemaSdl(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'scoran-schema-'));
  const app = await createApp(
    loadConfig({
      NODE_ENV: 'test',
      EVENT_STORE_PATH: join(dir, 'events.db'),
      READ_MODEL_PATH: join(dir, 'read-models.db'),
      AUTH_DEV_SECRET: 'schema-printer-schema-printer-schema-printer',
    }),
  );
  try {
    const { schema } = app.get(GraphQLSchemaHost);
    return `${printSchema(lexicographicSortSchema(schema))}\n`;
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
