/**
 * npm run bench:command
 * What a command costs against the length of its stream: RenameActor on actor streams of 1, 100 and
 * 10,000 events, through the real CommandHandler and actor decider on a real SQLite file, with the
 * folded-state cache (COMMAND_STATE_CACHE_STREAMS, the default) and without it (size 0: every command
 * reads and folds its stream's history, as before issue 18). Also what a request pays to verify its
 * bearer token, with and without the verified-token cache. Medians of ROUNDS rounds, same run, so
 * ratios are comparable on a loaded machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { actorDecider } from '../src/actors/actor.decider.js';
import { signDevToken } from '../src/auth/dev-token.js';
import { TokenVerifier } from '../src/auth/token-verifier.js';
import { CommandHandler } from '../src/decider/command-handler.js';
import { StreamStateCache } from '../src/decider/stream-state-cache.js';
import { SqliteEventStore, type SqliteSynchronous } from '../src/event-store/sqlite/sqlite-event-store.js';

const LENGTHS = [1, 100, 10_000];
const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 100);
const ROUNDS = 3;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];
const principal = { actorId: 'sgar-52', role: 'admin' as const };
const context = () => ({ commandId: randomUUID(), principal: 'bench', occurredAt: '2026-12-01T09:00:00.000Z' });

async function prepare(store: SqliteEventStore, streamId: string, actorId: string, length: number) {
  const builder = new CommandHandler(store, actorDecider, { stateCache: new StreamStateCache(10) });
  await builder.handle(
    streamId,
    { type: 'RegisterActor', principal, actorId, kind: 'joint_syndicate', name: 'Syndicat 0', territories: [{ kind: 'region', code: '52' }] },
    context(),
  );
  for (let i = 1; i < length; i++) await builder.handle(streamId, { type: 'RenameActor', principal, name: `Syndicat ${i}` }, context());
}

/** Per-command latency (µs) of COMMANDS renames on the stream; the stream grows by COMMANDS events. */
async function measure(handler: CommandHandler<never, never, never>, streamId: string, label: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < COMMANDS; i++) {
    const started = process.hrtime.bigint();
    await (handler as unknown as CommandHandler<unknown, never, unknown>).handle(
      streamId,
      { type: 'RenameActor', principal, name: `${label} ${i}` },
      context(),
    );
    times.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  return times;
}

async function commands(synchronous: SqliteSynchronous) {
  const dir = mkdtempSync(join(tmpdir(), 'scoran-bench-command-'));
  const store = new SqliteEventStore({ path: join(dir, 'events.db'), synchronous });
  try {
    const rows: string[] = [];
    const results = new Map<string, { p50: number; p99: number }>();
    let streamCount = 0;
    // Each round on a fresh stream of the given length, so every figure is on streams of L to L + COMMANDS events.
    const fresh = async (length: number) => {
      const actorId = `bench-${++streamCount}`;
      await prepare(store, `actor-${actorId}`, actorId, length);
      return `actor-${actorId}`;
    };
    for (const cached of [true, false]) {
      const handler = new CommandHandler(store, actorDecider, { stateCache: new StreamStateCache(cached ? 10_000 : 0) }) as unknown as CommandHandler<
        never,
        never,
        never
      >;
      await measure(handler, await fresh(1), 'warm'); // warms the JIT and the statements
      for (const length of LENGTHS) {
        const p50s: number[] = [];
        const p99s: number[] = [];
        for (let r = 0; r < ROUNDS; r++) {
          const streamId = await fresh(length);
          const times = await measure(handler, streamId, `r${r}`);
          p50s.push(median(times));
          p99s.push(percentile(times, 0.99));
        }
        results.set(`${cached}:${length}`, { p50: median(p50s), p99: median(p99s) });
      }
    }
    for (const length of LENGTHS) {
      const withCache = results.get(`true:${length}`)!;
      const without = results.get(`false:${length}`)!;
      const base = results.get(`true:${LENGTHS[0]}`)!;
      rows.push(
        `| ${synchronous} | ${length.toLocaleString('en')} | ${withCache.p50.toFixed(0)} / ${withCache.p99.toFixed(0)} | ${(withCache.p50 / base.p50).toFixed(2)} | ${without.p50.toFixed(0)} / ${without.p99.toFixed(0)} | ${(without.p50 / withCache.p50).toFixed(2)} |`,
      );
    }
    return rows;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function tokens() {
  const secret = 'a-benchmark-secret-of-at-least-32-characters';
  const token = await signDevToken(secret, { subject: 'bench', actorId: 'sgar-52', role: 'admin' });
  const N = 20_000;
  const run = async (verifier: TokenVerifier) => {
    const started = process.hrtime.bigint();
    for (let i = 0; i < N; i++) await verifier.verify(token);
    return Number(process.hrtime.bigint() - started) / N / 1000;
  };
  const cached = new TokenVerifier({ devSecret: secret, requireTokenForQueries: false }, { cacheSize: 10_000 });
  const uncached = new TokenVerifier({ devSecret: secret, requireTokenForQueries: false }, { cacheSize: 0 });
  await run(cached);
  await run(uncached);
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    a.push(await run(cached));
    b.push(await run(uncached));
  }
  return { cached: median(a), uncached: median(b) };
}

console.log(
  `Command latency (µs, p50 / p99 of ${COMMANDS} RenameActor per round on a fresh stream of the given length, median of ${ROUNDS} rounds), Node ${process.version}, ${new Date().toISOString()}`,
);
console.log('| sync | stream length | cached state p50 / p99 | ÷ cached on a 1-event stream | no cache p50 / p99 | no cache ÷ cached |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const synchronous of ['NORMAL', 'FULL'] as const) for (const row of await commands(synchronous)) console.log(row);
const t = await tokens();
console.log(
  `\nBearer token (HS256) per request: ${t.uncached.toFixed(1)} µs verified, ${t.cached.toFixed(2)} µs from the cache (${(t.uncached / t.cached).toFixed(0)}×)`,
);
