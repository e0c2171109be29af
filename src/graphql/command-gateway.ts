import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandResult } from '../decider/command-handler.js';
import type { Decider, DomainEvent } from '../decider/decider.js';
import { ExecuteCommand } from '../runtime/execute-command.js';
import type { Principal } from '../shared/principal.js';
import { commandContext, type CommandInput, type WithoutPrincipal } from './command-input.js';

/**
 * The one way a resolver sends a mutation's command: the caller's actor and role go into the
 * command (what the decider judges), the input's command id, occurredAt and expected revision and
 * the token's subject into its context (what the log records).
 */
@Injectable()
export class CommandGateway {
  constructor(private readonly commandBus: CommandBus) {}

  send<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: WithoutPrincipal<Command>,
    input: CommandInput,
    principal: Principal,
  ): Promise<CommandResult<State, Event>> {
    const context = commandContext(input, principal);
    // Omit<Command, 'principal'> plus the principal is the command again; the compiler cannot see it through the union.
    const full = { ...command, principal: { actorId: principal.actorId, role: principal.role } } as Command;
    return this.commandBus.execute(new ExecuteCommand(decider, streamId, full, context));
  }
}
