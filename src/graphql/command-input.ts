import { Field, GraphQLISODateTime, ID, InputType, Int } from '@nestjs/graphql';
import { IsDate, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import type { Principal } from '../shared/principal.js';
import type { CommandContext } from '../decider/command-handler.js';
import { badUserInput } from './errors.js';

/** What every mutation input carries besides its own fields. */
@InputType({ isAbstract: true })
export abstract class CommandInput {
  @Field(() => ID, { description: 'Client-chosen UUID. Sending the same command again with it appends nothing and returns the first result.' })
  @IsUUID()
  commandId!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The revision the client loaded the record at. If it has changed since, the mutation fails with CONFLICT.',
  })
  @IsOptional()
  @IsInt()
  @Min(-1)
  expectedRevision?: number;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it happened in the world (e.g. the date on the signed paper). Default: now.' })
  @IsOptional()
  @IsDate()
  occurredAt?: Date;
}

/** Clock skew tolerated between a client's occurredAt and the server's clock. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export function commandContext(input: CommandInput, principal: Principal, now = new Date()): CommandContext {
  const occurredAt = input.occurredAt ?? now;
  if (occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw badUserInput('occurredAt must not be in the future', ['occurredAt']);
  }
  return {
    commandId: input.commandId,
    principal: principal.subject,
    actingActorId: principal.actorId,
    occurredAt: occurredAt.toISOString(),
    expectedRevision: input.expectedRevision,
    // What the client sent: a retry is recognised on it, not on the default occurredAt above. Only its
    // canonical JSON is used (Dates by toJSON, undefined members dropped), the text a JSON copy would give.
    request: input,
  };
}

/** A domain command as the resolver builds it, before the principal is added. */
export type WithoutPrincipal<T> = T extends unknown ? Omit<T, 'principal'> : never;
