import { NO_STREAM, START } from '@eventstore/db-client';
import { ConcurrencyError } from '../errors.js';
import { eventHash, verifyStreamChain } from '../hash-chain.js';
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

const metadata = { commandId: 'c', correlationId: 'corr', causationId: 'cause', principal: 'p', occurredAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1 };

describe('EventStoreDB mapping (pure; the engine itself runs the contract suite against a server)', () => {
  it('packs positions reversibly and in (commit, prepare) order', () => {
    const positions = [
      { commit: 10n, prepare: 10n },
      { commit: 10n, prepare: 250n },
      { commit: 11n, prepare: 5n },
      { commit: 2n ** 40n, prepare: 2n ** 40n + 7n },
      { commit: 2n ** 64n - 1n, prepare: 0n },
    ];
    const packed = positions.map(packPosition);
    for (let i = 1; i < packed.length; i++) expect(packed[i] > packed[i - 1]).toBe(true);
    positions.forEach((p, i) => expect(unpackPosition(packed[i])).toEqual(p));
    expect(unpackPosition(0n)).toBe(START);
    expect(() => packPosition({ commit: -1n, prepare: 0n })).toThrow(RangeError);
    expect(() => packPosition({ commit: 2n ** 64n, prepare: 0n })).toThrow(RangeError);
  });

  it('maps revisions and the wrong-expected-version error', () => {
    expect(toEsdbRevision(-1)).toBe(NO_STREAM);
    expect(toEsdbRevision(4)).toBe(4n);
    const error = toConcurrencyError('actor-1', 2, 5n);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ streamId: 'actor-1', expected: 2, actual: 5 });
    expect(toConcurrencyError('actor-1', 'stream_exists', 'no_stream')).toMatchObject({ actual: -1 });
  });

  it('maps a stored event back to exactly what was appended, so its chain verifies', () => {
    const fields = {
      streamId: 'actor-1',
      revision: 0,
      id: '6f1c2b1e-4d1a-4a57-9a43-0d7c3e0b5a01',
      type: 'ActorRegistered',
      data: { name: 'Gigalis' },
      metadata,
      recordedAt: '2026-01-02T00:00:00.000Z',
      prevHash: '0'.repeat(64),
    };
    const hash = eventHash(fields);
    const recorded = toRecordedEvent({
      streamId: 'actor-1',
      id: fields.id,
      revision: 0n,
      type: fields.type,
      data: fields.data,
      metadata: toStoredMetadata(metadata, { recordedAt: fields.recordedAt, prevHash: fields.prevHash, hash }),
      position: { commit: 100n, prepare: 100n },
    });
    expect(recorded).toEqual({ ...fields, hash, position: packPosition({ commit: 100n, prepare: 100n }) });
    expect(verifyStreamChain([recorded!])).toMatchObject({ ok: true });
  });

  it('ignores system events and events written by others', () => {
    expect(toRecordedEvent({ streamId: '$stats-127.0.0.1', id: 'x', revision: 0n, type: '$statsCollected', data: {} })).toBeUndefined();
    expect(toRecordedEvent({ streamId: 'other-1', id: 'x', revision: 0n, type: 'Foreign', data: {}, metadata: { some: 'thing' } })).toBeUndefined();
  });

  it('marks one of our events that lost its chain or its JSON data as damaged, at its position, instead of skipping it', () => {
    const ours = { commandId: 'c1', correlationId: 'c1', causationId: 'c1', occurredAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1 };
    const position = { commit: 5n, prepare: 5n };
    const noChain = toRecordedEvent({ streamId: 'actor-1', id: 'e1', revision: 0n, type: 'ActorRegistered', data: { actorId: '1' }, metadata: ours, position });
    expect(noChain).toMatchObject({ streamId: 'actor-1', revision: 0, position: (5n << 64n) | 5n, damage: 'the hash-chain metadata is missing or malformed' });
    const chain = { recordedAt: '2026-01-01T00:00:00.000Z', prevHash: '0'.repeat(64), hash: 'a'.repeat(64) };
    const binary = toRecordedEvent({
      streamId: 'actor-1',
      id: 'e1',
      revision: 0n,
      type: 'ActorRegistered',
      data: new Uint8Array([0x7b, 0x22]),
      metadata: { ...ours, chain },
      position,
    });
    expect(binary?.damage).toBe('the event data is not a JSON object');
    const intact = toRecordedEvent({
      streamId: 'actor-1',
      id: 'e1',
      revision: 0n,
      type: 'ActorRegistered',
      data: { actorId: '1' },
      metadata: { ...ours, chain },
      position,
    });
    expect(intact).toMatchObject({ hash: 'a'.repeat(64) });
    expect(intact?.damage).toBeUndefined();
  });

  it('builds one exact server-side filter and keeps the rest for the client', () => {
    const byCategory = serverFilter({ categories: ['actor', 'convention'], eventTypes: ['ActorRenamed'] }, 10);
    expect(byCategory.server).toMatchObject({ filterOn: 'streamName', regex: '^(actor|convention)-', checkpointInterval: 10 });
    expect([...byCategory.clientTypes!]).toEqual(['ActorRenamed']);
    expect(serverFilter({ eventTypes: ['Keep'] }, 10).server).toMatchObject({ filterOn: 'eventType', regex: '^(Keep)$' });
    expect(serverFilter(undefined, 10)).toEqual({});
    const event = { streamId: 'actor-1', type: 'ActorRenamed' } as never;
    expect(matches(event, { categories: ['actor'] })).toBe(true);
    expect(matches(event, { categories: ['act'] })).toBe(false);
    expect(matches(event, { eventTypes: ['ActorRetired'] })).toBe(false);
  });
});
