import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { type ReadStreamOptions, isEventOf } from '../event-store/event-store.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { CommandHandler, eventIdFor, type CommandContext } from './command-handler.js';
import { fold, type Decider } from './decider.js';
import { CommandIdReusedError, conflict } from './errors.js';
import { StreamStateCache } from './stream-state-cache.js';

type RoomCommand = { type: 'OpenRoom'; seats: number } | { type: 'TakeSeat'; person: string };
type RoomEvent = { type: 'RoomOpened'; data: { seats: number } } | { type: 'SeatTaken'; data: { person: string } };
interface RoomState {
  seats: number;
  taken: string[];
}
const isRoomEvent = isEventOf<RoomEvent>({ RoomOpened: true, SeatTaken: true });

const room: Decider<RoomCommand, RoomEvent, RoomState> = {
  events: isRoomEvent,
  initialState: () => ({ seats: 0, taken: [] }),
  evolve: (state, event) => (event.type === 'RoomOpened' ? { ...state, seats: event.data.seats } : { ...state, taken: [...state.taken, event.data.person] }),
  decide: (command, state) => {
    if (command.type === 'OpenRoom') return [{ type: 'RoomOpened', data: { seats: command.seats } }];
    if (state.taken.includes(command.person)) return [];
    if (state.taken.length >= state.seats) throw conflict('The room is full');
    return [{ type: 'SeatTaken', data: { person: command.person } }];
  },
};
const ctx = (overrides: Partial<CommandContext> = {}): CommandContext => ({
  commandId: randomUUID(),
  principal: 'p',
  occurredAt: '2026-03-01T09:00:00.000Z',
  ...overrides,
});

describe('StreamStateCache', () => {
  it('keeps at most maxStreams entries, the least recently used leaving first', () => {
    const cache = new StreamStateCache(2);
    cache.set('a', { revision: 0, headEventId: 'a0', state: 'A' });
    cache.set('b', { revision: 0, headEventId: 'b0', state: 'B' });
    expect(cache.get('a')?.state).toBe('A'); // a is now the most recent
    cache.set('c', { revision: 0, headEventId: 'c0', state: 'C' });
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.state).toBe('A');
    expect(cache.get('c')?.state).toBe('C');
  });

  it('keeps nothing at size 0 and refuses a negative size', () => {
    const off = new StreamStateCache(0);
    off.set('a', { revision: 0, headEventId: 'a0', state: 'A' });
    expect(off.get('a')).toBeUndefined();
    expect(() => new StreamStateCache(-1)).toThrow(RangeError);
  });
});

describe('CommandHandler with cached stream state (a real SQLite file, two handles on it)', () => {
  let dir: string;
  let path: string;
  let store: SqliteEventStore;
  let other: SqliteEventStore;
  let cache: StreamStateCache;
  let handler: CommandHandler<RoomCommand, RoomEvent, RoomState>;
  let fullReads: number;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scoran-state-cache-'));
    path = join(dir, 'events.db');
    store = new SqliteEventStore({ path, synchronous: 'NORMAL' });
    other = new SqliteEventStore({ path, synchronous: 'NORMAL' });
    cache = new StreamStateCache(100);
    handler = new CommandHandler(store, room, { stateCache: cache });
    fullReads = 0;
    const readStream = store.readStream.bind(store);
    // A full read is one without a count: what the cache is there to avoid.
    store.readStream = (streamId: string, options?: ReadStreamOptions) => {
      if (options?.maxCount === undefined) fullReads += 1;
      return readStream(streamId, options);
    };
  });
  afterEach(async () => {
    await store.close();
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('decides on the cached state without reading the history again, and finds a retry by its event id', async () => {
    await handler.handle('room-1', { type: 'OpenRoom', seats: 3 }, ctx());
    const reads = fullReads;
    const first = ctx();
    const taken = await handler.handle('room-1', { type: 'TakeSeat', person: 'ada' }, first);
    await handler.handle('room-1', { type: 'TakeSeat', person: 'bob' }, ctx());
    expect(fullReads).toBe(reads);
    expect(cache.size).toBe(1);

    const retried = await handler.handle('room-1', { type: 'TakeSeat', person: 'ada' }, first);
    expect(retried).toMatchObject({ replayed: true, revision: taken.revision, position: taken.position, state: { taken: ['ada'] } });
    expect(await store.findEvent(eventIdFor(first.commandId, 0))).toMatchObject({ streamId: 'room-1', revision: 1 });
  });

  it('reloads when another handle on the same file appended (the head moved), so an expected revision is judged on the real head', async () => {
    await handler.handle('room-1', { type: 'OpenRoom', seats: 2 }, ctx());
    await new CommandHandler(other, room).handle('room-1', { type: 'TakeSeat', person: 'eve' }, ctx());
    // A stale cache would answer CONFLICT (it believes revision 0) and decide on a state without eve.
    const result = await handler.handle('room-1', { type: 'TakeSeat', person: 'ada' }, ctx({ expectedRevision: 1 }));
    expect(result).toMatchObject({ revision: 2, state: { taken: ['eve', 'ada'] } });
    await expect(handler.handle('room-1', { type: 'TakeSeat', person: 'zoe' }, ctx())).rejects.toThrow(/full/);
  });

  it('after lost races the cached state is the fold of the stream as stored', async () => {
    await handler.handle('room-1', { type: 'OpenRoom', seats: 50 }, ctx());
    const there = new CommandHandler(other, room, { maxAttempts: 50 });
    const here = new CommandHandler(store, room, { maxAttempts: 50, stateCache: cache });
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? here : there).handle('room-1', { type: 'TakeSeat', person: `p${i}` }, ctx())));
    const stored = await other.readStream('room-1');
    expect(stored).toHaveLength(21);
    const result = await here.handle('room-1', { type: 'TakeSeat', person: 'last' }, ctx());
    expect(stored.every(isRoomEvent)).toBe(true);
    const last: RoomEvent = { type: 'SeatTaken', data: { person: 'last' } };
    const expected = fold(room, [...stored.filter(isRoomEvent), last]);
    expect(result.state).toEqual(expected);
  });

  it('reloads when the stream was rebuilt under it at the same revision (another head event)', async () => {
    await handler.handle('room-1', { type: 'OpenRoom', seats: 2 }, ctx());
    // The file is restored from elsewhere: the same stream, same revision, other content.
    const db = new Database(path);
    db.prepare("DELETE FROM events WHERE stream_id = 'room-1'").run();
    db.close();
    await new CommandHandler(other, room).handle('room-1', { type: 'OpenRoom', seats: 1 }, ctx());
    await handler.handle('room-1', { type: 'TakeSeat', person: 'ada' }, ctx());
    // Decided on the cached 2-seat room, this would be accepted.
    await expect(handler.handle('room-1', { type: 'TakeSeat', person: 'bob' }, ctx())).rejects.toThrow(/full/);
  });

  it('forgets a stream whose events are gone and decides on the initial state', async () => {
    await handler.handle('room-1', { type: 'OpenRoom', seats: 5 }, ctx());
    const db = new Database(path);
    db.prepare("DELETE FROM events WHERE stream_id = 'room-1'").run();
    db.close();
    // Decided on the cached 5-seat room, this would be accepted; the initial state has no seat.
    await expect(handler.handle('room-1', { type: 'TakeSeat', person: 'ada' }, ctx())).rejects.toThrow(/full/);
    expect(cache.size).toBe(0);
  });

  it('recognises a retry sent to two cached handlers at once (one per handle) as one command, and a reused id as a CONFLICT', async () => {
    const there = new CommandHandler(other, room, { stateCache: new StreamStateCache(100) });
    await handler.handle('room-1', { type: 'OpenRoom', seats: 5 }, ctx());
    await there.handle('room-1', { type: 'TakeSeat', person: 'eve' }, ctx()); // both caches now hold the stream
    await handler.handle('room-1', { type: 'TakeSeat', person: 'ida' }, ctx());
    const commandId = randomUUID();
    const request = { commandId, person: 'ada' };
    const results = await Promise.all([
      handler.handle('room-1', { type: 'TakeSeat', person: 'ada' }, ctx({ commandId, request })),
      there.handle('room-1', { type: 'TakeSeat', person: 'ada' }, ctx({ commandId, request, occurredAt: '2026-03-02T09:00:00.000Z' })),
    ]);
    expect(results.map((r) => r.replayed).sort()).toEqual([false, true]);
    expect(results[0].position).toBe(results[1].position);
    expect(results[1].state).toEqual({ seats: 5, taken: ['eve', 'ida', 'ada'] });
    await expect(there.handle('room-1', { type: 'TakeSeat', person: 'bob' }, ctx({ commandId, request: { commandId, person: 'bob' } }))).rejects.toThrow(
      CommandIdReusedError,
    );
    expect(await store.readStream('room-1')).toHaveLength(4);
  });
});

describe("CommandHandler's path for an engine without an index by event id (a real SQLite file with findEvent hidden, shaped like the EventStoreDB engine; not the EventStoreDB client)", () => {
  let dir: string;
  let path: string;
  let store: SqliteEventStore;
  let other: SqliteEventStore;
  let cache: StreamStateCache;
  let handler: CommandHandler<RoomCommand, RoomEvent, RoomState>;
  let fullReads: number;
  let readsFrom: number[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scoran-state-cache-noindex-'));
    path = join(dir, 'events.db');
    store = new SqliteEventStore({ path, synchronous: 'NORMAL' });
    other = new SqliteEventStore({ path, synchronous: 'NORMAL' });
    Object.defineProperty(store, 'findEvent', { value: undefined });
    cache = new StreamStateCache(100);
    handler = new CommandHandler(store, room, { stateCache: cache });
    fullReads = 0;
    readsFrom = [];
    const readStream = store.readStream.bind(store);
    store.readStream = (streamId: string, options?: ReadStreamOptions) => {
      if (options?.direction !== 'backwards' && options?.maxCount === undefined) {
        if ((options?.fromRevision ?? 0) === 0) fullReads += 1;
        else readsFrom.push(options!.fromRevision!);
      }
      return readStream(streamId, options);
    };
  });
  afterEach(async () => {
    await store.close();
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('decides on the cached state and recognises a retry from the command ids it keeps, without reading the stream to do so', async () => {
    expect('findEvent' in store && store.findEvent !== undefined).toBe(false);
    const opened = ctx();
    await handler.handle('room-1', { type: 'OpenRoom', seats: 3 }, opened);
    const first = ctx();
    const taken = await handler.handle('room-1', { type: 'TakeSeat', person: 'ada' }, first);
    await handler.handle('room-1', { type: 'TakeSeat', person: 'bob' }, ctx());
    expect(fullReads).toBe(0);
    // A retry of an older command (its event is below the head): replayed, not appended again.
    const retried = await handler.handle('room-1', { type: 'TakeSeat', person: 'ada' }, first);
    expect(retried).toMatchObject({ replayed: true, revision: taken.revision, position: taken.position, state: { taken: ['ada'] } });
    expect(await store.readStream('room-1')).toHaveLength(3);
    // The first command of the stream too.
    expect(await handler.handle('room-1', { type: 'OpenRoom', seats: 3 }, opened)).toMatchObject({ replayed: true, revision: 0 });
  });

  it('when another handle appended, reads only the events after its cached head and decides on the right state', async () => {
    await handler.handle('room-1', { type: 'OpenRoom', seats: 3 }, ctx());
    await handler.handle('room-1', { type: 'TakeSeat', person: 'ada' }, ctx());
    const elsewhere = ctx();
    await new CommandHandler(other, room).handle('room-1', { type: 'TakeSeat', person: 'eve' }, elsewhere);
    const reads = fullReads;
    const result = await handler.handle('room-1', { type: 'TakeSeat', person: 'bob' }, ctx({ expectedRevision: 2 }));
    expect(result).toMatchObject({ revision: 3, state: { taken: ['ada', 'eve', 'bob'] } });
    expect(fullReads).toBe(reads);
    expect(readsFrom).toEqual([1]);
    await expect(handler.handle('room-1', { type: 'TakeSeat', person: 'zoe' }, ctx())).rejects.toThrow(/full/);
    // The other handle's command, retried here, is recognised from the ids read in the catch-up.
    expect(await handler.handle('room-1', { type: 'TakeSeat', person: 'eve' }, elsewhere)).toMatchObject({ replayed: true, revision: 2 });
  });

  it('answers CONFLICT on a stale expected revision, judged on the real head', async () => {
    await handler.handle('room-1', { type: 'OpenRoom', seats: 3 }, ctx());
    await new CommandHandler(other, room).handle('room-1', { type: 'TakeSeat', person: 'eve' }, ctx());
    await expect(handler.handle('room-1', { type: 'TakeSeat', person: 'ada' }, ctx({ expectedRevision: 0 }))).rejects.toThrow(/revision/i);
  });

  it('reloads the whole stream when it was replaced under it (another event at the cached revision) or shortened', async () => {
    await handler.handle('room-1', { type: 'OpenRoom', seats: 2 }, ctx());
    await handler.handle('room-1', { type: 'TakeSeat', person: 'ada' }, ctx());
    const db = new Database(path);
    db.prepare("DELETE FROM events WHERE stream_id = 'room-1'").run();
    db.close();
    const there = new CommandHandler(other, room);
    await there.handle('room-1', { type: 'OpenRoom', seats: 1 }, ctx());
    await there.handle('room-1', { type: 'TakeSeat', person: 'eve' }, ctx());
    await there.handle('room-1', { type: 'TakeSeat', person: 'eve' }, ctx()); // no event: already seated
    const reads = fullReads;
    // Decided on the cached 2-seat room with ada, this would be accepted.
    await expect(handler.handle('room-1', { type: 'TakeSeat', person: 'bob' }, ctx())).rejects.toThrow(/full/);
    expect(fullReads).toBe(reads + 1);
  });

  it('folds the stream again after its entry was evicted, with the same answers', async () => {
    const small = new StreamStateCache(1);
    const evicting = new CommandHandler(store, room, { stateCache: small });
    const seat = ctx();
    await evicting.handle('room-1', { type: 'OpenRoom', seats: 2 }, ctx());
    await evicting.handle('room-1', { type: 'TakeSeat', person: 'ada' }, seat);
    await evicting.handle('room-2', { type: 'OpenRoom', seats: 1 }, ctx()); // room-1 leaves the cache
    expect(small.size).toBe(1);
    expect(await evicting.handle('room-1', { type: 'TakeSeat', person: 'ada' }, seat)).toMatchObject({ replayed: true, revision: 1 });
    expect(await evicting.handle('room-1', { type: 'TakeSeat', person: 'bob' }, ctx())).toMatchObject({ revision: 2, state: { taken: ['ada', 'bob'] } });
  });
});
