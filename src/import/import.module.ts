import { Module } from '@nestjs/common';
import { ImportResolver } from './import.resolver.js';

/** Spreadsheet import over GraphQL (the CLI, scripts/import.ts, calls the importer directly). */
@Module({ providers: [ImportResolver] })
export class ImportModule {}
