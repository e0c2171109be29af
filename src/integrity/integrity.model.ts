import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsUUID, Matches, Min } from 'class-validator';

@ObjectType({ description: 'A seal: the RFC 6962 Merkle root over the first treeSize events of the global log, itself an event of stream seal-log.' })
export class SealModel {
  @Field(() => Int, { description: 'The sealed tree covers leaf indexes 0..treeSize-1 (the first treeSize events).' })
  treeSize!: number;
  @Field({ description: 'Global position of the last sealed event (decimal).' })
  lastPosition!: string;
  @Field({ description: 'Merkle root, 64 hex characters.' })
  root!: string;
  @Field(() => ID, { description: 'The seal event.' })
  eventId!: string;
  @Field({ description: 'Global position of the seal event (decimal).' })
  position!: string;
  @Field()
  recordedAt!: string;
}

@ObjectType({ description: 'RFC 6962 audit path: the event (leaf SHA-256(0x00 || event hash)) is in the tree of treeSize leaves with this root.' })
export class InclusionProofModel {
  @Field(() => ID)
  eventId!: string;
  @Field({ description: "The event's hash-chain hash (hex): the leaf data." })
  eventHash!: string;
  @Field(() => Int)
  leafIndex!: number;
  @Field(() => Int)
  treeSize!: number;
  @Field()
  root!: string;
  @Field(() => [String], { description: 'Sibling hashes from the leaf up to the root (hex).' })
  path!: string[];
  @Field(() => SealModel, { nullable: true, description: 'The seal of this tree size, if one was recorded.' })
  seal!: SealModel | null;
}

@ObjectType({ description: 'RFC 6962 consistency proof: the tree of secondSize leaves extends the tree of firstSize leaves.' })
export class ConsistencyProofModel {
  @Field(() => Int)
  firstSize!: number;
  @Field(() => Int)
  secondSize!: number;
  @Field()
  firstRoot!: string;
  @Field()
  secondRoot!: string;
  @Field(() => [String])
  path!: string[];
}

@ObjectType({ description: 'An event whose stored form cannot be decoded: damage found where it lies.' })
export class DamagedEventModel {
  @Field(() => String, { description: 'Global position (decimal).' })
  position!: string;
  @Field()
  streamId!: string;
  @Field(() => Int)
  revision!: number;
  @Field()
  reason!: string;
}

@ObjectType({ description: 'The result of walking the whole log: every chain, position and seal.' })
export class IntegrityReportModel {
  @Field()
  ok!: boolean;
  @Field(() => Int, { nullable: true, description: 'Events checked (when ok).' })
  events!: number | null;
  @Field(() => Int, { nullable: true, description: 'Seals checked (when ok).' })
  seals!: number | null;
  @Field(() => String, { nullable: true, description: 'Merkle root over the whole log (when ok).' })
  root!: string | null;
  @Field(() => Int, { nullable: true, description: 'Leaf index (ordinal in the log) of the first bad event.' })
  badIndex!: number | null;
  @Field(() => String, { nullable: true, description: 'Global position of the first bad event.' })
  badPosition!: string | null;
  @Field(() => String, { nullable: true })
  reason!: string | null;
  @Field(() => [DamagedEventModel], { description: 'Every event of the log whose stored form cannot be decoded, in log order (empty when none).' })
  damaged!: DamagedEventModel[];
}

@ArgsType()
export class InclusionProofArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'eventId must be a UUID' })
  eventId!: string;

  @Field({ nullable: true, description: 'Prove against the seal recorded at this position. Default: the latest seal.' })
  @IsOptional()
  @Matches(/^\d{1,30}$/, { message: 'sealPosition must be a decimal position' })
  sealPosition?: string;

  @Field(() => Int, { nullable: true, description: 'Prove against the tree of this size (sealed or not) instead of a seal.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  treeSize?: number;
}

@ArgsType()
export class ConsistencyProofArgs {
  @Field(() => Int, { description: 'The earlier tree size (e.g. a seal you kept).' })
  @IsInt()
  @Min(1)
  from!: number;

  @Field(() => Int, { description: 'The later tree size.' })
  @IsInt()
  @Min(1)
  to!: number;
}

@ArgsType()
export class VerifyIntegrityArgs {
  @Field(() => Int, { nullable: true, description: 'The tree size of a seal you kept (with keptRoot): the log must still hold those events, unchanged.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  keptTreeSize?: number;

  @Field(() => String, { nullable: true, description: 'The root of that seal (64 hex).' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'keptRoot must be 64 lowercase hex characters' })
  keptRoot?: string;
}
