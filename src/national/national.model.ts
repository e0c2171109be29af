import { ArgsType, Field, Float, GraphQLISODateTime, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { CommandInput } from '../graphql/command-input.js';
import { ListSize } from '../graphql/query-limits.js';
import { SEMESTER, SEMESTER_MESSAGE } from '../reports/report.model.js';

/** A bundle carries a region's whole report (its JSON bytes) and the proofs: a few megabytes at most. */
export const MAX_BUNDLE_CHARACTERS = 8_000_000;

@ArgsType()
export class NationalSynthesisArgs {
  @Field({ description: 'e.g. 2026-S1.' })
  @Matches(SEMESTER, { message: SEMESTER_MESSAGE })
  semester!: string;
}

@ArgsType()
export class SubmissionBundleArgs {
  @Field({ description: 'INSEE region code, e.g. 27.' })
  @Matches(/^\d{2}$/, { message: 'region is an INSEE region code (two digits), e.g. 27' })
  region!: string;
  @Field({ description: 'The semester of an issued report, e.g. 2026-S1.' })
  @Matches(SEMESTER, { message: SEMESTER_MESSAGE })
  semester!: string;
  @Field(() => Int, {
    nullable: true,
    description:
      'Tree size of the seal the national instance last accepted from this region (its regionalSubmissions answer): the bundle proves the log grew from it. Omit for a first submission.',
  })
  @IsOptional()
  @Min(1)
  sinceTreeSize?: number;
  @Field(() => String, { nullable: true, description: 'Root of that seal (64 hex).' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'sinceRoot is 64 lowercase hex characters' })
  sinceRoot?: string;
}

@ArgsType()
export class RegionalSubmissionsArgs {
  @Field(() => String, { nullable: true, description: 'INSEE region code; all regions when omitted.' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'region is an INSEE region code (two digits), e.g. 27' })
  region?: string;
}

@InputType()
export class IssueNationalSynthesisInput extends CommandInput {
  @Field({ description: 'A semester whose cut-off has passed, e.g. 2026-S1.' })
  @Matches(SEMESTER, { message: SEMESTER_MESSAGE })
  semester!: string;
}

@InputType()
export class SubmitRegionalReportInput extends CommandInput {
  @Field({ description: 'The region submitting (the caller must act in it); the bundle must be this region’s.' })
  @Matches(/^\d{2}$/, { message: 'region is an INSEE region code (two digits), e.g. 27' })
  region!: string;
  @Field({
    description: `The bundle's JSON text, as submissionBundle gave it on the regional instance. At most ${MAX_BUNDLE_CHARACTERS.toLocaleString('en')} characters.`,
  })
  @IsString()
  @MaxLength(MAX_BUNDLE_CHARACTERS)
  bundle!: string;
}

@ObjectType('SynthesisFigure', { description: 'A headline figure of a regional report (section: key), with the previous semester’s.' })
export class SynthesisFigureModel {
  @Field()
  key!: string;
  @Field(() => Float)
  value!: number;
  @Field(() => Float, { nullable: true, description: 'The previous semester’s figure; null when that report was not received.' })
  previous!: number | null;
  @Field(() => Float, { nullable: true })
  change!: number | null;
}

@ObjectType('SynthesisRanking', { description: 'The regions that reported, highest first (ties by code), on one figure the Mission follows.' })
export class SynthesisRankingModel {
  @Field()
  key!: string;
  @ListSize(18)
  @Field(() => [String], { description: 'Region codes.' })
  regions!: string[];
}

@ObjectType('NationalSynthesisRow', { description: 'One region in the national synthesis.' })
export class SynthesisRowModel {
  @Field()
  region!: string;
  @Field()
  name!: string;
  @Field({ description: 'issued, reissued, restated (figures as sent; a restatement exists) or missing.' })
  status!: string;
  @Field(() => String, { nullable: true, description: 'issued-here (issued on this instance) or submitted (a verified bundle).' })
  source!: string | null;
  @Field(() => String, { nullable: true, description: 'SHA-256 of the regional report’s JSON bytes.' })
  sha256!: string | null;
  @Field(() => Int, { nullable: true })
  version!: number | null;
  @Field(() => GraphQLISODateTime, { nullable: true })
  issuedAt!: Date | null;
  @Field(() => String, { nullable: true })
  issuedBy!: string | null;
  @Field(() => Int, { nullable: true, description: 'The seal covering the issue: tree size.' })
  sealTreeSize!: number | null;
  @Field(() => String, { nullable: true })
  sealRoot!: string | null;
  @Field(() => [SynthesisFigureModel])
  @ListSize(30)
  figures!: SynthesisFigureModel[];
}

@ObjectType('IssuedNationalSynthesis')
export class IssuedSynthesisModel {
  @Field()
  semester!: string;
  @Field(() => Int)
  version!: number;
  @Field()
  sha256!: string;
  @Field(() => [String])
  @ListSize(18)
  missing!: string[];
  @Field(() => GraphQLISODateTime)
  issuedAt!: Date;
  @Field()
  issuedBy!: string;
}

@ObjectType('NationalSynthesis', { description: 'Every region side by side for a semester, from the regions’ issued (or submitted) reports.' })
export class NationalSynthesisModel {
  @Field()
  semester!: string;
  @Field()
  previousSemester!: string;
  @Field({
    description:
      'SHA-256 of the whole synthesis’s JSON bytes (every region; GET /national/:semester/synthesis.json for a national reader), identical at every generation. A regional actor’s view has fewer rows: this stays the hash of the whole it was cut from.',
  })
  sha256!: string;
  @Field(() => Int, { description: 'Regions whose report was received.' })
  reported!: number;
  @ListSize(18)
  @Field(() => [String], { description: 'Regions without a report for the semester.' })
  missing!: string[];
  @ListSize(18)
  @Field(() => [SynthesisRowModel], { description: 'National bodies, auditors and admins: every region; regional actors: their own regions.' })
  regions!: SynthesisRowModel[];
  @Field(() => [SynthesisFigureModel])
  @ListSize(30)
  totals!: SynthesisFigureModel[];
  @ListSize(3)
  @ListSize(3)
  @Field(() => [SynthesisRankingModel])
  rankings!: SynthesisRankingModel[];
  @Field(() => [IssuedSynthesisModel], { description: 'Issues of this semester’s synthesis.' })
  issued!: IssuedSynthesisModel[];
}

@ObjectType('IssueNationalSynthesisPayload')
export class IssueNationalSynthesisPayload {
  @Field(() => NationalSynthesisModel)
  synthesis!: NationalSynthesisModel;
  @Field()
  replayed!: boolean;
  @Field(() => Int, { nullable: true, description: 'The seal taken right after the issue (covers the issue event).' })
  sealTreeSize!: number | null;
  @Field(() => String, { nullable: true })
  sealRoot!: string | null;
}

@ObjectType('RegionalSubmission', { description: 'A regional report accepted from a bundle, with the seal it was proved under.' })
export class RegionalSubmissionModel {
  @Field()
  region!: string;
  @Field()
  semester!: string;
  @Field(() => Int)
  number!: number;
  @Field()
  sha256!: string;
  @Field(() => Int, { description: 'The accepted seal: the next bundle of this region proves consistency from it.' })
  treeSize!: number;
  @Field()
  root!: string;
  @Field(() => GraphQLISODateTime)
  issuedAt!: Date;
  @Field()
  issuedBy!: string;
  @Field(() => GraphQLISODateTime)
  acceptedAt!: Date;
  @Field()
  acceptedBy!: string;
}

@ObjectType('SubmitRegionalReportPayload')
export class SubmitRegionalReportPayload {
  @Field(() => RegionalSubmissionModel)
  submission!: RegionalSubmissionModel;
  @Field()
  replayed!: boolean;
}

@ArgsType()
export class RegionalGovernanceArgs {
  @Field(() => String, { nullable: true, description: 'First day counted (YYYY-MM-DD, inclusive): meetings, and commitments made from then.' })
  @IsOptional()
  @IsString()
  from?: string | null;
  @Field(() => String, { nullable: true, description: 'Last day counted (YYYY-MM-DD, inclusive).' })
  @IsOptional()
  @IsString()
  to?: string | null;
  @Field(() => [String], { nullable: true, description: 'INSEE region codes; none: every region the caller may read.' })
  @IsOptional()
  @Matches(/^\d{2}$/, { each: true, message: 'regions are INSEE region codes (two digits), e.g. 27' })
  regions?: string[] | null;
}

@ObjectType('RegionGovernance', { description: 'How a region’s CCRANT governs, counted the same way in every region.' })
export class RegionGovernanceModel {
  @Field()
  region!: string;
  @Field()
  name!: string;
  @Field(() => Int, { description: 'Meetings that decided something in the period.' })
  meetings!: number;
  @Field(() => Int)
  decisions!: number;
  @Field(() => Int)
  byVote!: number;
  @Field(() => Int)
  byConsensus!: number;
  @Field(() => Int)
  adopted!: number;
  @Field(() => Int)
  rejected!: number;
  @Field(() => Int, { description: 'Votes held without the quorum (members present or represented below the rule’s share): they cannot adopt.' })
  quorumFailures!: number;
  @Field(() => Int, { description: 'Commitments made on a decision of the commission (action requests).' })
  commitmentsFromDecisions!: number;
  @Field(() => Float, { nullable: true, description: 'Median days from the meeting that decided to the commitment being made.' })
  medianDaysDecisionToCommitment!: number | null;
  @Field(() => Int, { nullable: true })
  maxDaysDecisionToCommitment!: number | null;
  @Field(() => Int, { description: 'Commitments concerning the region, made in the period.' })
  commitments!: number;
  @Field(() => Int, { description: 'Of those, breached now (declared, or lapsed past their due date).' })
  commitmentsBreached!: number;
}
