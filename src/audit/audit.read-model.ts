import { Inject, Injectable } from '@nestjs/common';
import type { EventMetadata } from '../event-store/event-store.js';
import type { Connection } from '../graphql/pagination.js';
import { keysetPage } from '../graphql/keyset-page.js';
import type { ReadModelDatabase } from '../projections/projection.js';
import { READ_MODEL_DB } from '../projections/projections.module.js';
import { StatementCache } from '../projections/statement-cache.js';

export interface AuditFilter {
  actorId?: string;
  principal?: string;
  types?: string[];
  categories?: string[];
  streamId?: string;
  region?: string;
  correlationId?: string;
  importBatch?: string;
  recordedFrom?: string;
  recordedTo?: string;
  occurredFrom?: string;
  occurredTo?: string;
}

export interface AuditEvent {
  position: number;
  eventId: string;
  streamId: string;
  category: string;
  revision: number;
  type: string;
  actorId: string | null;
  principal: string;
  commandId: string;
  correlationId: string;
  causationId: string;
  occurredAt: string;
  recordedAt: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  prevHash: string;
  hash: string;
}

interface StoredAuditEvent extends Record<string, unknown> {
  position: number;
  event_id: string;
  stream_id: string;
  category: string;
  revision: number;
  type: string;
  actor_id: string | null;
  principal: string;
  command_id: string;
  correlation_id: string;
  causation_id: string;
  occurred_at: string;
  recorded_at: string;
  data: string;
  metadata: string;
  prev_hash: string;
  hash: string;
}

/** How an event in a causation tree came from its parent. */
export type CausationLink = 'caused_by' | 'same_command' | 'stream_continuation';

export interface CausationNode {
  event: AuditEvent;
  parentEventId: string | null;
  link: CausationLink | null;
  depth: number;
}

export interface CausationTree {
  root: AuditEvent;
  /** From the origin down to the root's parent: what led to the root. */
  ancestors: { event: AuditEvent; link: CausationLink }[];
  /** The command id the chain starts from when no recorded event carries it (a batch request). */
  originCommandId: string | null;
  /** The root first, then what it led to, breadth first. */
  descendants: CausationNode[];
  truncated: boolean;
}

const MAX_ANCESTORS = 100;

/** Queries over the `audit` projection: the whole log, indexed for auditors. */
@Injectable()
export class AuditReadModel {
  private readonly statements: StatementCache;

  constructor(@Inject(READ_MODEL_DB) db: ReadModelDatabase) {
    this.statements = new StatementCache(db);
  }

  list(filter: AuditFilter, page: { first: number; after?: string }, newestFirst = false): Connection<AuditEvent> {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    const equal = (column: string, name: keyof AuditFilter) => {
      if (filter[name] === undefined) return;
      where.push(`${column} = @${name}`);
      params[name] = filter[name];
    };
    equal('actor_id', 'actorId');
    equal('principal', 'principal');
    equal('stream_id', 'streamId');
    equal('correlation_id', 'correlationId');
    const anyOf = (column: string, name: string, values?: string[]) => {
      if (!values?.length) return;
      where.push(`${column} IN (${values.map((value, i) => ((params[`${name}${i}`] = value), `@${name}${i}`)).join(', ')})`);
    };
    anyOf('type', 'type', filter.types);
    anyOf('category', 'category', filter.categories);
    const range = (column: string, from?: string, to?: string) => {
      if (from !== undefined) where.push(`${column} >= @${column}_from`) && (params[`${column}_from`] = from);
      if (to !== undefined) where.push(`${column} <= @${column}_to`) && (params[`${column}_to`] = to);
    };
    range('recorded_at', filter.recordedFrom, filter.recordedTo);
    range('occurred_at', filter.occurredFrom, filter.occurredTo);
    if (filter.importBatch !== undefined) {
      where.push("json_extract(metadata, '$.importBatch.batchId') = @importBatch");
      params.importBatch = filter.importBatch;
    }
    if (filter.region !== undefined) {
      where.push('stream_id IN (SELECT stream_id FROM audit_stream_regions WHERE region = @region)');
      params.region = filter.region;
    }
    return keysetPage<StoredAuditEvent, AuditEvent>(
      this.statements,
      { from: 'audit_events', where, params, keys: ['position'], descending: newestFirst },
      page,
      toAuditEvent,
    );
  }

  byEventId(eventId: string): AuditEvent | undefined {
    const row = this.statements.get('SELECT * FROM audit_events WHERE event_id = ?').get(eventId) as StoredAuditEvent | undefined;
    return row && toAuditEvent(row);
  }

  /** Regions the stream's events name (directly or through the entity they belong to). */
  regionsOfStream(streamId: string): string[] {
    return (this.statements.get('SELECT region FROM audit_stream_regions WHERE stream_id = ? ORDER BY region').all(streamId) as { region: string }[]).map(
      (r) => r.region,
    );
  }

  /** Stream categories present in the log, for completeness checks. */
  categories(): string[] {
    return (this.statements.get('SELECT DISTINCT category FROM audit_events ORDER BY category').all() as { category: string }[]).map((r) => r.category);
  }

  /**
   * What an event led to, breadth first: events whose causation is this event or its command,
   * the rest of its own command, and, for an event that created its stream, the stream's later
   * events (a commitment's progress reports follow from its making). Then back to its origin.
   */
  causation(eventId: string, maxNodes: number): CausationTree | undefined {
    const root = this.byEventId(eventId);
    if (!root) return undefined;
    const seen = new Set([root.eventId]);
    const descendants: CausationNode[] = [{ event: root, parentEventId: null, link: null, depth: 0 }];
    let truncated = false;
    for (let i = 0; i < descendants.length && !truncated; i++) {
      const { event, depth } = descendants[i];
      for (const [child, link] of this.childrenOf(event, i === 0)) {
        if (seen.has(child.eventId)) continue;
        if (descendants.length >= maxNodes) {
          truncated = true;
          break;
        }
        seen.add(child.eventId);
        descendants.push({ event: child, parentEventId: event.eventId, link, depth: depth + 1 });
      }
    }
    const { ancestors, originCommandId } = this.ancestorsOf(root);
    return { root, ancestors, originCommandId, descendants, truncated };
  }

  private childrenOf(event: AuditEvent, isRoot: boolean): [AuditEvent, CausationLink][] {
    const children: [AuditEvent, CausationLink][] = [];
    if (isRoot) {
      for (const sibling of this.rows('SELECT * FROM audit_events WHERE command_id = ? AND position > ? ORDER BY position', event.commandId, event.position)) {
        children.push([sibling, 'same_command']);
      }
    }
    const caused = this.rows(
      'SELECT * FROM audit_events WHERE causation_id IN (?, ?) AND command_id <> ? ORDER BY position',
      event.eventId,
      event.commandId,
      event.commandId,
    );
    for (const child of caused) children.push([child, 'caused_by']);
    if (event.revision === 0) {
      for (const later of this.rows('SELECT * FROM audit_events WHERE stream_id = ? AND revision > 0 ORDER BY revision', event.streamId)) {
        // Events another act caused belong under that act, not under the stream's creation.
        if (later.causationId === later.commandId) children.push([later, 'stream_continuation']);
      }
    }
    return children;
  }

  private ancestorsOf(event: AuditEvent): Pick<CausationTree, 'ancestors' | 'originCommandId'> {
    const ancestors: CausationTree['ancestors'] = [];
    const seen = new Set([event.eventId]);
    let current = event;
    let originCommandId: string | null = null;
    while (ancestors.length < MAX_ANCESTORS) {
      const parent = this.parentOf(current);
      if (!parent) {
        if (current.causationId !== current.commandId && !this.byEventId(current.causationId)) originCommandId = current.causationId;
        break;
      }
      if (seen.has(parent.event.eventId)) break;
      seen.add(parent.event.eventId);
      ancestors.unshift(parent);
      current = parent.event;
    }
    return { ancestors, originCommandId };
  }

  private parentOf(event: AuditEvent): { event: AuditEvent; link: CausationLink } | undefined {
    if (event.causationId !== event.commandId) {
      const cause =
        this.byEventId(event.causationId) ??
        this.rows('SELECT * FROM audit_events WHERE command_id = ? AND position < ? ORDER BY position DESC LIMIT 1', event.causationId, event.position)[0];
      return cause && { event: cause, link: 'caused_by' };
    }
    if (event.revision > 0) {
      const creation = this.rows('SELECT * FROM audit_events WHERE stream_id = ? AND revision = 0', event.streamId)[0];
      if (creation && creation.commandId !== event.commandId) return { event: creation, link: 'stream_continuation' };
    }
    return undefined;
  }

  private rows(sql: string, ...params: unknown[]): AuditEvent[] {
    return (this.statements.get(sql).all(...params) as StoredAuditEvent[]).map(toAuditEvent);
  }
}

function toAuditEvent(row: StoredAuditEvent): AuditEvent {
  return {
    position: row.position,
    eventId: row.event_id,
    streamId: row.stream_id,
    category: row.category,
    revision: row.revision,
    type: row.type,
    actorId: row.actor_id,
    principal: row.principal,
    commandId: row.command_id,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    data: JSON.parse(row.data) as Record<string, unknown>,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
