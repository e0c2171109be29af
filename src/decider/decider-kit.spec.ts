import { isEventOf } from '../event-store/event-store.js';
import { AssertionError } from 'node:assert';
import { ConcurrencyError } from '../event-store/errors.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { CommandHandler, eventIdFor, type CommandContext } from './command-handler.js';
import { assertNever, type Decider } from './decider.js';
import { CommandIdReusedError, CommandRejected, conflict, notFound } from './errors.js';
import { specificationOf } from './given-when-then.js';

// A toy domain: a room with a fixed number of seats.
type RoomCommand = { type: 'OpenRoom'; seats: number } | { type: 'TakeSeat'; person: string };
type RoomEvent = { type: 'RoomOpened'; data: { seats: number } } | { type: 'SeatTaken'; data: { person: string } };
interface RoomState {
  open: boolean;
  seats: number;
  taken: string[];
}

const isRoomEvent = isEventOf<RoomEvent>({ RoomOpened: true, SeatTaken: true });

const room: Decider<RoomCommand, RoomEvent, RoomState> = {
  events: isRoomEvent,
  initialState: () => ({ open: false, seats: 0, taken: [] }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'RoomOpened':
        return { ...state, open: true, seats: event.data.seats };
      case 'SeatTaken':
        return { ...state, taken: [...state.taken, event.data.person] };
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'OpenRoom':
        if (state.open) throw conflict('The room is already open');
        return [{ type: 'RoomOpened', data: { seats: command.seats } }];
      case 'TakeSeat':
        if (!state.open) throw notFound('No such room');
        if (state.taken.includes(command.person)) return [];
        if (state.taken.length >= state.seats) throw conflict('The room is full');
        return [{ type: 'SeatTaken', data: { person: command.person } }];
      default:
        return assertNever(command, 'command');
    }
  },
};

const opened: RoomEvent = { type: 'RoomOpened', data: { seats: 2 } };
const spec = specificationOf(room);

describe('given/when/then helper', () => {
  it('passes when decide returns the expected events, fails otherwise', () => {
    spec
      .given([opened])
      .when({ type: 'TakeSeat', person: 'p1' })
      .then([{ type: 'SeatTaken', data: { person: 'p1' } }]);
    expect(() => spec.given([opened]).when({ type: 'TakeSeat', person: 'p1' }).then([])).toThrow(AssertionError);
  });

  it('checks the kind and message of a rejection, and fails when nothing was rejected', () => {
    const full = [opened, { type: 'SeatTaken', data: { person: 'a' } }, { type: 'SeatTaken', data: { person: 'b' } }] as RoomEvent[];
    spec.given(full).when({ type: 'TakeSeat', person: 'c' }).thenRejects('conflict', /full/);
    expect(() => spec.given(full).when({ type: 'TakeSeat', person: 'c' }).thenRejects('notFound')).toThrow(AssertionError);
    expect(() => spec.given([opened]).when({ type: 'TakeSeat', person: 'c' }).thenRejects('conflict')).toThrow(AssertionError);
  });

  it('checks the state after the decision', () => {
    spec
      .given([opened])
      .when({ type: 'TakeSeat', person: 'p1' })
      .thenState({ open: true, seats: 2, taken: ['p1'] });
  });
});

describe('CommandHandler', () => {
  let store: SqliteEventStore;
  let handler: CommandHandler<RoomCommand, RoomEvent, RoomState>;
  let sequence = 0;
  const context = (overrides: Partial<CommandContext> = {}): CommandContext => ({
    commandId: `00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`,
    principal: 'user-1',
    actingActorId: 'actor-1',
    occurredAt: '2026-03-01T09:00:00.000Z',
    ...overrides,
  });

  beforeEach(() => {
    store = new SqliteEventStore({ path: ':memory:' });
    handler = new CommandHandler(store, room, { maxAttempts: 25 });
  });
  afterEach(() => store.close());

  it('appends what decide returns, with ids derived from the command id and full metadata', async () => {
    const ctx = context({ correlationId: 'corr-1', causationId: 'cause-1' });
    const result = await handler.handle('room-1', { type: 'OpenRoom', seats: 2 }, ctx);
    expect(result).toMatchObject({ revision: 0, replayed: false, state: { open: true, seats: 2 } });
    const [recorded] = await store.readStream('room-1');
    expect(recorded.id).toBe(eventIdFor(ctx.commandId, 0));
    expect(recorded.metadata).toMatchObject({
      commandId: ctx.commandId,
      correlationId: 'corr-1',
      causationId: 'cause-1',
      principal: 'user-1',
      actingActorId: 'actor-1',
      occurredAt: '2026-03-01T09:00:00.000Z',
      schemaVersion: 1,
    });
    expect(recorded.metadata.commandHash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.position).toBe(recorded.position);
  });

  it('returns the first result for a retried command id and appends nothing', async () => {
    await handler.handle('room-1', { type: 'OpenRoom', seats: 2 }, context());
    const ctx = context();
    const first = await handler.handle('room-1', { type: 'TakeSeat', person: 'p1' }, ctx);
    await handler.handle('room-1', { type: 'TakeSeat', person: 'p2' }, context());
    const retry = await handler.handle('room-1', { type: 'TakeSeat', person: 'p1' }, ctx);
    expect(retry).toMatchObject({ replayed: true, revision: first.revision, position: first.position, events: first.events });
    expect(retry.state.taken).toEqual(['p1']);
    expect(await store.readStream('room-1')).toHaveLength(3);
  });

  it('rejects a command id reused with another payload or on another stream', async () => {
    const ctx = context();
    await handler.handle('room-1', { type: 'OpenRoom', seats: 2 }, ctx);
    await expect(handler.handle('room-1', { type: 'OpenRoom', seats: 3 }, ctx)).rejects.toBeInstanceOf(CommandIdReusedError);
    await expect(handler.handle('room-2', { type: 'OpenRoom', seats: 2 }, ctx)).rejects.toBeInstanceOf(CommandIdReusedError);
    expect(await store.readStream('room-2')).toEqual([]);
  });

  it('appends nothing when decide rejects or decides nothing', async () => {
    await expect(handler.handle('room-1', { type: 'TakeSeat', person: 'p1' }, context())).rejects.toBeInstanceOf(CommandRejected);
    expect(await store.readStream('room-1')).toEqual([]);
    await handler.handle('room-1', { type: 'OpenRoom', seats: 2 }, context());
    await handler.handle('room-1', { type: 'TakeSeat', person: 'p1' }, context());
    const again = await handler.handle('room-1', { type: 'TakeSeat', person: 'p1' }, context());
    expect(again).toMatchObject({ events: [], revision: 1 });
    expect(await store.readStream('room-1')).toHaveLength(2);
  });

  it('fails with CONFLICT when the client loaded a stale revision, without retrying', async () => {
    await handler.handle('room-1', { type: 'OpenRoom', seats: 5 }, context());
    await handler.handle('room-1', { type: 'TakeSeat', person: 'p1' }, context());
    const stale = handler.handle('room-1', { type: 'TakeSeat', person: 'p2' }, context({ expectedRevision: 0 }));
    await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(handler.handle('room-1', { type: 'TakeSeat', person: 'p2' }, context({ expectedRevision: 1 }))).resolves.toMatchObject({ revision: 2 });
  });

  it('reloads and decides again after losing a race, so the rules still hold under concurrency', async () => {
    await handler.handle('room-1', { type: 'OpenRoom', seats: 3 }, context());
    const people = Array.from({ length: 10 }, (_, i) => `p${i}`);
    const results = await Promise.allSettled(people.map((person) => handler.handle('room-1', { type: 'TakeSeat', person }, context())));
    const seated = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(seated).toHaveLength(3);
    for (const r of refused) expect(r.reason).toMatchObject({ kind: 'conflict', message: 'The room is full' });
    const events = await store.readStream('room-1');
    expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3]);
  });
});
