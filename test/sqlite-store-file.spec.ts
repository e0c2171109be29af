import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IdempotencyConflictError, StoreOpenError } from '../src/event-store/errors.js';
import { verifyStreamChain } from '../src/event-store/hash-chain.js';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store.js';
import { newEvent } from './event-store.contract.js';

describe('SQLite engine: the store file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scoran-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const expectRefusedUntouched = (path: string, message: RegExp) => {
    const before = readFileSync(path);
    let error: unknown;
    try {
      new SqliteEventStore({ path });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/nothing was changed/);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  };

  it('creates the file and its folders, and keeps events and positions across a reopen', async () => {
    const path = join(dir, 'nested', 'deeper', 'events.db');
    const first = new SqliteEventStore({ path });
    await first.append('actor-1', [newEvent('ActorRegistered'), newEvent('ActorRenamed')], 'no_stream');
    await first.close();
    const second = new SqliteEventStore({ path });
    const result = await second.append('actor-1', [newEvent('ActorRetired')], 1);
    expect(result).toEqual({ nextRevision: 2, position: 3n });
    expect(verifyStreamChain(await second.readStream('actor-1'))).toMatchObject({ ok: true, events: 3 });
    await second.close();
  });

  it('refuses a file that is not SQLite, and leaves it as it was', () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'Compte rendu de la CCRANT du 12 mars 2014\n'.repeat(200));
    expectRefusedUntouched(path, /not an SQLite file, or corrupt/);
  });

  it('refuses an empty file and an SQLite database of another application', () => {
    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    expectRefusedUntouched(empty, /not a SCORAN Ledger event store/);

    const foreign = join(dir, 'foreign.db');
    const db = new Database(foreign);
    db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices (amount) VALUES (12.5)');
    db.close();
    expectRefusedUntouched(foreign, /not a SCORAN Ledger event store/);
  });

  it('refuses a store of an unknown format version', async () => {
    const path = join(dir, 'events.db');
    await new SqliteEventStore({ path }).close();
    const db = new Database(path);
    db.prepare("UPDATE store_meta SET value = '99' WHERE key = 'formatVersion'").run();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
    expectRefusedUntouched(path, /format version 99/);
  });

  it('refuses a corrupt store file', async () => {
    const path = join(dir, 'events.db');
    const store = new SqliteEventStore({ path });
    for (let i = 0; i < 40; i++) await store.append(`actor-${i}`, [newEvent('ActorRegistered', { name: 'x'.repeat(500) })], 'no_stream');
    await store.close();
    const bytes = readFileSync(path);
    // Overwrite the middle of the file (table and index pages) with noise.
    for (let i = 4096 * 3; i < bytes.length - 4096; i += 7) bytes[i] = (bytes[i] * 31 + 17) & 0xff;
    writeFileSync(path, bytes);
    expectRefusedUntouched(path, /corrupt/);
  });

  it('detects an event changed directly in the file', async () => {
    const path = join(dir, 'events.db');
    const store = new SqliteEventStore({ path });
    await store.append('convention-1', [newEvent('ConventionDrafted', { parties: 2 }), newEvent('ConventionSigned', { party: 'a' })], 'no_stream');
    await store.append('convention-1', [newEvent('ConventionSigned', { party: 'b' })], 1);
    const raw = new Database(path);
    raw.prepare(`UPDATE events SET data = '{"party":"c"}' WHERE stream_id = 'convention-1' AND revision = 1`).run();
    raw.close();
    expect(verifyStreamChain(await store.readStream('convention-1'))).toMatchObject({ ok: false, revision: 1, reason: expect.stringMatching(/hash/) });
    await store.close();
  });

  it('never records an earlier time than the last event, even if the clock goes back', async () => {
    let now = new Date('2026-06-30T12:00:00.000Z');
    const store = new SqliteEventStore({ path: join(dir, 'events.db'), clock: () => now });
    await store.append('actor-1', [newEvent('ActorRegistered')], 'no_stream');
    now = new Date('2026-06-30T11:00:00.000Z');
    await store.append('actor-2', [newEvent('ActorRegistered')], 'no_stream');
    const [event] = await store.readStream('actor-2');
    expect(event.recordedAt).toBe('2026-06-30T12:00:00.000Z');
    await store.close();
  });

  // Beyond the contract: EventStoreDB cannot check ids across streams, the embedded engine can.
  it('rejects event ids already used in another stream', async () => {
    const store = new SqliteEventStore({ path: join(dir, 'events.db') });
    const event = newEvent('Signed');
    await store.append('convention-1', [event], 'no_stream');
    await expect(store.append('convention-2', [event], 'no_stream')).rejects.toBeInstanceOf(IdempotencyConflictError);
    await store.close();
  });
});
