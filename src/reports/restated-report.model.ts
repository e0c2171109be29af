import { ArgsType, Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, Matches } from 'class-validator';
import { ListSize } from '../graphql/query-limits.js';
import { SemestrialReportModel } from './report.model.js';

@ArgsType()
export class RestatedReportArgs {
  @Field({ description: 'INSEE region code, e.g. 52.' })
  @Matches(/^\d{2}$/, { message: 'region is an INSEE region code (two digits), e.g. 52' })
  region!: string;

  @Field({ description: 'A semester whose cut-off has passed, e.g. 2015-S1.' })
  @Matches(/^\d{4}-S[12]$/, { message: 'semester is written like 2026-S2 (S1: January-June, S2: July-December)' })
  semester!: string;

  @Field(() => String, { nullable: true, description: 'A log position (decimal): the report as known then, e.g. a restatement’s position. Default: now.' })
  @IsOptional()
  @Matches(/^\d{1,20}$/, { message: 'asKnownAt is a log position: decimal digits' })
  asKnownAt?: string;
}

@ObjectType('Restatement', { description: 'A restated report issued as an event of its own, referencing the report as issued.' })
export class RestatementModel {
  @Field()
  region!: string;
  @Field()
  semester!: string;
  @Field(() => Int, { description: '1 for the first restatement of this semester, then 2...' })
  number!: number;
  @Field({ description: 'SHA-256 of the restated report’s JSON bytes.' })
  sha256!: string;
  @Field({ description: 'The log position it is pinned to: restatedReport(asKnownAt: position) gives its bytes again.' })
  position!: string;
  @Field(() => Int, { nullable: true, description: 'The issued version it restates; null when none was issued.' })
  restatesVersion!: number | null;
  @Field(() => String, { nullable: true })
  restatesSha256!: string | null;
  @Field({ description: 'SHA-256 of the report as issued (as known at the cut-off) it compares with.' })
  asIssuedSha256!: string;
  @Field(() => Int, { description: 'Facts about the semester or earlier recorded after its cut-off.' })
  recordedSince!: number;
  @Field(() => GraphQLISODateTime)
  issuedAt!: Date;
  @Field()
  issuedBy!: string;
}

@ObjectType('RestatedReport', { description: 'A past semester’s report as issued and as known now, side by side; the second has a `differences` section.' })
export class RestatedReportModel {
  @Field(() => SemestrialReportModel, { description: 'As known at the cut-off: the frozen document that was (or would have been) sent.' })
  asIssued!: SemestrialReportModel;
  @Field(() => SemestrialReportModel, { description: 'Restated with every fact that occurred before the cut-off, whenever recorded.' })
  asKnownNow!: SemestrialReportModel;
  @Field({ description: 'The log position the restatement was read up to.' })
  asKnownAt!: string;
  @Field(() => GraphQLISODateTime, { nullable: true })
  recordedUntil!: Date | null;
  @Field(() => Int, { description: 'Facts about the semester or earlier recorded after its cut-off.' })
  recordedSince!: number;
  @Field(() => [RestatementModel], { description: 'Restated reports already issued for this semester.' })
  @ListSize(3)
  restatements!: RestatementModel[];
}

@ObjectType()
export class RestateReportPayload {
  @Field(() => RestatementModel)
  restatement!: RestatementModel;
  @Field()
  replayed!: boolean;
}
