/** Prints the GraphQL schema (SDL): npm run schema writes it to schema.gql. */
import 'reflect-metadata';
import { generateSchemaSdl } from '../src/app/schema-printer.js';

process.stdout.write(await generateSchemaSdl());
