import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store.js';
import { describeEventStoreContract } from './event-store.contract.js';

// A real SQLite file per test, in synchronous=FULL (the default).
describeEventStoreContract('SQLite (file, WAL)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scoran-contract-'));
  let now: Date | undefined;
  const store = new SqliteEventStore({ path: join(dir, 'events.db'), clock: () => now ?? new Date(), pollIntervalMs: 20 });
  return {
    store,
    setNow: (instant) => {
      now = new Date(instant);
    },
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
