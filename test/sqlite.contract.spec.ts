import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store.js';
import { describeEventStoreContract, newEvent } from './event-store.contract.js';

// A real SQLite file per test, in synchronous=FULL (the default).
describeEventStoreContract('SQLite (file, WAL)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scoran-contract-'));
  let now: Date | undefined;
  const path = join(dir, 'events.db');
  const store = new SqliteEventStore({ path, clock: () => now ?? new Date(), pollIntervalMs: 20 });
  const others: SqliteEventStore[] = [];
  return {
    store,
    setNow: (instant) => {
      now = new Date(instant);
    },
    openAnother: async () => {
      const other = new SqliteEventStore({ path, clock: () => now ?? new Date(), pollIntervalMs: 20 });
      others.push(other);
      return other;
    },
    cleanup: async () => {
      for (const other of others) await other.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite subscription wake-up', () => {
  it('delivers an append made while the consumer handled the caught-up notice without waiting for the poll', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scoran-wake-'));
    const store = new SqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 5_000 });
    const subscription = store.subscribeToAll();
    const iterator = subscription[Symbol.asyncIterator]();
    try {
      expect((await iterator.next()).value).toMatchObject({ kind: 'positionReached', caughtUp: true });
      // The generator is suspended at that notice: this append wakes no waiter.
      await store.append('s-1', [newEvent('Happened')], 'no_stream');
      const started = Date.now();
      const next = await iterator.next();
      expect(next.value).toMatchObject({ streamId: 's-1', type: 'Happened' });
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      await subscription.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
