import { assertIntact } from '../event-store/errors.js';
import { Inject } from '@nestjs/common';
import { Args, ArgsType, Field, Query, Resolver } from '@nestjs/graphql';
import { RegionScope } from './region-scope.js';
import { CurrentPrincipal } from '../auth/access.decorators.js';
import type { Principal } from '../shared/principal.js';
import { apiError } from '../graphql/errors.js';
import { Matches } from 'class-validator';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { STREAM_ID } from '../event-store/stream-id.js';
import type { EventStore, RecordedEvent } from '../event-store/event-store.js';
import { decodeCursor, encodeCursor, PageArgs, pageSize, type Connection } from '../graphql/pagination.js';
import { HistoryEventConnection, type HistoryEventModel } from './history.model.js';

@ArgsType()
class HistoryArgs extends PageArgs {
  @Field({
    description:
      "`<category>-<id>`, the id being the record's own id as the API returns it: actor-gigalis, convention-cpsd-52-thd, commitment-<id>, networkProject-rip-44, usageProject-<id>, whiteZone-<id>, commission-52 (by region code), meeting-<id>, person-<id>, report-52-2026-S2, seal-log.",
  })
  @Matches(STREAM_ID, { message: 'streamId must look like <category>-<id>' })
  streamId!: string;
}

@Resolver()
export class HistoryResolver {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scope: RegionScope,
  ) {}

  /** It names principals, so it is not public state: national roles, or a record of the caller's regions. */
  @Query(() => HistoryEventConnection, {
    description:
      "A stream's events in order, with their metadata and hashes. Auditors, admins and national bodies: any record; others: records concerning their actor's regions.",
  })
  async history(@Args() args: HistoryArgs, @CurrentPrincipal() principal: Principal): Promise<Connection<HistoryEventModel>> {
    if (!this.scope.mayReadStream(principal, args.streamId))
      throw apiError('FORBIDDEN', `Not allowed to read ${args.streamId}: it concerns none of your actor's regions`);
    const first = pageSize(args, this.config.graphql.maxPageSize);
    const fromRevision = args.after ? Number(decodeCursor(args.after, 1)[0]) + 1 : 0;
    const events = await this.store.readStream(args.streamId, { fromRevision, maxCount: first + 1 });
    const [{ revision: last } = { revision: -1 }] = await this.store.readStream(args.streamId, { direction: 'backwards', maxCount: 1 });
    const page = events.slice(0, first);
    const edges = page.map((event) => ({ cursor: encodeCursor([event.revision]), node: toHistoryEvent(event) }));
    return {
      edges,
      totalCount: last + 1,
      pageInfo: {
        hasNextPage: events.length > first,
        hasPreviousPage: fromRevision > 0,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  }
}

export function toHistoryEvent(event: RecordedEvent): HistoryEventModel {
  // Damaged data is shown as found; damaged metadata has no fields to show: the error names the position.
  if (event.damage !== undefined && (typeof event.metadata !== 'object' || event.metadata === null)) assertIntact([event]);
  return {
    ...event,
    position: event.position.toString(),
    recordedAt: new Date(event.recordedAt),
    metadata: { ...event.metadata, occurredAt: new Date(event.metadata.occurredAt) },
  };
}
