import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { ActorStatusLookup } from '../auth/auth.guard.js';
import type { RecordedEvent } from '../event-store/event-store.js';
import { Projections } from '../projections/projections.module.js';
import { TerritoryService } from '../territory/territory.service.js';
import { ActorsReadModel } from './actors.read-model.js';

/** What the guard needs of a caller's actor on every request. */
interface Access {
  status: 'active' | 'retired' | undefined;
  regions: ReadonlySet<string>;
}

/** Past this many actors kept, the cache starts again empty (registered actors number in the thousands). */
const MAX_ACTORS = 10_000;

/**
 * The status and regions of the actors that make requests, read from the `actors` read model once
 * and kept until it changes for that actor: an `actors` batch drops the actors it names, and a
 * drop, rebuild or failure of that projection drops them all. So every answer is the read model's
 * as it is now (a retirement refuses the next request, a registration lets the token in), without
 * two queries on every authenticated request.
 */
@Injectable()
export class ActorAccess implements ActorStatusLookup, OnModuleDestroy {
  private readonly known = new Map<string, Access>();
  private readonly stopListening: (() => void)[];

  constructor(
    private readonly actors: ActorsReadModel,
    private readonly territories: TerritoryService,
    projections: Projections,
  ) {
    this.stopListening = [
      projections.onCommitted((name, events) => {
        if (name === 'actors') for (const event of events) this.forget(event);
      }),
      projections.onInvalidated((name) => {
        if (name === 'actors') this.known.clear();
      }),
    ];
  }

  statusOf(actorId: string): 'active' | 'retired' | undefined {
    return this.accessOf(actorId).status;
  }

  /** The regions of the actor's territories (none for an unknown actor). */
  regionsOf(actorId: string): ReadonlySet<string> {
    return this.accessOf(actorId).regions;
  }

  onModuleDestroy(): void {
    for (const stop of this.stopListening) stop();
  }

  private accessOf(actorId: string): Access {
    let access = this.known.get(actorId);
    if (!access) {
      const actor = this.actors.byId(actorId);
      const regions = new Set((actor?.territories ?? []).flatMap((ref) => this.territories.regionsOf(ref).map((region) => region.code)));
      access = { status: actor?.status, regions };
      if (this.known.size >= MAX_ACTORS) this.known.clear();
      this.known.set(actorId, access);
    }
    return access;
  }

  private forget(event: RecordedEvent): void {
    const actorId = (event.data as { actorId?: unknown } | null)?.actorId;
    // An actor event always names its actor; should one not, nothing kept can be trusted.
    if (typeof actorId === 'string') this.known.delete(actorId);
    else this.known.clear();
  }
}
