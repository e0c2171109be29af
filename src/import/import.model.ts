import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBase64, IsBoolean, IsIn, IsObject, IsOptional, Length, Matches } from 'class-validator';
import { JSONScalar } from '../graphql/json.scalar.js';
import { ListSize } from '../graphql/query-limits.js';
import { MAPPING_PRESETS } from './deployment-mapping.js';
import { IsNested, IsText } from '../graphql/field-kinds.js';

/** The largest file the API takes (5 MiB, under 7 MiB once in base64): ten thousand rows of a region's record take about 1 MiB. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

@InputType({
  description:
    'Reads the file as an operator’s or the regulator’s deployment figures by commune (docs/import.md, « Chiffres de déploiement »): a preset, or the file’s header for each column, and values for every row.',
})
export class DeploymentMappingInput {
  @Field(() => String, { nullable: true, description: 'A preset: arcep (the regulator’s quarterly per-commune file).' })
  @IsOptional()
  @IsIn(Object.keys(MAPPING_PRESETS), { message: `preset is one of: ${Object.keys(MAPPING_PRESETS).join(', ')}` })
  preset?: string;

  @Field(() => JSONScalar, {
    nullable: true,
    description: 'Column → the file’s header names, e.g. { "communeCode": ["INSEE"], "ftthPremisesConnectable": ["Prises"] }; over the preset’s.',
  })
  @IsOptional()
  @IsObject()
  columns?: Record<string, unknown>;

  @Field(() => String, { nullable: true, description: 'operator_data or regulator_data, for every row without a Source column.' })
  @IsOptional()
  @IsIn(['operator_data', 'regulator_data', 'OPERATOR_DATA', 'REGULATOR_DATA'], { message: 'source is operator_data or regulator_data' })
  source?: string;

  @Field(() => String, { nullable: true, description: 'The quarter of every row without a quarter column: 2024-T3, T3 2024 or 2024-Q3.' })
  @IsText(20, { optional: true })
  quarter?: string;

  @Field(() => String, { nullable: true, description: 'The workbook’s sheet (default: its first).' })
  @IsText(100, { optional: true })
  sheet?: string;
}

@InputType({ description: 'A spreadsheet to import: its name (.xlsx or .csv: it says how to read it) and its bytes in base64.' })
export class ImportFileInput {
  @Field({ description: 'E.g. historique-2014-2020.xlsx, or engagements.csv (a CSV is named after its sheet).' })
  @IsText(255)
  @Matches(/^[^/\\\0]+\.(xlsx|csv)$/i, { message: 'fileName ends in .xlsx or .csv, without folders' })
  fileName!: string;

  @Field({ description: 'The file’s bytes, base64 (at most 5 MiB once decoded).' })
  @IsBase64()
  @Length(1, Math.ceil(IMPORT_MAX_BYTES / 3) * 4)
  contentBase64!: string;

  @Field({ defaultValue: false, description: 'false (default): dry run, nothing is written. true: record every row, all or nothing.' })
  @IsOptional()
  @IsBoolean()
  commit?: boolean;

  @Field(() => DeploymentMappingInput, {
    nullable: true,
    description: 'Given: the file is deployment figures by commune from someone else’s file, read under this mapping.',
  })
  @IsNested(() => DeploymentMappingInput, { optional: true })
  deploymentMapping?: DeploymentMappingInput;
}

@ObjectType('ImportProblem', { description: 'A problem of the file, at its sheet, row and cell, in words a spreadsheet user reads (French).' })
export class ImportProblemModel {
  @Field()
  sheet!: string;
  @Field(() => Int, { nullable: true, description: 'Row as the spreadsheet numbers it (the header is row 1).' })
  row?: number;
  @Field(() => String, { nullable: true, description: 'The column’s header as written in the file.' })
  column?: string;
  @Field(() => String, { nullable: true, description: 'E.g. F12.' })
  cell?: string;
  @Field({
    description:
      'UNKNOWN_CODE, UNKNOWN_REFERENCE, DUPLICATE_ID, INVALID_DATE, INVALID_VALUE, INVALID_NUMBER, REQUIRED, MISSING_COLUMN, UNKNOWN_COLUMN, EXTRA_CELL, UNKNOWN_SHEET, ... or the API’s error code.',
  })
  code!: string;
  @Field()
  message!: string;
}

@ObjectType('ImportReport', { description: 'What an import found (dry run) or did (commit).' })
export class ImportReportModel {
  @Field({ description: 'import-<16 hex digits of the file’s SHA-256>: names the batch in every event it recorded (auditTrail filter importBatch).' })
  batchId!: string;
  @Field()
  fileName!: string;
  @Field()
  fileHash!: string;
  @Field({ description: 'dry-run or commit' })
  mode!: string;
  @Field({ description: 'No problem (dry run), or every row recorded (commit).' })
  ok!: boolean;
  @Field(() => JSONScalar, { description: 'Rows read per kind: { actors: 11, conventions: 10, ... }.' })
  rows!: Record<string, number>;
  @Field(() => Int, { description: 'Commands the file leads to.' })
  commands!: number;
  @Field(() => Int, { description: 'Of them, recorded by an earlier run of the same file.' })
  alreadyRecorded!: number;
  @Field(() => Int, { description: 'Recorded by this run.' })
  recorded!: number;
  @Field(() => [ImportProblemModel])
  @ListSize(100)
  problems!: ImportProblemModel[];
  @Field(() => [ImportProblemModel], {
    description:
      'Rows read but not recorded, and why: deployment figures of communes outside the region’s network projects (code OUTSIDE_PROJECTS), figures given for only some communes (PARTIAL_FIGURE).',
  })
  @ListSize(100)
  notices!: ImportProblemModel[];
}

@ObjectType('ImportJob', {
  description: 'An import started with startImport, running in the background: poll importJob(id) for its progress, then its report.',
})
export class ImportJobModel {
  @Field(() => ID)
  id!: string;
  @Field()
  fileName!: string;
  @Field({ description: 'dry-run or commit' })
  mode!: string;
  @Field({ description: 'validating, rehearsing (on a scratch copy), recording, done (see report.ok), failed (see error).' })
  phase!: string;
  @Field(() => Int, { description: 'Commands rehearsed so far (rehearsing phase), then recorded (recording phase).' })
  done!: number;
  @Field(() => Int, { nullable: true, description: 'Commands to rehearse and record, once the file is validated.' })
  total!: number | null;
  @Field(() => ImportReportModel, { nullable: true, description: 'Once done.' })
  report!: ImportReportModel | null;
  @Field(() => String, { nullable: true, description: 'Why it failed (an unexpected error: the report, when there is one, says what was recorded).' })
  error!: string | null;
  @Field(() => GraphQLISODateTime)
  startedAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true })
  finishedAt!: Date | null;
}
