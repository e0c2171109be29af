import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext, CommandResult } from '../decider/command-handler.js';
import type { Decider, DomainEvent } from '../decider/decider.js';
import { CommandExecutor } from './command-executor.js';

/**
 * A domain command on its way to a decider, dispatched on the CommandBus by resolvers and
 * background processes. One message type for every feature: the decider travels with it.
 */
export class ExecuteCommand<Cmd, Event extends DomainEvent, State> extends Command<CommandResult<State, Event>> {
  constructor(
    readonly decider: Decider<Cmd, Event, State>,
    readonly streamId: string,
    readonly command: Cmd,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ExecuteCommand)
export class ExecuteCommandHandler implements ICommandHandler<ExecuteCommand<unknown, DomainEvent, unknown>> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ decider, streamId, command, context }: ExecuteCommand<unknown, DomainEvent, unknown>) {
    return this.executor.execute(decider, streamId, command, context);
  }
}
