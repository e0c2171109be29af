import { createHash } from 'node:crypto';
import type { RecordedEvent } from './event-store.js';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, `undefined` members
 * dropped, numbers as ECMAScript prints them (the same as RFC 8785 for finite numbers).
 * Non-finite numbers and non-JSON values are refused rather than silently changed.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`Cannot encode non-finite number ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
        return canonicalJson((value as { toJSON: () => unknown }).toJSON());
      }
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
      const record = value as Record<string, unknown>;
      const members: string[] = [];
      for (const key of Object.keys(record).sort()) {
        if (record[key] === undefined) continue;
        members.push(`${JSON.stringify(key)}:${canonicalJson(record[key])}`);
      }
      return `{${members.join(',')}}`;
    }
    default:
      throw new TypeError(`Cannot encode a ${typeof value} in an event`);
  }
}

/** The fields that a hash covers: everything recorded about the event except its global position. */
export type HashedFields = Pick<RecordedEvent, 'streamId' | 'revision' | 'id' | 'type' | 'data' | 'metadata' | 'recordedAt' | 'prevHash'>;

export function eventHash(event: HashedFields): string {
  return hashEncodedEvent({ ...event, dataJson: canonicalJson(event.data), metadataJson: canonicalJson(event.metadata) });
}

/**
 * The same hash from data and metadata already in canonical JSON (engines store that text, so
 * encoding once serves both storage and hashing). The hashed text is the canonical JSON of the
 * object {data, id, metadata, prevHash, recordedAt, revision, streamId, type}.
 */
export function hashEncodedEvent(event: Omit<HashedFields, 'data' | 'metadata'> & { dataJson: string; metadataJson: string }): string {
  const encoded =
    `{"data":${event.dataJson},"id":${JSON.stringify(event.id)},"metadata":${event.metadataJson},` +
    `"prevHash":${JSON.stringify(event.prevHash)},"recordedAt":${JSON.stringify(event.recordedAt)},` +
    `"revision":${canonicalJson(event.revision)},"streamId":${JSON.stringify(event.streamId)},` +
    `"type":${JSON.stringify(event.type)}}`;
  return createHash('sha256').update(encoded).digest('hex');
}

export type ChainVerdict = { ok: true; events: number; lastHash: string } | { ok: false; revision: number; position: bigint | undefined; reason: string };

/**
 * Recomputes one stream's chain, in the order given. Detects a changed event (hash), a removed or
 * inserted event (revision sequence, prevHash link) and a reordering (both).
 */
export function verifyStreamChain(events: Iterable<RecordedEvent>): ChainVerdict {
  let expectedRevision = 0;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (const event of events) {
    const fail = (reason: string): ChainVerdict => ({ ok: false, revision: expectedRevision, position: event.position, reason });
    if (event.revision !== expectedRevision) {
      return fail(`expected revision ${expectedRevision}, found ${event.revision} (event removed, inserted or reordered)`);
    }
    if (event.prevHash !== prevHash) return fail('prevHash does not link to the previous event');
    if (eventHash(event) !== event.hash) return fail('hash does not match the event content');
    prevHash = event.hash;
    expectedRevision += 1;
    count += 1;
  }
  return { ok: true, events: count, lastHash: prevHash };
}
