/**
 * Pure mapping between EventStoreDB's client types and our interface (unit-tested without a server).
 */
import { NO_STREAM, START, eventTypeFilter, streamNameFilter, type Filter, type Position as EsdbPosition } from '@eventstore/db-client';
import { categoryOf, NO_REVISION, type EventFilter, type EventMetadata, type ExpectedRevision, type Position, type RecordedEvent } from '../event-store.js';
import { ConcurrencyError } from '../errors.js';

const SHIFT = 64n;
const MAX = (1n << SHIFT) - 1n;

/** `{commit, prepare}` → one ordered bigint: events of one append share `commit` and differ by `prepare`. */
export function packPosition(position: EsdbPosition): Position {
  if (position.commit < 0n || position.commit > MAX || position.prepare < 0n || position.prepare > MAX) {
    throw new RangeError(`EventStoreDB position out of range: ${position.commit}/${position.prepare}`);
  }
  return (position.commit << SHIFT) | position.prepare;
}

export function unpackPosition(position: Position): EsdbPosition | typeof START {
  if (position === 0n) return START;
  if (position < 0n || position > (MAX << SHIFT) + MAX) throw new RangeError(`Not a packed EventStoreDB position: ${position}`);
  return { commit: position >> SHIFT, prepare: position & MAX };
}

/** Our expected revision as the client's (we always append at an exact revision or on no stream). */
export function toEsdbRevision(revision: number): bigint | typeof NO_STREAM {
  return revision === NO_REVISION ? NO_STREAM : BigInt(revision);
}

export function toConcurrencyError(streamId: string, expected: ExpectedRevision, actualVersion: unknown): ConcurrencyError {
  const actual = typeof actualVersion === 'bigint' ? Number(actualVersion) : NO_REVISION;
  return new ConcurrencyError(streamId, expected, actual);
}

/** What we keep in an EventStoreDB event's metadata: ours, the chain, and the server's own correlation keys. */
export interface StoredMetadata extends EventMetadata {
  chain: { recordedAt: string; prevHash: string; hash: string };
  $correlationId: string;
  $causationId: string;
}

export function toStoredMetadata(metadata: EventMetadata, chain: StoredMetadata['chain']): StoredMetadata {
  return { ...metadata, chain, $correlationId: metadata.correlationId, $causationId: metadata.causationId };
}

export interface EsdbRecorded {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata?: unknown;
  position?: EsdbPosition;
}

/** A server event as our RecordedEvent; undefined for events that are not ours (system, foreign). */
export function toRecordedEvent(event: EsdbRecorded): RecordedEvent | undefined {
  if (event.type.startsWith('$') || event.streamId.startsWith('$')) return undefined;
  const stored = event.metadata as Partial<StoredMetadata> | undefined;
  const ours = typeof stored === 'object' && stored !== null && typeof stored.commandId === 'string';
  const chainOk =
    !!stored?.chain && typeof stored.chain.hash === 'string' && typeof stored.chain.prevHash === 'string' && typeof stored.chain.recordedAt === 'string';
  // Events written by others carry none of our metadata and are not ours to read; one of ours that
  // lost its chain, or whose data is no longer JSON, is damage to report at its position.
  if (!ours && !chainOk) return undefined;
  const damage = [
    ...(chainOk ? [] : ['the hash-chain metadata is missing or malformed']),
    ...(isJsonObject(event.data) ? [] : ['the event data is not a JSON object']),
  ];
  const { chain, $correlationId: _c, $causationId: _k, ...metadata } = stored as StoredMetadata;
  const recorded: RecordedEvent = {
    id: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
    // Stream reads on older servers carry no $all position; -1n says "unknown" (never used for ordering).
    position: event.position && event.position.commit <= MAX ? packPosition(event.position) : -1n,
    type: event.type,
    data: event.data,
    metadata,
    recordedAt: chainOk ? chain.recordedAt : '',
    prevHash: chainOk ? chain.prevHash : '',
    hash: chainOk ? chain.hash : '',
  };
  if (damage.length > 0) recorded.damage = damage.join('; ');
  return recorded;
}

const isJsonObject = (data: unknown) => typeof data === 'object' && data !== null && !(data instanceof Uint8Array) && !Array.isArray(data);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One server-side filter (exact category or type names, as anchored regexes) and the rest of the
 * filter to apply on the client: EventStoreDB filters on stream name or on event type, not both.
 */
export function serverFilter(filter: EventFilter | undefined, checkpointInterval: number): { server?: Filter; clientTypes?: Set<string> } {
  if (filter?.categories?.length) {
    return {
      server: streamNameFilter({ regex: `^(${filter.categories.map(escape).join('|')})-`, checkpointInterval }),
      clientTypes: filter.eventTypes?.length ? new Set(filter.eventTypes) : undefined,
    };
  }
  if (filter?.eventTypes?.length) {
    return { server: eventTypeFilter({ regex: `^(${filter.eventTypes.map(escape).join('|')})$`, checkpointInterval }) };
  }
  return {};
}

export function matches(event: RecordedEvent, filter: EventFilter | undefined): boolean {
  if (filter?.categories?.length && !filter.categories.includes(categoryOf(event.streamId))) return false;
  if (filter?.eventTypes?.length && !filter.eventTypes.includes(event.type)) return false;
  return true;
}
