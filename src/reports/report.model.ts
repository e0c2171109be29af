import { ArgsType, Field, Float, GraphQLISODateTime, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsDate, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { COMMENT_MAX_LENGTH, REASON_MAX_LENGTH, SUMMARY_MAX_LENGTH } from './report.decider.js';
import { CommandInput } from '../graphql/command-input.js';
import { JSONScalar } from '../graphql/json.scalar.js';
import { ListSize } from '../graphql/query-limits.js';
import { IsNested } from '../graphql/field-kinds.js';

const REGION = /^\d{2}$/;
const REGION_MESSAGE = 'region is an INSEE region code (two digits), e.g. 52';
export const SEMESTER = /^\d{4}-S[12]$/;
export const SEMESTER_MESSAGE = 'semester is written like 2026-S2 (S1: January-June, S2: July-December)';

@ArgsType()
export class ReportArgs {
  @Field({ description: 'INSEE region code, e.g. 52 (Pays de la Loire).' })
  @Matches(REGION, { message: REGION_MESSAGE })
  region!: string;

  @Field({ description: '2026-S1 (January-June) or 2026-S2 (July-December).' })
  @Matches(SEMESTER, { message: SEMESTER_MESSAGE })
  semester!: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Default: the end of the semester in Europe/Paris.' })
  @IsOptional()
  @IsDate()
  cutoff?: Date;

  @Field({ nullable: true, description: 'Language of the labels and of the document links: fr (default) or en.' })
  @IsOptional()
  @IsIn(['fr', 'en'], { message: 'lang is fr or en' })
  lang?: string;
}

@ArgsType()
export class ReportDraftArgs {
  @Field()
  @Matches(REGION, { message: REGION_MESSAGE })
  region!: string;

  @Field()
  @Matches(SEMESTER, { message: SEMESTER_MESSAGE })
  semester!: string;
}

@InputType()
export class WriteReportSummaryInput extends CommandInput {
  @Field()
  @Matches(REGION, { message: REGION_MESSAGE })
  region!: string;

  @Field()
  @Matches(SEMESTER, { message: SEMESTER_MESSAGE })
  semester!: string;

  @Field({ description: `Plain text; paragraphs separated by a blank line; at most ${SUMMARY_MAX_LENGTH} characters.` })
  @IsString()
  @MaxLength(SUMMARY_MAX_LENGTH)
  text!: string;
}

@InputType()
export class CommentReportChapterInput extends CommandInput {
  @Field()
  @Matches(REGION, { message: REGION_MESSAGE })
  region!: string;

  @Field()
  @Matches(SEMESTER, { message: SEMESTER_MESSAGE })
  semester!: string;

  @Field({
    description:
      'The chapter: a section key (network-projects, conventions, commitments, white-zones, usage-projects, concertation, forward-calendar, corrections) or map.',
  })
  @IsString()
  chapter!: string;

  @Field({ description: `Plain text; paragraphs separated by a blank line; at most ${COMMENT_MAX_LENGTH} characters.` })
  @IsString()
  @MaxLength(COMMENT_MAX_LENGTH)
  text!: string;
}

@ObjectType()
export class ChapterComment {
  @Field()
  chapter!: string;
  @Field()
  text!: string;
}

@ObjectType({ description: 'The secretariat’s text on a report not yet issued.' })
export class ReportDraftModel {
  @Field()
  region!: string;
  @Field()
  semester!: string;
  @Field(() => String, { nullable: true })
  summary!: string | null;
  @Field(() => [ChapterComment])
  @ListSize(10)
  comments!: ChapterComment[];
  @Field(() => GraphQLISODateTime, { nullable: true })
  updatedAt!: Date | null;
  @Field(() => String, { nullable: true })
  updatedBy!: string | null;
}

@ObjectType()
export class ReportDraftPayload {
  @Field(() => ReportDraftModel)
  draft!: ReportDraftModel;
  @Field()
  replayed!: boolean;
}

@ArgsType()
export class IssuedReportsArgs {
  @Field({ nullable: true })
  @IsOptional()
  @Matches(REGION, { message: REGION_MESSAGE })
  region?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(SEMESTER, { message: SEMESTER_MESSAGE })
  semester?: string;
}

@InputType()
export class IssueReportInput extends CommandInput {
  @Field()
  @Matches(REGION, { message: REGION_MESSAGE })
  region!: string;

  @Field()
  @Matches(SEMESTER, { message: SEMESTER_MESSAGE })
  semester!: string;
}

@InputType()
export class ReissueChapterCommentInput {
  @Field({ description: 'The chapter, as in commentReportChapter.' })
  @IsString()
  chapter!: string;

  @Field({ description: `Plain text; paragraphs separated by a blank line; at most ${COMMENT_MAX_LENGTH} characters.` })
  @IsString()
  @MaxLength(COMMENT_MAX_LENGTH)
  text!: string;
}

@InputType()
export class ReissueReportInput extends IssueReportInput {
  @Field({ description: 'Why the issued report is superseded (required).' })
  @IsString()
  @MaxLength(REASON_MAX_LENGTH)
  reason!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'A new summary of the semester for this version; the document shows what changed against the version it replaces. Omitted: the summary as issued.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(SUMMARY_MAX_LENGTH)
  summary?: string | null;

  @Field(() => [ReissueChapterCommentInput], { nullable: true, description: 'New comments of chapters for this version (the others stay as issued).' })
  @IsNested(() => ReissueChapterCommentInput, { optional: true, each: true })
  @ArrayMaxSize(20)
  comments?: ReissueChapterCommentInput[] | null;
}

@ObjectType()
export class ReportPeriod {
  @Field()
  from!: string;
  @Field()
  to!: string;
}

@ObjectType()
export class ReportFigure {
  @Field()
  label!: string;
  @Field({ description: 'The label in the requested language.' })
  text!: string;
  @Field(() => JSONScalar, { nullable: true })
  value!: unknown;
}

@ObjectType()
export class ReportTableModel {
  @Field({ description: 'Also the CSV name: /reports/<region>/<semester>/tables/<name>.csv' })
  name!: string;
  @Field()
  title!: string;
  @Field({ description: 'The title in the requested language.' })
  label!: string;
  @Field(() => [String])
  @ListSize(12)
  columns!: string[];
  @Field(() => [String], { description: 'The column headers in the requested language, in the order of `columns`.' })
  @ListSize(12)
  columnLabels!: string[];
  @Field(() => JSONScalar, { description: 'One object per row, keyed by column.' })
  rows!: unknown;
}

@ObjectType()
export class ReportSeries {
  @Field()
  name!: string;
  @Field(() => [Float])
  @ListSize(20)
  values!: number[];
}

@ObjectType()
export class ReportChartModel {
  @Field()
  name!: string;
  @Field()
  title!: string;
  @Field(() => [String])
  @ListSize(20)
  labels!: string[];
  @Field(() => [ReportSeries])
  @ListSize(4)
  series!: ReportSeries[];
  @Field()
  unit!: string;
}

@ObjectType()
export class ReportSectionModel {
  @Field()
  key!: string;
  @Field()
  title!: string;
  @Field({ description: 'The chapter title in the requested language.' })
  label!: string;
  @Field(() => [String], { description: 'The lines of the State’s checklist it answers.' })
  @ListSize(3)
  checklist!: string[];
  @Field(() => [ReportFigure])
  @ListSize(10)
  summary!: ReportFigure[];
  @Field(() => [ReportTableModel])
  @ListSize(3)
  tables!: ReportTableModel[];
  @Field(() => [ReportChartModel])
  @ListSize(2)
  charts!: ReportChartModel[];
}

@ObjectType()
export class ChecklistItem {
  @Field()
  line!: string;
  @Field(() => [String])
  @ListSize(3)
  sections!: string[];
}

@ObjectType()
export class ReportLinks {
  @Field()
  json!: string;
  @Field()
  html!: string;
  @Field()
  pdf!: string;
  @Field()
  xlsx!: string;
  @Field({ description: 'Replace {table} with a table name.' })
  csv!: string;
}

@ObjectType('IssuedReport', { description: 'One issue (version 1) or re-issue of a report.' })
export class IssuedReportModel {
  @Field()
  region!: string;
  @Field()
  semester!: string;
  @Field(() => Int)
  version!: number;
  @Field()
  sha256!: string;
  @Field()
  position!: string;
  @Field(() => GraphQLISODateTime)
  cutoff!: Date;
  @Field(() => [String])
  @ListSize(3)
  recipients!: string[];
  @Field(() => String, { nullable: true })
  reason!: string | null;
  @Field(() => GraphQLISODateTime)
  issuedAt!: Date;
  @Field()
  issuedBy!: string;
}

@ObjectType('SemestrialReport', { description: 'A region’s report for a semester, as known at its cut-off.' })
export class SemestrialReportModel {
  @Field()
  region!: string;
  @Field()
  regionName!: string;
  @Field()
  semester!: string;
  @Field(() => ReportPeriod)
  period!: ReportPeriod;
  @Field(() => GraphQLISODateTime)
  cutoff!: Date;
  @Field(() => GraphQLISODateTime)
  previousCutoff!: Date;
  @Field({ description: 'The last log position recorded at or before the cut-off.' })
  position!: string;
  @Field({ description: 'SHA-256 of the canonical JSON content (the bytes of the JSON download).' })
  sha256!: string;
  @Field({ description: 'True while the cut-off is ahead: the figures may still change.' })
  provisional!: boolean;
  @Field(() => [ReportSectionModel])
  @ListSize(12)
  sections!: ReportSectionModel[];
  @Field(() => [ChecklistItem])
  @ListSize(12)
  checklist!: ChecklistItem[];
  @Field(() => [IssuedReportModel], { description: 'Its issues and re-issues, oldest first.' })
  @ListSize(3)
  issued!: IssuedReportModel[];
  @Field(() => ReportLinks)
  links!: ReportLinks;
}

@ObjectType()
export class IssueReportPayload {
  @Field(() => IssuedReportModel)
  issued!: IssuedReportModel;
  @Field()
  replayed!: boolean;
}
