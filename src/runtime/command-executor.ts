import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { CommandHandler, type CommandContext, type CommandResult } from '../decider/command-handler.js';
import { StreamStateCache } from '../decider/stream-state-cache.js';
import type { Decider, DomainEvent } from '../decider/decider.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore } from '../event-store/event-store.js';
import { Projections } from '../projections/projections.module.js';
import { inSpan } from '../tracing/tracing.js';
import { requestContext } from './request-context.js';

/**
 * Runs a command through its decider and waits until the read models include what it appended,
 * so the mutation's response shows its own effect (read your writes).
 */
@Injectable()
export class CommandExecutor {
  private readonly handlers = new Map<Decider<never, never, never>, CommandHandler<never, never, never>>();
  /** One bound for every decider's streams. */
  private readonly stateCache: StreamStateCache;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: Projections,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.stateCache = new StreamStateCache(config.caches.commandStateStreams);
  }

  async execute<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: Command,
    context: CommandContext,
  ): Promise<CommandResult<State, Event>> {
    const current = requestContext.current();
    if (current) current.commandId = context.commandId;
    const withBatch = current?.importBatch && !context.importBatch ? { ...context, importBatch: current.importBatch } : context;
    const type = (command as { type?: unknown }).type;
    const name = typeof type === 'string' ? type : 'command';
    // Spans are no-ops unless tracing is on (TRACING_ENABLED; docs/operations.md).
    return inSpan(
      `command ${name}`,
      { 'scoran.command.type': name, 'scoran.command.id': context.commandId, 'scoran.stream.id': streamId, 'scoran.request.id': current?.requestId },
      async (span) => {
        const result = await inSpan('decide and append', {}, () => this.handlerFor(decider).handle(streamId, command, withBatch));
        span.setAttribute('scoran.stream.revision', result.revision);
        span.setAttribute('scoran.command.replayed', result.replayed);
        span.setAttribute('scoran.events', result.events.length);
        if (result.position !== undefined) {
          const position = result.position;
          await inSpan('read-your-writes wait', { 'scoran.position': position.toString() }, () => this.projections.waitFor(position));
        }
        return result;
      },
    );
  }

  private handlerFor<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>): CommandHandler<Command, Event, State> {
    const key = decider as unknown as Decider<never, never, never>;
    let handler = this.handlers.get(key);
    if (!handler) {
      handler = new CommandHandler(this.store, decider, { stateCache: this.stateCache }) as unknown as CommandHandler<never, never, never>;
      this.handlers.set(key, handler);
    }
    return handler as unknown as CommandHandler<Command, Event, State>;
  }
}
