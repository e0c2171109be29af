import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConcurrencyError } from '../src/event-store/errors.js';
import { verifyStreamChain } from '../src/event-store/hash-chain.js';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store.js';
import { buildService, type Build } from './e2e/service-process.js';
import { newEvent } from './event-store.contract.js';

/** Appends made in the same turn of the event loop share one transaction (one fsync at FULL). */
describe('SQLite engine: group commit', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scoran-group-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Every event in the file, read by a fresh handle (what a restarted process would find). */
  async function reopened(path: string) {
    const store = new SqliteEventStore({ path });
    const events = [];
    for (let after = 0n; ;) {
      const page = await store.readAll({ after });
      events.push(...page.events);
      after = page.lastPosition;
      if (page.isEnd) break;
    }
    await store.close();
    return events;
  }

  it('commits appends started together in one batch; one conflict among many fails only that append', async () => {
    const path = join(dir, 'events.db');
    const batches: number[] = [];
    const store = new SqliteEventStore({ path, faults: (_step, index) => (index === 0 ? batches.push(1) : (batches[batches.length - 1] += 1)) });
    await store.append('actor-0', [newEvent('ActorRegistered')], 'no_stream');

    const appends = [
      ...Array.from({ length: 8 }, (_, i) => store.append(`actor-${i + 1}`, [newEvent('ActorRegistered'), newEvent('ActorRenamed')], 'no_stream')),
      store.append('actor-0', [newEvent('ActorRenamed', { name: 'stale' })], 5), // the stream is at revision 0
      store.append('actor-0', [newEvent('ActorRenamed', { name: 'fresh' })], 0),
      store.append('actor-0', [newEvent('ActorRenamed', { name: 'lost the race' })], 0), // same revision as the one before it in the batch
    ];
    const settled = await Promise.allSettled(appends);

    expect(batches).toEqual([1, 11]);
    expect(settled.slice(0, 8).map((s) => s.status)).toEqual(Array(8).fill('fulfilled'));
    expect(settled[8]).toMatchObject({ status: 'rejected', reason: expect.any(ConcurrencyError) });
    expect(settled[9]).toMatchObject({ status: 'fulfilled', value: { nextRevision: 1 } });
    expect(settled[10]).toMatchObject({ status: 'rejected', reason: expect.any(ConcurrencyError) });
    // Each answer is its own: positions follow the order of the batch.
    expect(settled.slice(0, 8).map((s) => (s as PromiseFulfilledResult<{ position: bigint }>).value.position)).toEqual([3n, 5n, 7n, 9n, 11n, 13n, 15n, 17n]);
    await store.close();

    const events = await reopened(path);
    expect(events).toHaveLength(1 + 16 + 1);
    expect(events.map((e) => (e.data as { name?: string }).name).filter(Boolean)).toEqual(['fresh']);
    for (let i = 0; i <= 8; i++) expect(verifyStreamChain(events.filter((e) => e.streamId === `actor-${i}`)).ok).toBe(true);
  });

  it('answers a retry sent twice in one batch as a replay of the first', async () => {
    const store = new SqliteEventStore({ path: join(dir, 'events.db') });
    const event = newEvent('ActorRegistered');
    const [first, second] = await Promise.all([store.append('actor-1', [event], 'no_stream'), store.append('actor-1', [event], 'no_stream')]);
    expect(first).toEqual({ nextRevision: 0, position: 1n });
    expect(second).toEqual({ nextRevision: 0, position: 1n, replayed: true });
    await store.close();
  });

  it('a crash in the middle of a batch leaves none of it in the file, and the same appends succeed afterwards', async () => {
    const path = join(dir, 'events.db');
    let crashAt: number | undefined = 3;
    const store = new SqliteEventStore({
      path,
      faults: (_step, index) => {
        if (index === crashAt) throw new Error('simulated crash in the middle of the batch');
      },
    });
    await store.append('actor-0', [newEvent('ActorRegistered')], 'no_stream');
    const batch = Array.from({ length: 6 }, (_, i) => [`actor-${i + 1}`, [newEvent('ActorRegistered'), newEvent('ActorRenamed')]] as const);
    const settled = await Promise.allSettled(batch.map(([stream, events]) => store.append(stream, events, 'no_stream')));
    expect(settled.every((s) => s.status === 'rejected' && /simulated crash/.test(String(s.reason)))).toBe(true);
    expect((await reopened(path)).map((e) => e.streamId)).toEqual(['actor-0']);

    crashAt = undefined;
    const results = await Promise.all(batch.map(([stream, events]) => store.append(stream, events, 'no_stream')));
    expect(results.map((r) => r.nextRevision)).toEqual(Array(6).fill(1));
    await store.close();
    expect(await reopened(path)).toHaveLength(13);
  });

  describe('killed mid-batch (a real process, a real file)', () => {
    let build: Build;
    beforeAll(() => {
      build = buildService();
    }, 180_000);
    afterAll(() => build?.remove());

    it('finds, after SIGKILL inside the batch transaction, every earlier batch whole and nothing of the killed one', async () => {
      const path = join(dir, 'events.db');
      const script = join(build.dir, 'kill-mid-batch.mjs');
      // 5 batches of 10 two-event appends commit; the 6th is killed after its 4th append, before its commit.
      writeFileSync(
        script,
        `
        import { randomUUID } from 'node:crypto';
        import { SqliteEventStore } from './src/event-store/sqlite/sqlite-event-store.js';
        let batch = 0;
        const store = new SqliteEventStore({ path: ${JSON.stringify(path)}, synchronous: 'FULL', faults: (_step, index) => {
          if (batch === 5 && index === 3) process.kill(process.pid, 'SIGKILL');
        } });
        const event = (type) => ({ id: randomUUID(), type, data: { batch }, metadata: { commandId: randomUUID(), correlationId: 'c', causationId: 'c', principal: 'test', occurredAt: '2026-01-15T10:00:00.000Z', schemaVersion: 1 } });
        for (; batch < 6; batch++) {
          await Promise.all(Array.from({ length: 10 }, (_, i) => store.append('actor-' + batch + '-' + i, [event('ActorRegistered'), event('ActorRenamed')], 'no_stream')));
        }
      `,
      );
      const child = spawn(process.execPath, [script], { stdio: 'inherit' });
      const signal = await new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
      expect(signal).toBe('SIGKILL');

      const events = await reopened(path);
      expect(events).toHaveLength(5 * 10 * 2);
      expect(new Set(events.map((e) => (e.data as { batch: number }).batch))).toEqual(new Set([0, 1, 2, 3, 4]));
      const streams = new Set(events.map((e) => e.streamId));
      for (const stream of streams) expect(verifyStreamChain(events.filter((e) => e.streamId === stream))).toMatchObject({ ok: true, events: 2 });
      // The file takes new appends after the crash.
      const store = new SqliteEventStore({ path });
      await expect(store.append('actor-5-0', [newEvent('ActorRegistered')], 'no_stream')).resolves.toMatchObject({ nextRevision: 0, position: 101n });
      await store.close();
    }, 60_000);
  });
});
