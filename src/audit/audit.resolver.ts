import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { ActorsReadModel } from '../actors/actors.read-model.js';
import { RequireRoles } from '../auth/access.decorators.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { assertIntact } from '../event-store/errors.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { categoryOf, type EventStore } from '../event-store/event-store.js';
import { apiError, badUserInput } from '../graphql/errors.js';
import { pageSize, type Connection } from '../graphql/pagination.js';
import { toHistoryEvent } from './history.resolver.js';
import { TerritoryService } from '../territory/territory.service.js';
import { summarize } from './audit-summary.js';
import {
  AuditEventConnection,
  AuditTrailArgs,
  CausationArgs,
  CausationTreeModel,
  EntitySnapshotModel,
  StateAsOfArgs,
  StateDiffArgs,
  StateDiffModel,
  type AuditEventModel,
  type PointInTimeInput,
} from './audit.model.js';
import { AuditReadModel, type AuditEvent } from './audit.read-model.js';
import { diffStates, EntityStates, isWithin, type EntitySnapshot, type PointInTime } from '../runtime/entity-states.js';

/** The auditors' queries: the whole log, causation, time travel. Auditor and admin roles (national bodies too for the trail and causation, across regions). */
@Resolver()
export class AuditResolver {
  constructor(
    private readonly audit: AuditReadModel,
    private readonly actors: ActorsReadModel,
    private readonly territories: TerritoryService,
    private readonly states: EntityStates,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @RequireRoles('auditor', 'admin', 'national_body')
  @Query(() => AuditEventConnection, {
    description: 'Every recorded act of every region, filtered (by region among others); log order unless newestFirst. Auditor, national body or admin.',
  })
  auditTrail(@Args() args: AuditTrailArgs): Connection<AuditEventModel> {
    const filter = args.filter ?? {};
    if (filter.region !== undefined && !this.territories.region(filter.region))
      throw badUserInput(`No region ${filter.region} in the official geography`, ['filter.region']);
    for (const [from, to, field] of [
      [filter.recordedFrom, filter.recordedTo, 'filter.recordedTo'],
      [filter.occurredFrom, filter.occurredTo, 'filter.occurredTo'],
    ] as const) {
      if (from && to && from > to) throw badUserInput(`${field.slice(7)} is before its lower bound`, [field]);
    }
    const page = this.audit.list(
      {
        ...filter,
        recordedFrom: filter.recordedFrom?.toISOString(),
        recordedTo: filter.recordedTo?.toISOString(),
        occurredFrom: filter.occurredFrom?.toISOString(),
        occurredTo: filter.occurredTo?.toISOString(),
      },
      { first: pageSize(args, this.config.graphql.maxPageSize), after: args.after },
      args.newestFirst,
    );
    return { ...page, edges: page.edges.map(({ cursor, node }) => ({ cursor, node: this.toModel(node) })) };
  }

  @RequireRoles('auditor', 'admin', 'national_body')
  @Query(() => CausationTreeModel, {
    description: 'What an act led to, and what led to it, across regions or in one (region). Auditor, national body or admin.',
  })
  causation(@Args() args: CausationArgs): CausationTreeModel {
    if (args.region !== undefined && args.region !== null && !this.territories.region(args.region))
      throw badUserInput(`No region ${args.region} in the official geography`, ['region']);
    const tree = this.audit.causation(args.eventId, args.maxNodes);
    if (!tree) throw apiError('NOT_FOUND', `No event ${args.eventId} in the log`);
    const inRegion = (streamId: string) => !args.region || this.audit.regionsOfStream(streamId).includes(args.region);
    return {
      root: this.toModel(tree.root),
      ancestors: tree.ancestors.map(({ event, link }) => ({ event: this.toModel(event), link })),
      originCommandId: tree.originCommandId,
      descendants: tree.descendants
        .filter((node) => node.depth === 0 || inRegion(node.event.streamId))
        .map((node) => ({ ...node, event: this.toModel(node.event) })),
      truncated: tree.truncated,
    };
  }

  @RequireRoles('auditor', 'admin')
  @Query(() => EntitySnapshotModel, { description: 'Any entity (by stream id) as it stood at a point in time. Auditor or admin.' })
  async stateAsOf(@Args() args: StateAsOfArgs): Promise<EntitySnapshotModel> {
    const at = pointInTime(args.at, 'at');
    const events = await this.streamEvents(args.streamId);
    return toSnapshotModel(this.states.snapshot(args.streamId, categoryOf(args.streamId), events, at));
  }

  @RequireRoles('auditor', 'admin')
  @Query(() => StateDiffModel, { description: 'What changed in an entity between two points in time. Auditor or admin.' })
  async stateDiff(@Args() args: StateDiffArgs): Promise<StateDiffModel> {
    const from = pointInTime(args.from, 'from');
    const to = pointInTime(args.to, 'to');
    const events = await this.streamEvents(args.streamId);
    const category = categoryOf(args.streamId);
    const before = this.states.snapshot(args.streamId, category, events, from);
    const after = this.states.snapshot(args.streamId, category, events, to);
    const added = events.filter((event) => isWithin(event, to) && !isWithin(event, from));
    return {
      from: toSnapshotModel(before),
      to: toSnapshotModel(after),
      changes: [...diffStates(before.state, after.state, 'state'), ...diffStates(before.attributes, after.attributes, 'attributes')],
      events: added.map(toHistoryEvent),
    };
  }

  private async streamEvents(streamId: string) {
    const events = await this.store.readStream(streamId);
    if (events.length === 0) throw apiError('NOT_FOUND', `No stream ${streamId}`);
    // Time travel folds the events: a damaged one is reported with its position, not folded.
    assertIntact(events);
    return events;
  }

  private toModel(event: AuditEvent): AuditEventModel {
    const actorName = event.actorId ? this.actors.byId(event.actorId)?.name : undefined;
    return {
      ...event,
      id: event.eventId,
      position: String(event.position),
      recordedAt: new Date(event.recordedAt),
      occurredAt: new Date(event.occurredAt),
      metadata: { ...event.metadata, occurredAt: new Date(event.metadata.occurredAt) },
      summary: summarize(event, actorName),
    };
  }
}

function pointInTime(input: PointInTimeInput, field: string): PointInTime {
  const given = [input.recordedAt, input.occurredAt, input.position].filter((value) => value !== undefined && value !== null);
  if (given.length !== 1) throw badUserInput(`${field}: give exactly one of recordedAt, occurredAt, position`, [field]);
  if (input.recordedAt) return { recordedAt: input.recordedAt.toISOString() };
  if (input.occurredAt) return { occurredAt: input.occurredAt.toISOString() };
  return { position: BigInt(input.position!) };
}

function toSnapshotModel(snapshot: EntitySnapshot): EntitySnapshotModel {
  return { ...snapshot, lastEvent: snapshot.lastEvent && toHistoryEvent(snapshot.lastEvent) };
}
