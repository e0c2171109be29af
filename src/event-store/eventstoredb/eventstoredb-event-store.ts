import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  START as ESDB_START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  NO_REVISION,
  START,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadAllPage,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamHead,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionItem,
} from '../event-store.js';
import { ConcurrencyError, IdempotencyConflictError } from '../errors.js';
import { canonicalJson, GENESIS_HASH, hashEncodedEvent } from '../hash-chain.js';
import { encodeBatch, type EncodedEvent } from '../new-events.js';
import {
  matches,
  packPosition,
  serverFilter,
  toConcurrencyError,
  toEsdbRevision,
  toRecordedEvent,
  toStoredMetadata,
  unpackPosition,
} from './eventstoredb-mapping.js';

export interface EventStoreDbOptions {
  connectionString?: string;
  client?: EventStoreDBClient;
  clock?: () => Date;
  /** Events between two progress reports of a filtered subscription. */
  checkpointInterval?: number;
}

const APPEND_ATTEMPTS = 5;

/**
 * The EventStoreDB engine. Appends always go at the exact revision just read, because the hash
 * chain needs the previous event's hash; `stream_exists` is honoured by retrying that read.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly engine = 'eventstoredb' as const;
  private readonly client: EventStoreDBClient;
  private readonly clock: () => Date;
  private readonly checkpointInterval: number;

  constructor(options: EventStoreDbOptions) {
    if (!options.client && !options.connectionString) throw new Error('EventStoreDB engine needs a connection string');
    this.client = options.client ?? EventStoreDBClient.connectionString`${options.connectionString!}`;
    this.clock = options.clock ?? (() => new Date());
    this.checkpointInterval = options.checkpointInterval ?? 32;
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const encoded = encodeBatch(streamId, events);
    for (let attempt = 0; ; attempt++) {
      const recent = await this.readStream(streamId, { direction: 'backwards', maxCount: encoded.length });
      const last = recent[0];
      const actual = last ? last.revision : NO_REVISION;
      const ids = new Set(encoded.map((e) => e.id));
      if (recent.some((event) => ids.has(event.id))) return this.resolveRetry(streamId, encoded, recent[recent.length - 1].revision);
      if (!revisionMatches(expected, actual)) {
        const retry = await this.findRetry(streamId, encoded, typeof expected === 'number' ? expected + 1 : 0);
        if (retry) return retry;
        throw new ConcurrencyError(streamId, expected, actual);
      }
      try {
        return await this.appendAt(streamId, encoded, last);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        // Lost a race after our read: judge the new state (a retry may find our own events).
        if (attempt + 1 >= APPEND_ATTEMPTS) throw toConcurrencyError(streamId, expected, error.actualVersion);
      }
    }
  }

  private async appendAt(streamId: string, encoded: EncodedEvent[], last: RecordedEvent | undefined): Promise<AppendResult> {
    const now = this.clock().toISOString();
    const recordedAt = last && last.recordedAt > now ? last.recordedAt : now;
    let prevHash = last?.hash ?? GENESIS_HASH;
    let revision = last?.revision ?? NO_REVISION;
    const payload = encoded.map((event) => {
      revision += 1;
      const hash = hashEncodedEvent({
        streamId,
        revision,
        id: event.id,
        type: event.type,
        dataJson: event.dataJson,
        metadataJson: event.metadataJson,
        recordedAt,
        prevHash,
      });
      const chain = { recordedAt, prevHash, hash };
      prevHash = hash;
      return jsonEvent({
        id: event.id,
        type: event.type,
        data: JSON.parse(event.dataJson) as Record<string, unknown>,
        metadata: toStoredMetadata(JSON.parse(event.metadataJson) as EventMetadata, chain),
      });
    });
    const result = await this.client.appendToStream(streamId, payload, { expectedRevision: toEsdbRevision(last?.revision ?? NO_REVISION) });
    if (!result.position) throw new Error('EventStoreDB returned no position for an append');
    return { nextRevision: Number(result.nextExpectedRevision), position: packPosition(result.position) };
  }

  /** Looks for the batch from `fromRevision` on; same content: the first result; other content: a conflict. */
  private async findRetry(streamId: string, encoded: EncodedEvent[], fromRevision: number): Promise<AppendResult | undefined> {
    const later = await this.readStream(streamId, { fromRevision: Math.max(fromRevision, 0), maxCount: 10_000 });
    const start = later.findIndex((event) => event.id === encoded[0].id);
    if (start === -1) {
      if (later.some((event) => encoded.some((e) => e.id === event.id))) {
        throw new IdempotencyConflictError(streamId, encoded[0].id, 'part of the batch was appended before, part was not');
      }
      return undefined;
    }
    return this.resolveRetry(streamId, encoded, later[start].revision);
  }

  private async resolveRetry(streamId: string, encoded: EncodedEvent[], fromRevision: number): Promise<AppendResult> {
    const stored = await this.readStream(streamId, { fromRevision, maxCount: encoded.length + 1 });
    const start = stored.findIndex((event) => event.id === encoded[0].id);
    const conflict = (reason: string) => new IdempotencyConflictError(streamId, encoded[0].id, reason);
    if (start === -1) throw conflict('part of the batch was appended before, part was not');
    const batch = stored.slice(start, start + encoded.length);
    if (batch.length !== encoded.length) throw conflict('part of the batch was appended before, part was not');
    batch.forEach((event, i) => {
      const expected = encoded[i];
      if (event.id !== expected.id) throw conflict('the earlier batch was in another order');
      if (event.type !== expected.type || canonicalJson(event.data) !== expected.dataJson || canonicalJson(event.metadata) !== expected.metadataJson) {
        throw conflict('type, data or metadata differ');
      }
    });
    const last = batch[batch.length - 1];
    return { nextRevision: last.revision, position: last.position, replayed: true };
  }

  /** The stream's last event, read backwards (no index by event id here: retries are found by the command handler's cache). */
  async streamHead(streamId: string): Promise<StreamHead | undefined> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    return last && { revision: last.revision, eventId: last.id };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const out: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? END : ESDB_START,
        maxCount: options.recordedUntil === undefined && options.maxCount !== undefined ? options.maxCount : undefined,
      });
      for await (const resolved of read as AsyncIterable<ResolvedEvent>) {
        const event = resolved.event && toRecordedEvent(resolved.event);
        if (!event) continue;
        if (options.toRevision !== undefined && (backwards ? event.revision < options.toRevision : event.revision > options.toRevision)) break;
        if (options.recordedUntil !== undefined && event.recordedAt > new Date(options.recordedUntil).toISOString()) {
          if (backwards) continue;
          break; // recordedAt never decreases within a stream
        }
        out.push(event);
        if (options.maxCount !== undefined && out.length >= options.maxCount) break;
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    const after = options.after ?? START;
    const limit = Math.min(Math.max(options.limit ?? 1000, 1), 10_000);
    const events: RecordedEvent[] = [];
    let lastPosition = after;
    let examined = 0;
    const chunk = limit + 1;
    const read = this.client.readAll({ direction: FORWARDS, fromPosition: unpackPosition(after), maxCount: chunk });
    for await (const resolved of read as AsyncIterable<AllStreamResolvedEvent>) {
      examined += 1;
      if (!resolved.event?.position) continue;
      const position = packPosition(resolved.event.position);
      if (position <= after) continue;
      lastPosition = position;
      const event = toRecordedEvent(resolved.event);
      if (event && matches(event, options.filter)) events.push(event);
      if (events.length >= limit) break;
    }
    return { events, lastPosition, isEnd: examined < chunk };
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    return new EventStoreDbSubscription(this.client, options, this.checkpointInterval);
  }

  async headPosition(): Promise<Position> {
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    for await (const resolved of read as AsyncIterable<AllStreamResolvedEvent>) {
      if (resolved.event?.position) return packPosition(resolved.event.position);
    }
    return START;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

function revisionMatches(expected: ExpectedRevision, actual: number): boolean {
  if (expected === 'no_stream') return actual === NO_REVISION;
  if (expected === 'stream_exists') return actual !== NO_REVISION;
  return expected === actual;
}

/**
 * Merges the client's stream of events with its checkpoint callbacks into one pull-based iterable.
 * The client's readable is paused while our buffer is full, so a slow consumer slows the server.
 */
class EventStoreDbSubscription implements Subscription {
  private closed = false;
  private close_?: () => Promise<void>;
  private wakeConsumer?: () => void;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: SubscribeOptions,
    private readonly checkpointInterval: number,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionItem> {
    const after = this.options.after ?? START;
    const { server, clientTypes } = serverFilter(this.options.filter, this.checkpointInterval);
    const pending: SubscriptionItem[] = [];
    let caughtUp = false;
    let wake: (() => void) | undefined;
    const notify = () => {
      wake?.();
      wake = undefined;
    };
    this.wakeConsumer = notify;
    const filter = server && {
      ...server,
      checkpointReached: (_: unknown, position: { commit: bigint; prepare: bigint }) => {
        pending.push({ kind: 'positionReached', position: packPosition(position), caughtUp });
        notify();
      },
    };
    const subscription = this.client.subscribeToAll({ fromPosition: unpackPosition(after), ...(filter ? { filter } : {}) });
    this.close_ = () => subscription.unsubscribe();
    let lastPosition = after;
    subscription.on('caughtUp', () => {
      caughtUp = true;
      pending.push({ kind: 'positionReached', position: lastPosition, caughtUp: true });
      notify();
    });
    let failure: Error | undefined;
    let ended = false;
    subscription.on('error', (error: unknown) => {
      failure = error instanceof Error ? error : new Error(String(error));
      notify();
    });
    subscription.on('end', () => {
      ended = true;
      notify();
    });
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      if (!resolved.event?.position) return;
      const position = packPosition(resolved.event.position);
      if (position <= after) return;
      lastPosition = position;
      const event = toRecordedEvent(resolved.event);
      if (event && (!clientTypes || clientTypes.has(event.type)) && matches(event, this.options.filter)) pending.push(event);
      if (pending.length >= 500) subscription.pause();
      notify();
    });
    try {
      while (!this.closed) {
        const item = pending.shift();
        if (item) {
          if (pending.length < 100 && subscription.isPaused()) subscription.resume();
          yield item;
          continue;
        }
        if (failure) throw failure;
        if (ended) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      await subscription.unsubscribe();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeConsumer?.();
    await this.close_?.();
  }
}
