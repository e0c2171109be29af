/**
 * The event-store contract: written once, run against every engine (see *.contract.spec.ts).
 * Streams and categories are unique per run so the suite can run against a shared server.
 */
import { randomUUID } from 'node:crypto';
import {
  isEventOf,
  isPositionReached,
  type EventStore,
  type NewEvent,
  type Position,
  type RecordedEvent,
  type SubscriptionItem,
} from '../src/event-store/event-store.js';
import { ConcurrencyError, IdempotencyConflictError, InvalidAppendError } from '../src/event-store/errors.js';
import { verifyStreamChain } from '../src/event-store/hash-chain.js';
import { CommandHandler, type CommandContext } from '../src/decider/command-handler.js';
import type { Decider } from '../src/decider/decider.js';
import { CommandIdReusedError } from '../src/decider/errors.js';

export interface ContractFixture {
  store: EventStore;
  /** Sets the engine's clock (recordedAt) for time-travel tests. */
  setNow(instant: string): void;
  /**
   * A second, independent handle on the same store (another connection, as another service
   * instance would have), closed by cleanup.
   */
  openAnother(): Promise<EventStore>;
  cleanup(): Promise<void>;
}

export type FixtureFactory = () => Promise<ContractFixture>;

export function newEvent(type: string, data: unknown = {}, commandId = randomUUID()): NewEvent {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: {
      commandId,
      correlationId: commandId,
      causationId: commandId,
      principal: 'contract-test',
      actingActorId: 'actor-1',
      occurredAt: '2026-01-15T10:00:00.000Z',
      schemaVersion: 1,
    },
  };
}

const runId = Math.random().toString(36).slice(2, 8);
let categorySeq = 0;
/** A category no other test (or earlier run against the same server) uses. */
function freshCategory(): string {
  categorySeq += 1;
  return `ct${runId}c${categorySeq}`;
}
function freshStream(category = freshCategory()): string {
  return `${category}-${randomUUID()}`;
}

async function collect(iterable: AsyncIterable<SubscriptionItem>, until: (items: SubscriptionItem[]) => boolean, timeoutMs = 10_000) {
  const items: SubscriptionItem[] = [];
  const deadline = Date.now() + timeoutMs;
  for await (const item of iterable) {
    items.push(item);
    if (until(items)) return items;
    if (Date.now() > deadline) throw new Error(`Subscription timed out with ${items.length} items`);
  }
  return items;
}
const eventsOf = (items: SubscriptionItem[]) => items.filter((i): i is RecordedEvent => !isPositionReached(i));

export function describeEventStoreContract(engineName: string, createFixture: FixtureFactory): void {
  describe(`Event store contract: ${engineName}`, () => {
    let fixture: ContractFixture;
    let store: EventStore;

    beforeEach(async () => {
      fixture = await createFixture();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    describe('expected revision', () => {
      it('numbers the first event 0 and returns the revision of the last event of a batch', async () => {
        const stream = freshStream();
        const first = await store.append(stream, [newEvent('Happened')], 'no_stream');
        expect(first.nextRevision).toBe(0);
        const second = await store.append(stream, [newEvent('Happened'), newEvent('Happened'), newEvent('Happened')], 0);
        expect(second.nextRevision).toBe(3);
        expect(second.position > first.position).toBe(true);
      });

      it('refuses no_stream on an existing stream with a typed error carrying both revisions', async () => {
        const stream = freshStream();
        await store.append(stream, [newEvent('Happened'), newEvent('Happened')], 'no_stream');
        const error = await store.append(stream, [newEvent('Happened')], 'no_stream').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(error).toMatchObject({ streamId: stream, expected: 'no_stream', actual: 1 });
      });

      it('refuses a stale exact revision and accepts the current one', async () => {
        const stream = freshStream();
        await store.append(stream, [newEvent('Happened'), newEvent('Happened')], 'no_stream');
        await expect(store.append(stream, [newEvent('Happened')], 0)).rejects.toMatchObject({ expected: 0, actual: 1 });
        await expect(store.append(stream, [newEvent('Happened')], 1)).resolves.toMatchObject({ nextRevision: 2 });
      });

      it('treats stream_exists as "at any revision, but present"', async () => {
        const stream = freshStream();
        const error = await store.append(stream, [newEvent('Happened')], 'stream_exists').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(error).toMatchObject({ actual: -1 });
        await store.append(stream, [newEvent('Happened')], 'no_stream');
        await expect(store.append(stream, [newEvent('Happened')], 'stream_exists')).resolves.toMatchObject({ nextRevision: 1 });
      });

      it('treats an exact revision of -1 as no_stream', async () => {
        const stream = freshStream();
        await expect(store.append(stream, [newEvent('Happened')], -1)).resolves.toMatchObject({ nextRevision: 0 });
        await expect(store.append(stream, [newEvent('Happened')], -1)).rejects.toBeInstanceOf(ConcurrencyError);
      });

      it('lets exactly one of N concurrent appends at the same revision win; nothing is lost or doubled', async () => {
        const stream = freshStream();
        await store.append(stream, [newEvent('Opened')], 'no_stream');
        const attempts = Array.from({ length: 20 }, (_, i) => newEvent('Signed', { party: i }));
        const results = await Promise.allSettled(attempts.map((event) => store.append(stream, [event], 0)));
        const winners = results.filter((r) => r.status === 'fulfilled');
        const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(winners).toHaveLength(1);
        expect(losers).toHaveLength(19);
        for (const loser of losers) expect(loser.reason).toBeInstanceOf(ConcurrencyError);
        const events = await store.readStream(stream);
        expect(events.map((e) => e.revision)).toEqual([0, 1]);
        const winnerIndex = results.findIndex((r) => r.status === 'fulfilled');
        expect(events[1].id).toBe(attempts[winnerIndex].id);
      });
    });

    describe('atomic batches and validation', () => {
      it('writes nothing of a batch that contains an invalid event', async () => {
        const stream = freshStream();
        const bad = newEvent('Happened', { value: Number.NaN });
        await expect(store.append(stream, [newEvent('Happened'), bad], 'no_stream')).rejects.toBeInstanceOf(InvalidAppendError);
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('refuses an empty batch, a bad stream id, a bad event type and a batch repeating an id', async () => {
        const event = newEvent('Happened');
        await expect(store.append(freshStream(), [], 'no_stream')).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(store.append('nodash', [newEvent('Happened')], 'no_stream')).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(store.append('empty-', [newEvent('Happened')], 'no_stream')).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(store.append('with-a space', [newEvent('Happened')], 'no_stream')).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(store.append(freshStream(), [newEvent('not a type!')], 'no_stream')).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(store.append(freshStream(), [event, event], 'no_stream')).rejects.toBeInstanceOf(InvalidAppendError);
      });
    });

    describe('idempotency on event ids', () => {
      it('returns the first result and appends nothing when the same batch is appended again', async () => {
        const stream = freshStream();
        await store.append(stream, [newEvent('Opened')], 'no_stream');
        const batch = [newEvent('Signed', { party: 'a' }), newEvent('Signed', { party: 'b' })];
        const first = await store.append(stream, batch, 0);
        const retrySameRevision = await store.append(stream, batch, 0);
        const retryCurrentRevision = await store.append(stream, batch, first.nextRevision);
        expect(first.replayed).toBeUndefined();
        expect(retrySameRevision).toEqual({ ...first, replayed: true });
        expect(retryCurrentRevision).toEqual({ ...first, replayed: true });
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('gives exactly one first append when two handles append the same batch at once', async () => {
        const other = await fixture.openAnother();
        const stream = freshStream();
        const batch = [newEvent('Signed', { party: 'a' })];
        const results = await Promise.all([store.append(stream, batch, 'no_stream'), other.append(stream, batch, 'no_stream')]);
        expect(results.filter((r) => !r.replayed)).toHaveLength(1);
        expect(results[0].position).toBe(results[1].position);
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('rejects the same ids with different content', async () => {
        const stream = freshStream();
        const event = newEvent('Signed', { party: 'a' });
        await store.append(stream, [event], 'no_stream');
        const tampered = { ...event, data: { party: 'b' } };
        await expect(store.append(stream, [tampered], 0)).rejects.toBeInstanceOf(IdempotencyConflictError);
        await expect(store.append(stream, [{ ...event, type: 'Withdrawn' }], 'no_stream')).rejects.toBeInstanceOf(IdempotencyConflictError);
        expect(await store.readStream(stream)).toHaveLength(1);
      });
    });

    describe('retried commands on any instance', () => {
      type Opened = { type: 'Opened'; data: { seats: number; on: string } };
      const decider: Decider<{ type: 'Open'; seats: number; today: string }, Opened, { open: boolean }> = {
        events: isEventOf<Opened>({ Opened: true }),
        initialState: () => ({ open: false }),
        evolve: () => ({ open: true }),
        decide: (command, state) => (state.open ? [] : [{ type: 'Opened', data: { seats: command.seats, on: command.today } }]),
      };
      // Server-filled values (default occurredAt, today) differ per instance and per moment; the request does not.
      const sent = (request: unknown, occurredAt: string, commandId: string): CommandContext => ({
        commandId,
        principal: 'contract-test',
        occurredAt,
        request,
      });

      it('recognises a retry on what the client sent, whichever handle receives it, and gives one first result', async () => {
        const other = await fixture.openAnother();
        const stream = freshStream();
        const commandId = randomUUID();
        const request = { commandId, seats: 3 };
        const here = new CommandHandler(store, decider);
        const there = new CommandHandler(other, decider);
        const results = await Promise.all([
          here.handle(stream, { type: 'Open', seats: 3, today: '2026-01-15' }, sent(request, '2026-01-15T23:59:59.999Z', commandId)),
          there.handle(stream, { type: 'Open', seats: 3, today: '2026-01-16' }, sent(request, '2026-01-16T00:00:00.001Z', commandId)),
        ]);
        expect(results.map((r) => r.replayed).sort()).toEqual([false, true]);
        expect(results[0].position).toBe(results[1].position);
        expect(results[0].events).toEqual(results[1].events);
        const later = await there.handle(stream, { type: 'Open', seats: 3, today: '2026-02-01' }, sent(request, '2026-02-01T08:00:00.000Z', commandId));
        expect(later).toMatchObject({ replayed: true, position: results[0].position, events: results[0].events });
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('answers CONFLICT to the same command id with another request, on any handle', async () => {
        const other = await fixture.openAnother();
        const stream = freshStream();
        const commandId = randomUUID();
        const here = new CommandHandler(store, decider);
        const there = new CommandHandler(other, decider);
        const results = await Promise.allSettled([
          here.handle(stream, { type: 'Open', seats: 3, today: '2026-01-15' }, sent({ commandId, seats: 3 }, '2026-01-15T10:00:00.000Z', commandId)),
          there.handle(stream, { type: 'Open', seats: 4, today: '2026-01-15' }, sent({ commandId, seats: 4 }, '2026-01-15T10:00:00.000Z', commandId)),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(CommandIdReusedError) });
        expect(await store.readStream(stream)).toHaveLength(1);
      });
    });

    describe('reading a stream', () => {
      let stream: string;
      beforeEach(async () => {
        stream = freshStream();
        fixture.setNow('2026-01-01T00:00:00.000Z');
        await store.append(stream, [newEvent('E', { n: 0 }), newEvent('E', { n: 1 })], 'no_stream');
        fixture.setNow('2026-02-01T00:00:00.000Z');
        await store.append(stream, [newEvent('E', { n: 2 })], 1);
        fixture.setNow('2026-03-01T00:00:00.000Z');
        await store.append(stream, [newEvent('E', { n: 3 }), newEvent('E', { n: 4 })], 2);
      });

      it('reads forwards and backwards, with bounds and a count', async () => {
        const data = (events: RecordedEvent[]) => events.map((e) => (e.data as { n: number }).n);
        expect(data(await store.readStream(stream))).toEqual([0, 1, 2, 3, 4]);
        expect(data(await store.readStream(stream, { direction: 'backwards' }))).toEqual([4, 3, 2, 1, 0]);
        expect(data(await store.readStream(stream, { fromRevision: 2 }))).toEqual([2, 3, 4]);
        expect(data(await store.readStream(stream, { fromRevision: 1, toRevision: 3 }))).toEqual([1, 2, 3]);
        expect(data(await store.readStream(stream, { direction: 'backwards', fromRevision: 3, maxCount: 2 }))).toEqual([3, 2]);
        expect(data(await store.readStream(stream, { direction: 'backwards', maxCount: 1 }))).toEqual([4]);
      });

      it('returns an empty list for a stream that does not exist', async () => {
        expect(await store.readStream(freshStream())).toEqual([]);
      });

      it('gives the head (last revision and its event id) the command handler checks its cached state against', async () => {
        if (!store.streamHead) throw new Error(`${engineName} has no streamHead: its commands would read their whole stream`);
        const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
        expect(await store.streamHead(stream)).toEqual({ revision: 4, eventId: last.id });
        expect(await store.streamHead(freshStream())).toBeUndefined();
      });

      it('travels in time: only what was recorded at or before an instant', async () => {
        const asOf = async (instant: string) => (await store.readStream(stream, { recordedUntil: instant })).map((e) => e.revision);
        expect(await asOf('2025-12-31T23:59:59.999Z')).toEqual([]);
        expect(await asOf('2026-01-01T00:00:00.000Z')).toEqual([0, 1]);
        expect(await asOf('2026-02-15T00:00:00.000Z')).toEqual([0, 1, 2]);
        expect(await asOf('2030-01-01T00:00:00.000Z')).toEqual([0, 1, 2, 3, 4]);
      });

      it('records every field: ids, revision, position, type, data, metadata, recordedAt and the chain', async () => {
        const events = await store.readStream(stream);
        const [first, second] = events;
        expect(first).toMatchObject({
          streamId: stream,
          revision: 0,
          type: 'E',
          data: { n: 0 },
          recordedAt: '2026-01-01T00:00:00.000Z',
          prevHash: '0'.repeat(64),
        });
        expect(first.metadata).toEqual(expect.objectContaining({ principal: 'contract-test', occurredAt: '2026-01-15T10:00:00.000Z', schemaVersion: 1 }));
        expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(second.prevHash).toBe(first.hash);
        expect(second.position > first.position).toBe(true);
      });
    });

    describe('reading all events', () => {
      it('pages through the log in strictly increasing positions, filtered by category or type', async () => {
        const start = await store.headPosition();
        const catA = freshCategory();
        const catB = freshCategory();
        for (let i = 0; i < 5; i++) {
          await store.append(freshStream(catA), [newEvent('Made', { i }), newEvent('Revised', { i })], 'no_stream');
          await store.append(freshStream(catB), [newEvent('Made', { i })], 'no_stream');
        }
        const all: RecordedEvent[] = [];
        let after: Position = start;
        for (;;) {
          const page = await store.readAll({ after, limit: 4, filter: { categories: [catA, catB] } });
          all.push(...page.events);
          expect(page.lastPosition >= after).toBe(true);
          after = page.lastPosition;
          if (page.isEnd) break;
        }
        expect(all).toHaveLength(15);
        for (let i = 1; i < all.length; i++) expect(all[i].position > all[i - 1].position).toBe(true);

        const onlyA = await store.readAll({ after: start, limit: 100, filter: { categories: [catA] } });
        expect(onlyA.events).toHaveLength(10);
        const typed = await store.readAll({ after: start, limit: 100, filter: { categories: [catA], eventTypes: ['Revised'] } });
        expect(typed.events.map((e) => e.type)).toEqual(Array(5).fill('Revised'));
        expect(typed.isEnd).toBe(true);
        expect(typed.lastPosition).toBe(await store.headPosition());
      });
    });

    describe('subscriptions', () => {
      it('catches up, reports that it caught up, then delivers live appends in order', async () => {
        const category = freshCategory();
        const start = await store.headPosition();
        const stream = freshStream(category);
        await store.append(stream, [newEvent('A'), newEvent('B'), newEvent('C')], 'no_stream');
        const subscription = store.subscribeToAll({ after: start, filter: { categories: [category] } });
        const iterator = subscription[Symbol.asyncIterator]();
        const received: SubscriptionItem[] = [];
        const pull = async (count: number) => {
          while (eventsOf(received).length < count) {
            const next = await iterator.next();
            if (next.done) throw new Error('subscription ended');
            received.push(next.value);
          }
        };
        await pull(3);
        // Caught up: the next item is a position report, not an event.
        let next = await iterator.next();
        while (!next.done && !isPositionReached(next.value)) next = await iterator.next();
        expect(next.done).toBe(false);
        expect(isPositionReached(next.value as SubscriptionItem) && (next.value as { caughtUp: boolean }).caughtUp).toBe(true);

        await store.append(stream, [newEvent('D')], 2);
        await store.append(freshStream(category), [newEvent('E')], 'no_stream');
        await pull(5);
        await subscription.close();
        await iterator.return?.();
        expect(eventsOf(received).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D', 'E']);
      });

      it('resumes from a checkpoint without skipping or repeating', async () => {
        const category = freshCategory();
        const start = await store.headPosition();
        for (let i = 0; i < 6; i++) await store.append(freshStream(category), [newEvent('N', { i })], 'no_stream');
        const firstRun = eventsOf(
          await collect(store.subscribeToAll({ after: start, filter: { categories: [category] } }), (items) => eventsOf(items).length === 3),
        );
        const checkpoint = firstRun[2].position;
        const secondRun = eventsOf(
          await collect(store.subscribeToAll({ after: checkpoint, filter: { categories: [category] } }), (items) => eventsOf(items).length === 3),
        );
        expect([...firstRun, ...secondRun].map((e) => (e.data as { i: number }).i)).toEqual([0, 1, 2, 3, 4, 5]);
      });

      it('filters by event type and still reports progress past the events it drops', async () => {
        const category = freshCategory();
        const start = await store.headPosition();
        const stream = freshStream(category);
        await store.append(stream, [newEvent('Keep'), newEvent('Drop'), newEvent('Drop'), newEvent('Keep')], 'no_stream');
        const head = await store.headPosition();
        const items = await collect(store.subscribeToAll({ after: start, filter: { categories: [category], eventTypes: ['Keep'] } }), (received) =>
          received.some((i) => isPositionReached(i) && i.position >= head),
        );
        expect(eventsOf(items).map((e) => e.type)).toEqual(['Keep', 'Keep']);
      });

      it('applies back-pressure: a slow consumer receives everything in order', async () => {
        const category = freshCategory();
        const start = await store.headPosition();
        const stream = freshStream(category);
        const batch = Array.from({ length: 50 }, (_, i) => newEvent('N', { i }));
        await store.append(stream, batch, 'no_stream');
        const seen: number[] = [];
        for await (const item of store.subscribeToAll({ after: start, filter: { categories: [category] } })) {
          if (isPositionReached(item)) break;
          await new Promise((resolve) => setTimeout(resolve, 1));
          seen.push((item.data as { i: number }).i);
        }
        expect(seen).toEqual(batch.map((_, i) => i));
      });
    });

    describe('hash chains', () => {
      let events: RecordedEvent[];
      beforeEach(async () => {
        const stream = freshStream();
        await store.append(stream, [newEvent('A', { v: 1 }), newEvent('B', { v: 2 })], 'no_stream');
        await store.append(stream, [newEvent('C', { v: 3 }), newEvent('D', { v: 4 }), newEvent('E', { v: 5 })], 1);
        events = await store.readStream(stream);
      });

      it('verifies a stream as recorded', () => {
        expect(verifyStreamChain(events)).toEqual({ ok: true, events: 5, lastHash: events[4].hash });
      });

      it('detects a modified event at its revision', () => {
        const modified = events.map((e) => (e.revision === 2 ? { ...e, data: { v: 30 } } : e));
        expect(verifyStreamChain(modified)).toMatchObject({ ok: false, revision: 2 });
        const retimed = events.map((e) => (e.revision === 3 ? { ...e, recordedAt: '2020-01-01T00:00:00.000Z' } : e));
        expect(verifyStreamChain(retimed)).toMatchObject({ ok: false, revision: 3 });
        const reattributed = events.map((e) => (e.revision === 0 ? { ...e, metadata: { ...e.metadata, principal: 'someone-else' } } : e));
        expect(verifyStreamChain(reattributed)).toMatchObject({ ok: false, revision: 0 });
      });

      it('detects a removed, a reordered and an inserted event', () => {
        expect(verifyStreamChain(events.filter((e) => e.revision !== 1))).toMatchObject({ ok: false, revision: 1 });
        expect(verifyStreamChain([events[0], events[2], events[1], events[3], events[4]])).toMatchObject({ ok: false, revision: 1 });
        const forged = { ...events[2], id: randomUUID() };
        expect(verifyStreamChain([...events.slice(0, 2), forged, ...events.slice(2)])).toMatchObject({ ok: false });
        // Even a renumbered removal is caught by the broken link.
        const renumbered = events.filter((e) => e.revision !== 2).map((e, i) => ({ ...e, revision: i }));
        expect(verifyStreamChain(renumbered)).toMatchObject({ ok: false, revision: 2 });
      });
    });
  });
}
