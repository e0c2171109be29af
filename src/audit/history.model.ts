import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '../graphql/json.scalar.js';
import { ConnectionType } from '../graphql/pagination.js';

@ObjectType('ImportBatch', { description: 'The file (name and SHA-256) and row an imported act comes from, and who imported it.' })
export class ImportBatchModel {
  @Field(() => ID, { description: 'import-<16 hex digits of the file’s SHA-256>.' })
  batchId!: string;
  @Field()
  fileName!: string;
  @Field()
  fileHash!: string;
  @Field()
  sheet!: string;
  @Field(() => Int)
  row!: number;
  @Field({ description: 'Who ran the import (token subject).' })
  importedBy!: string;
}

@ObjectType({ description: 'Who did it, for whom, under which command, and when it happened in the world.' })
export class EventMetadataModel {
  @Field(() => ID)
  commandId!: string;
  @Field(() => ID)
  correlationId!: string;
  @Field(() => ID)
  causationId!: string;
  @Field(() => ID, { nullable: true, description: 'The actor on whose behalf the act was done.' })
  actingActorId?: string;
  @Field({ description: 'The authenticated principal (token subject) that sent the command.' })
  principal!: string;
  @Field(() => GraphQLISODateTime)
  occurredAt!: Date;
  @Field(() => Int)
  schemaVersion!: number;
  @Field(() => String, { nullable: true, description: '`import` for an act brought in from a file; null for acts sent one by one.' })
  source?: string;
  @Field(() => ImportBatchModel, { nullable: true, description: 'The import batch (file and row) an imported act comes from.' })
  importBatch?: ImportBatchModel;
}

@ObjectType('HistoryEvent', { description: 'An event as recorded, with its place in the log and its hash-chain link.' })
export class HistoryEventModel {
  @Field(() => ID)
  id!: string;
  @Field()
  streamId!: string;
  @Field(() => Int)
  revision!: number;
  @Field({ description: 'Global log position (a decimal integer; may exceed 2^53).' })
  position!: string;
  @Field()
  type!: string;
  @Field(() => JSONScalar)
  data!: unknown;
  @Field(() => EventMetadataModel)
  metadata!: EventMetadataModel;
  @Field(() => GraphQLISODateTime)
  recordedAt!: Date;
  @Field()
  prevHash!: string;
  @Field()
  hash!: string;
  @Field(() => String, { nullable: true, description: 'Set when the stored event cannot be decoded: why (its `data` is then the stored text as found).' })
  damage?: string | null;
}

export const HistoryEventConnection = ConnectionType(HistoryEventModel, 'HistoryEvent');
