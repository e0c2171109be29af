import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../app/command-executor.js';
import type { CommandContext, CommandResult } from '../decider/command-handler.js';
import { actorDecider, type ActorCommand, type ActorEvent, type ActorState } from './actor.decider.js';

/** Dispatched on the CommandBus by the resolver. */
export class ExecuteActorCommand extends Command<CommandResult<ActorState, ActorEvent>> {
  constructor(
    readonly streamId: string,
    readonly command: ActorCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ExecuteActorCommand)
export class ExecuteActorCommandHandler implements ICommandHandler<ExecuteActorCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ streamId, command, context }: ExecuteActorCommand) {
    return this.executor.execute(actorDecider, streamId, command, context);
  }
}
