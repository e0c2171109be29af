import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { PublicRead } from '../auth/access.decorators.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore } from '../event-store/event-store.js';
import { Projections } from '../projections/projections.module.js';

/** GET /health: 200 when the store answers and no projection failed, 503 otherwise. */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: Projections,
  ) {}

  @PublicRead()
  @Get()
  @HttpCode(200)
  async health(@Res({ passthrough: true }) res: Response) {
    let head: bigint | undefined;
    let storeError: string | undefined;
    try {
      head = await this.store.headPosition();
    } catch (error) {
      storeError = error instanceof Error ? error.message : String(error);
    }
    const projections = this.projections.status().map((p) => ({
      name: p.name,
      version: p.version,
      state: p.state,
      checkpoint: p.checkpoint.toString(),
      // Positions are dense on the embedded engine: the lag is a number of events there. A checkpoint
      // past the head is not "no lag": the read model followed another log (it is being rebuilt).
      lag: head === undefined || p.checkpoint > head ? null : (head > p.examined ? head - p.examined : 0n).toString(),
      checkpointPastHead: head !== undefined && p.checkpoint > head,
      error: p.error,
      failedAt: p.failure
        ? {
            position: p.failure.position.toString(),
            streamId: p.failure.streamId,
            revision: p.failure.revision,
            type: p.failure.type,
            reason: p.failure.reason,
          }
        : undefined,
    }));
    const healthy = storeError === undefined && projections.every((p) => p.state !== 'failed' && !p.checkpointPastHead);
    if (!healthy) res.status(503);
    return {
      status: healthy ? 'ok' : 'degraded',
      store: { engine: this.store.engine, reachable: storeError === undefined, headPosition: head?.toString() ?? null, error: storeError },
      projections,
    };
  }
}
