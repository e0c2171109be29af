/**
 * npm run bench:store [-- --quick]
 * The embedded engine against bare better-sqlite3 on the same machine, in the same run.
 * Medians over repetitions; ratios to the matching bare figure. Not a test: nothing here asserts.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '../src/event-store/event-store.js';
import { SqliteEventStore, type SqliteSynchronous } from '../src/event-store/sqlite/sqlite-event-store.js';
import type { RunnableProjection } from '../src/projections/projection.js';
import { ProjectionRunner } from '../src/projections/projection-runner.js';
import { openReadModelDatabase } from '../src/projections/read-model-database.js';

const quick = process.argv.includes('--quick');
const REPS = quick ? 3 : 5;
const SINGLE = { FULL: quick ? 500 : 3000, NORMAL: quick ? 2000 : 10_000 };
const BATCHES = quick ? 40 : 200;
const REPLAY = quick ? 100_000 : 1_000_000;

const dir = mkdtempSync(join(tmpdir(), 'scoran-bench-'));
let fileSeq = 0;
const freshPath = () => join(dir, `f${++fileSeq}.db`);

function sampleEvent(i: number): NewEvent {
  const id = randomUUID();
  return {
    id,
    type: 'CommitmentProgressReported',
    data: {
      commitmentId: `c-${i % 5000}`,
      value: i,
      unit: 'ftth_premises',
      asOf: '2026-06-30',
      source: 'operator_data',
      territory: { kind: 'departement', code: '44' },
      note: 'Relevé semestriel des prises FttH raccordables sur la zone AMII de Nantes Métropole',
    },
    metadata: {
      commandId: id,
      correlationId: id,
      causationId: id,
      actingActorId: 'sfr',
      principal: 'agent-1234',
      occurredAt: '2026-06-30T12:00:00.000Z',
      schemaVersion: 1,
    },
  };
}
const bareRow = (i: number) => {
  const e = sampleEvent(i);
  return [
    `commitment-${i}`,
    i,
    'commitment',
    e.id,
    e.type,
    JSON.stringify(e.data),
    JSON.stringify(e.metadata),
    new Date().toISOString(),
    'x'.repeat(64),
    'y'.repeat(64),
  ];
};

/** `indexed`: the same two unique keys the engine needs (event id; stream and revision). */
function bareDb(synchronous: SqliteSynchronous, indexed = false) {
  const db = new Database(freshPath());
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT, revision INTEGER, category TEXT, event_id TEXT ${indexed ? 'UNIQUE' : ''},
           type TEXT, data TEXT, metadata TEXT, recorded_at TEXT, prev_hash TEXT, hash TEXT ${indexed ? ', UNIQUE (stream_id, revision)' : ''})`);
  return {
    db,
    insert: db.prepare(
      'INSERT INTO events (stream_id, revision, category, event_id, type, data, metadata, recorded_at, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)',
    ),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function rate(count: number, run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}
function medianRate(count: number, setup: () => () => void): number {
  return median(Array.from({ length: REPS }, () => rate(count, setup())));
}

function singleAppends(synchronous: SqliteSynchronous, n: number) {
  const engine = medianRate(n, () => {
    const store = new SqliteEventStore({ path: freshPath(), synchronous });
    const events = Array.from({ length: n }, (_, i) => sampleEvent(i));
    return () => {
      for (let i = 0; i < n; i++) store.appendSync(`commitment-${i}`, [events[i]], 'no_stream');
      void store.close();
    };
  });
  const bareSingle = (indexed: boolean) =>
    medianRate(n, () => {
      const { db, insert } = bareDb(synchronous, indexed);
      const rows = Array.from({ length: n }, (_, i) => bareRow(i));
      const tx = db.transaction((row: unknown[]) => insert.run(...row));
      return () => {
        for (const row of rows) tx(row);
        db.close();
      };
    });
  return { engine, bare: bareSingle(false), indexed: bareSingle(true) };
}

function batchAppends(synchronous: SqliteSynchronous) {
  const total = BATCHES * 100;
  const engine = medianRate(total, () => {
    const store = new SqliteEventStore({ path: freshPath(), synchronous });
    const batches = Array.from({ length: BATCHES }, (_, b) => Array.from({ length: 100 }, (_, i) => sampleEvent(b * 100 + i)));
    return () => {
      batches.forEach((batch, b) => store.appendSync(`commitment-${b}`, batch, 'no_stream'));
      void store.close();
    };
  });
  const bareBatches = (indexed: boolean) =>
    medianRate(total, () => {
      const { db, insert } = bareDb(synchronous, indexed);
      const batches = Array.from({ length: BATCHES }, (_, b) => Array.from({ length: 100 }, (_, i) => bareRow(b * 100 + i)));
      const tx = db.transaction((rows: unknown[][]) => rows.forEach((row) => insert.run(...row)));
      return () => {
        batches.forEach((rows) => tx(rows));
        db.close();
      };
    });
  return { engine, bare: bareBatches(false), indexed: bareBatches(true) };
}

async function replay() {
  const path = freshPath();
  const store = new SqliteEventStore({ path, synchronous: 'NORMAL' });
  const setupStart = Date.now();
  for (let b = 0; b < REPLAY / 1000; b++) {
    store.appendSync(
      `${['commitment', 'convention', 'networkProject', 'actor'][b % 4]}-${b}`,
      Array.from({ length: 1000 }, (_, i) => sampleEvent(b * 1000 + i)),
      'no_stream',
    );
  }
  const setupSeconds = (Date.now() - setupStart) / 1000;
  const head = await store.headPosition();

  const counts: RunnableProjection = {
    name: 'counts',
    version: 1,
    tables: ['counts'],
    setup: (db) => db.exec('CREATE TABLE counts (category TEXT PRIMARY KEY, n INTEGER NOT NULL)'),
    handler: (db) => {
      const bump = db.prepare('INSERT INTO counts (category, n) VALUES (?, 1) ON CONFLICT (category) DO UPDATE SET n = n + 1');
      return (event) => void bump.run(event.streamId.slice(0, event.streamId.indexOf('-')));
    },
  };
  global.gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const heapAt: Record<string, number> = {};
  const readModels = openReadModelDatabase(freshPath());
  const runner = new ProjectionRunner(store, readModels, [counts], { batchSize: 500 });
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    const examined = Number(runner.status()[0]?.examined ?? 0n);
    const quarter = examined >= REPLAY ? 'end' : examined >= REPLAY / 4 ? 'quarter' : undefined;
    if (quarter && heapAt[quarter] === undefined) heapAt[quarter] = m.heapUsed;
  }, 50);
  const start = process.hrtime.bigint();
  runner.start();
  await runner.waitFor(head, { timeoutMs: 600_000 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  clearInterval(sampler);
  await runner.stop();
  readModels.close();
  await store.close();

  // Ceiling: bare iteration and parsing of the same rows.
  const db = new Database(path, { readonly: true });
  const bareStart = process.hrtime.bigint();
  let n = 0;
  for (const row of db.prepare('SELECT * FROM events ORDER BY position').iterate() as Iterable<{ data: string; metadata: string }>) {
    JSON.parse(row.data);
    JSON.parse(row.metadata);
    n++;
  }
  const bareRate = n / (Number(process.hrtime.bigint() - bareStart) / 1e9);
  db.close();
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  return {
    rate: REPLAY / seconds,
    seconds,
    bareRate,
    setupSeconds,
    memory: `peak RSS ${mb(peakRss)} MB (baseline ${mb(baseline.rss)}), peak heap ${mb(peakHeap)} MB; heap at 25%: ${mb(heapAt.quarter ?? 0)} MB, at 100%: ${mb(heapAt.end ?? peakHeap)} MB`,
  };
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const rows: string[][] = [];
const row = (what: string, engine: number, bare: number, target: string, indexed?: number) =>
  rows.push([what, fmt(engine), fmt(bare), (engine / bare).toFixed(2), indexed ? fmt(indexed) : '—', indexed ? (engine / indexed).toFixed(2) : '—', target]);

console.log(`# bench:store${quick ? ' (quick)' : ''}`);
console.log(
  `${new Date().toISOString().slice(0, 10)} · ${cpus()[0]?.model} · ${cpus().length} cores · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · Node ${process.version} · medians of ${REPS}`,
);
for (const sync of ['NORMAL', 'FULL'] as const) {
  const r = singleAppends(sync, SINGLE[sync]);
  row(`single-event appends/s, ${sync}`, r.engine, r.bare, sync === 'NORMAL' ? '≥ 25,000' : '(reported)', r.indexed);
}
for (const sync of ['NORMAL', 'FULL'] as const) {
  const r = batchAppends(sync);
  row(`events/s in batches of 100, ${sync}`, r.engine, r.bare, sync === 'NORMAL' ? '≥ 250,000' : '(reported)', r.indexed);
}
const r = await replay();
row(`replay of ${fmt(REPLAY)} events through the runner, events/s`, r.rate, r.bareRate, '≥ 100,000');

console.log('\n| measure | engine | bare table | ratio | bare + same unique keys | ratio | target |\n|---|---:|---:|---:|---:|---:|---|');
for (const cells of rows) console.log(`| ${cells.join(' | ')} |`);
console.log(`\nReplay: ${r.seconds.toFixed(1)} s; ${r.memory}. Setup (appending ${fmt(REPLAY)} events in batches of 1,000): ${r.setupSeconds.toFixed(1)} s.`);
rmSync(dir, { recursive: true, force: true });
