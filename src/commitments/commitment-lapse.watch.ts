import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SchedulerRegistry } from '@nestjs/schedule';
import { ExecuteCommand } from '../runtime/execute-command.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { derivedCommandId } from '../decider/command-handler.js';
import { parisToday, type CalendarDate } from '../shared/calendar-date.js';
import { commitmentDecider, commitmentStreamId } from './commitment.decider.js';
import { CommitmentsReadModel } from './commitments.read-model.js';

const WATCH = 'commitment-lapse-watch';

/**
 * Breaches the commitments whose due date (plus the configured grace) has passed unfulfilled.
 * Each breach's command id derives from the commitment and the due date it lapsed on, so several
 * service instances, or a restart mid-run, record it once; a commitment revised meanwhile is left
 * alone by decide.
 */
@Injectable()
export class CommitmentLapseWatch implements OnApplicationBootstrap {
  private readonly logger = new Logger(WATCH);
  private running = false;

  constructor(
    private readonly commandBus: CommandBus,
    private readonly readModel: CommitmentsReadModel,
    private readonly schedulerRegistry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.commitments.lapseCheckMinutes;
    if (minutes <= 0) return;
    const interval = setInterval(() => void this.recordLapsed(), minutes * 60_000);
    interval.unref();
    this.schedulerRegistry.addInterval(WATCH, interval);
  }

  /** Returns how many commitments it breached. */
  async recordLapsed(today: CalendarDate = parisToday()): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let breached = 0;
    try {
      const graceDays = this.config.commitments.breachGraceDays;
      for (const { id, dueDate } of this.readModel.lapsed(today, graceDays)) {
        try {
          const result = await this.commandBus.execute(
            new ExecuteCommand(
              commitmentDecider,
              commitmentStreamId(id),
              { type: 'RecordLapsedCommitment', principal: { actorId: 'system', role: 'admin' }, today, graceDays },
              // Recognised again on the commitment and due date alone, not on today: another instance or another day re-sends the same breach.
              {
                commandId: derivedCommandId(`commitment:${id}`, `lapsed:${dueDate}`),
                principal: `system:${WATCH}`,
                occurredAt: new Date().toISOString(),
                request: { commitmentId: id, dueDate },
              },
            ),
          );
          if (result.events.length > 0 && !result.replayed) breached++;
        } catch (error) {
          // One commitment that cannot be breached must not stop the others; the next run retries it.
          this.logger.warn(`Could not record commitment ${id} as lapsed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    } finally {
      this.running = false;
    }
    if (breached > 0) this.logger.log(`Recorded ${breached} lapsed commitment(s)`);
    return breached;
  }
}
