import { createHash } from 'node:crypto';
import type { RecordedEvent } from '../event-store/event-store.js';
import { eventHash, GENESIS_HASH } from '../event-store/hash-chain.js';
import { eventLeafHash, MerkleAccumulator, toHex } from './merkle.js';
import { SEAL_EVENT_TYPE, SEAL_STREAM, type LogRecord, type SealData } from './verify-log.js';

/** Deterministic pseudo-random numbers (mulberry32), so a failing mutation can be replayed from its seed. */
export function randomSource(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const uuidFrom = (text: string): string => {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** Chains one event onto the streams seen so far (test and generator helper). */
export function chainEvent(
  heads: Map<string, { revision: number; hash: string }>,
  fields: { streamId: string; type: string; data: unknown; position: bigint; index: number; recordedAt: string; id?: string },
): LogRecord {
  const head = heads.get(fields.streamId);
  const revision = head ? head.revision + 1 : 0;
  const id = fields.id ?? uuidFrom(`${fields.streamId}/${revision}/${fields.index}`);
  const base: Omit<RecordedEvent, 'hash'> = {
    streamId: fields.streamId,
    revision,
    id,
    type: fields.type,
    data: fields.data,
    metadata: {
      commandId: uuidFrom(`command ${id}`),
      correlationId: uuidFrom(`correlation ${fields.streamId}`),
      causationId: uuidFrom(`command ${id}`),
      principal: `person-${fields.index % 17}`,
      occurredAt: fields.recordedAt,
      schemaVersion: 1,
    },
    recordedAt: fields.recordedAt,
    prevHash: head?.hash ?? GENESIS_HASH,
    position: fields.position,
  };
  const hash = eventHash(base);
  heads.set(fields.streamId, { revision, hash });
  return { ...base, hash, index: fields.index };
}

/**
 * A plausible log of `size` events over many streams, with a seal every `sealEvery` events
 * (the seal covers everything before it), as the service would have written it.
 */
export function generateLog(size: number, options: { seed?: number; streams?: number; sealEvery?: number } = {}): LogRecord[] {
  const random = randomSource(options.seed ?? 1);
  const streams = options.streams ?? 150;
  const sealEvery = options.sealEvery ?? 1000;
  const heads = new Map<string, { revision: number; hash: string }>();
  const accumulator = new MerkleAccumulator();
  const records: LogRecord[] = [];
  const start = Date.UTC(2026, 0, 1);
  for (let index = 0; index < size; index += 1) {
    const recordedAt = new Date(start + index * 1000).toISOString();
    const position = BigInt(index + 1);
    let record: LogRecord;
    if (index > 0 && index % sealEvery === 0) {
      const data: SealData = { treeSize: index, lastPosition: records[index - 1].position.toString(), root: toHex(accumulator.root()) };
      record = chainEvent(heads, { streamId: SEAL_STREAM, type: SEAL_EVENT_TYPE, data, position, index, recordedAt });
    } else {
      const stream = Math.floor(random() * streams);
      record = chainEvent(heads, {
        streamId: `commitment-c${stream}`,
        type: random() < 0.5 ? 'ProgressReported' : 'CommitmentAmended',
        data: { percent: Math.floor(random() * 100), note: `note ${index} é`, nested: { territory: `FR-${stream}` } },
        position,
        index,
        recordedAt,
      });
    }
    records.push(record);
    accumulator.push(eventLeafHash(record.hash));
  }
  return records;
}
