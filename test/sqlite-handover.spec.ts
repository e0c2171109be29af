import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPositionReached, type RecordedEvent, type Subscription, type SubscriptionItem } from '../src/event-store/event-store.js';
import { ConcurrencyError } from '../src/event-store/errors.js';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store.js';
import { newEvent } from './event-store.contract.js';

/**
 * The handover: a live subscription gets the events its own store handle just committed from memory,
 * not by reading them back; anything another handle (another process) appended is still read from
 * the log, in position order, and what is handed over is exactly what the log holds.
 */
describe('SQLite engine: events appended by this handle are handed to its subscriptions', () => {
  let dir: string;
  let path: string;
  const open: { close(): Promise<void> }[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scoran-handover-'));
    path = join(dir, 'events.db');
  });
  afterEach(async () => {
    for (const closable of open.splice(0).reverse()) await closable.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const store = (pollIntervalMs = 5_000) => {
    const opened = new SqliteEventStore({ path, pollIntervalMs });
    open.push(opened);
    return opened;
  };
  /** Counts the log reads a store makes (the only way a subscription reads the log). */
  const countReads = (target: SqliteEventStore) => {
    const counter = { reads: 0 };
    const readAllSync = target.readAllSync.bind(target);
    target.readAllSync = (options) => (counter.reads++, readAllSync(options));
    return counter;
  };
  const subscribe = (target: SqliteEventStore, filter?: { eventTypes: string[] }) => {
    const subscription: Subscription = target.subscribeToAll({ filter });
    open.push(subscription);
    return subscription[Symbol.asyncIterator]();
  };
  /** Events up to the caught-up notice at (or past) `position`. */
  const until = async (iterator: AsyncIterator<SubscriptionItem>, position: bigint) => {
    const events: RecordedEvent[] = [];
    for (;;) {
      const { value } = await iterator.next();
      if (!isPositionReached(value)) events.push(value);
      else if (value.caughtUp && value.position >= position) return events;
    }
  };
  const everything = async (target: SqliteEventStore) => (await target.readAll({ limit: 10_000 })).events;

  it('delivers its own appends without reading the log, exactly as the log holds them', async () => {
    const local = store();
    const reads = countReads(local);
    const iterator = subscribe(local);
    await until(iterator, 0n);
    const before = reads.reads;
    const first = await local.append('account-1', [newEvent('Opened', { owner: 'Région' }), newEvent('Deposited', { amount: 5 })], 'no_stream');
    // Two appends in the same turn share a group commit: one handover of both.
    const [second, third] = await Promise.all([
      local.append('account-1', [newEvent('Deposited', { amount: 7 })], first.nextRevision),
      local.append('account-2', [newEvent('Opened', { owner: 'État' })], 'no_stream'),
    ]);
    const delivered = await until(iterator, third.position);
    expect(reads.reads).toBe(before);
    expect(first.position).toBeLessThan(second.position);
    expect(second.position).toBeLessThan(third.position);
    expect(delivered).toEqual(await everything(local));
    expect(delivered.map((event) => event.position)).toEqual([1n, 2n, 3n, 4n]);
  });

  it('reads from the log what another process appended between two of its own appends, in position order', async () => {
    const local = store();
    const other = store();
    const iterator = subscribe(local);
    await until(iterator, 0n);
    await local.append('account-1', [newEvent('Opened')], 'no_stream');
    await other.append('account-2', [newEvent('Opened')], 'no_stream');
    await other.append('account-2', [newEvent('Deposited', { amount: 1 })], 0);
    const last = await local.append('account-1', [newEvent('Deposited', { amount: 2 })], 0);
    const delivered = await until(iterator, last.position);
    expect(delivered.map((event) => [event.position, event.streamId])).toEqual([
      [1n, 'account-1'],
      [2n, 'account-2'],
      [3n, 'account-2'],
      [4n, 'account-1'],
    ]);
    expect(delivered).toEqual(await everything(local));
  });

  it('finds another process’s append by the poll when this process appends nothing after it', async () => {
    const local = store(20);
    const other = store();
    const iterator = subscribe(local);
    await until(iterator, 0n);
    await local.append('account-1', [newEvent('Opened')], 'no_stream');
    await until(iterator, 1n);
    const theirs = await other.append('account-2', [newEvent('Opened')], 'no_stream');
    expect((await until(iterator, theirs.position)).map((event) => event.streamId)).toEqual(['account-2']);
  });

  it('hands over only what was committed, through the subscription’s filter, and reports progress past the rest', async () => {
    const local = store();
    const reads = countReads(local);
    const iterator = subscribe(local, { eventTypes: ['Deposited'] });
    await until(iterator, 0n);
    const before = reads.reads;
    await local.append('account-1', [newEvent('Opened')], 'no_stream');
    const results = await Promise.allSettled([
      local.append('account-1', [newEvent('Deposited', { amount: 1 })], 0),
      local.append('account-1', [newEvent('Deposited', { amount: 99 })], 0), // loses: same expected revision
      local.append('account-1', [newEvent('Deposited', { amount: 2 })], 1),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    const delivered = await until(iterator, 3n);
    expect(reads.reads).toBe(before);
    expect(delivered.map((event) => (event.data as { amount: number }).amount)).toEqual([1, 2]);
    expect(delivered).toEqual((await everything(local)).filter((event) => event.type === 'Deposited'));
  });

  it('never hands over rows the log lost under it (another connection cut its tail)', async () => {
    const local = store();
    await local.append('account-1', [newEvent('Opened'), newEvent('Deposited', { amount: 1 }), newEvent('Deposited', { amount: 2 })], 'no_stream');
    const cutter = new Database(path);
    cutter.prepare('DELETE FROM events WHERE position > 1').run();
    cutter.close();
    // A reader that restarts from what the log still holds (as the projection runner does after such a cut).
    const iterator = subscribe(local);
    expect((await until(iterator, 1n)).map((event) => event.position)).toEqual([1n]);
    const replaced = await local.append('account-1', [newEvent('Withdrawn', { amount: 9 })], 0);
    expect(replaced.position).toBe(2n);
    const delivered = await until(iterator, 2n);
    expect(delivered.map((event) => [event.position, event.type])).toEqual([[2n, 'Withdrawn']]);
    expect(delivered).toEqual((await everything(local)).slice(1));
  });

  it('a new subscription catches up by reading the log, then takes the handover', async () => {
    const local = store();
    for (let i = 0; i < 1_200; i++) local.appendSync(`account-${i}`, [newEvent('Opened')], 'no_stream');
    const iterator = subscribe(local);
    const caughtUp = await until(iterator, 1_200n);
    expect(caughtUp.map((event) => event.position)).toEqual(Array.from({ length: 1_200 }, (_, i) => BigInt(i + 1)));
    const reads = countReads(local);
    const live = await local.append('account-0', [newEvent('Deposited', { amount: 3 })], 0);
    const delivered = await until(iterator, live.position);
    expect(reads.reads).toBe(0);
    expect(delivered).toEqual([(await everything(local)).at(-1)]);
  });
});
