/**
 * npm run bench:api [-- --quick] [-- --profile] [-- --reads | --mutations] [-- --normal]
 * autocannon (in this process) against the service (its own process, fresh embedded store) and, in
 * the same run, against its same-shape ceiling (bench/api-server.ts `ceiling`: the same schema and
 * selections served from memory, mutations doing one better-sqlite3 insert at the same durability).
 * Both NODE_ENV=production. The ceiling's answers are compared with the product's field by field
 * before measuring. Rounds alternate ceiling and product on every load; medians of ROUNDS.
 * --profile writes the service's CPU profiles (node --cpu-prof) to bench/results/profiles/; with
 * --profile-ceiling the ceiling's too (to compare the two under the same load).
 * --actors runs only the actors page at full rate (with --reads): for comparing profiles of that one load.
 * --reads runs the read loads only (NORMAL, no mutation mix): for iterating on the read path.
 * --mutations runs the mutation mix only, and --normal only at NORMAL: for iterating on the command path.
 * Each load also reports the server's CPU time per request (from /proc): on a shared machine its
 * ratio moves far less than the req/s ratio (--profile adds its own cost to the product's).
 * --loop: each server reports, after each of its loads, its event-loop delay and GC pauses (stderr).
 * Not a test: prints tables and asserts only that the two apps answer alike.
 */
import autocannon, { type Result } from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { signDevToken } from '../src/auth/dev-token.js';
import type { CeilingData } from './api-server.js';

const quick = process.argv.includes('--quick');
const profile = process.argv.includes('--profile');
const readsOnly = process.argv.includes('--reads');
const mutationsOnly = process.argv.includes('--mutations');
const watchLoop = process.argv.includes('--loop');
const profileCeiling = process.argv.includes('--profile-ceiling');
const actorsOnly = process.argv.includes('--actors');
const normalOnly = readsOnly || process.argv.includes('--normal');
const DURATION = Number(process.env.BENCH_DURATION ?? (quick ? 4 : 10));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (quick ? 1 : 3));
const CONNECTIONS = 32;
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const server = fileURLToPath(new URL('./api-server.js', import.meta.url));
const profileDir = fileURLToPath(new URL('../../bench/results/profiles/', import.meta.url));

if (profile) mkdirSync(profileDir, { recursive: true });

type Mode = 'service' | 'ceiling';
async function start(mode: Mode, env: Record<string, string>) {
  const flags = profile && (mode === 'service' || profileCeiling) ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...flags, server, mode], {
    env: { ...process.env, NODE_ENV: 'production', AUTH_DEV_SECRET: SECRET, ...(watchLoop && { BENCH_LOOP: '1' }), ...env },
    stdio: watchLoop ? ['ignore', 'pipe', 'inherit', 'ipc'] : ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /READY (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  children.add(child);
  return { url: `http://127.0.0.1:${port}/graphql`, child };
}
// A failed run leaves no server behind.
const children = new Set<ChildProcess>();
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));
const stop = (child: ChildProcess) =>
  new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGINT');
  });

async function graphql<T = Record<string, unknown>>(url: string, token: string, query: string, variables: unknown = {}): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

function run(options: autocannon.Options): Promise<Result> {
  return new Promise((resolve, reject) =>
    autocannon({ connections: CONNECTIONS, duration: DURATION, ...options }, (error, result) =>
      error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result),
    ),
  );
}

const ACTOR_FIELDS = 'id kind name status revision siren registeredAt updatedAt';
const ACTORS_PAGE = `{ actors(first: 50) { totalCount edges { node { ${ACTOR_FIELDS} } } } }`;
const COMMITMENT_FIELDS = `id title subject status dueDate madeOn revision currentValue currentAsOf createdAt updatedAt
  target { quantity unit } territories { kind code name departementCode regionCode }
  committingActorId committingActor { ${ACTOR_FIELDS} }
  progress { asOf value source note reportedBy recordedAt revision supersedesCurrent }`;
const COMMITMENTS_PAGE = `{ commitments(first: 20) { totalCount edges { cursor node { ${COMMITMENT_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
const REGISTER = 'mutation($input: RegisterActorInput!) { registerActor(input: $input) { revision } }';
const RENAME = 'mutation($input: RenameActorInput!) { renameActor(input: $input) { revision actor { name } } }';
const MAKE = 'mutation($input: MakeCommitmentInput!) { makeCommitment(input: $input) { revision } }';
const PROGRESS = 'mutation($input: ReportCommitmentProgressInput!) { reportCommitmentProgress(input: $input) { revision } }';
const ACTORS = 200;
const COMMITMENTS = 40;
const REPORTS = 4;

async function seed(url: string) {
  const admin = await signDevToken(SECRET, { subject: 'bench-admin', actorId: 'sgar-52', role: 'admin' });
  await graphql(url, admin, REGISTER, {
    input: {
      commandId: randomUUID(),
      actorId: 'sgar-52',
      kind: 'STATE_IN_REGION',
      name: 'SGAR Pays de la Loire',
      territories: [{ kind: 'REGION', code: '52' }],
    },
  });
  await graphql(url, admin, REGISTER, {
    input: {
      commandId: randomUUID(),
      actorId: 'cd-44',
      kind: 'DEPARTEMENT',
      name: 'Département de Loire-Atlantique',
      siren: '224400028',
      territories: [{ kind: 'DEPARTEMENT', code: '44' }],
    },
  });
  for (let i = 0; i < ACTORS; i++) {
    await graphql(url, admin, REGISTER, {
      input: {
        commandId: randomUUID(),
        actorId: `actor-${i}`,
        kind: 'PRIVATE_OPERATOR',
        name: `Opérateur ${i}`,
        territories: [{ kind: 'REGION', code: '52' }],
      },
    });
  }
  const cd44 = await signDevToken(SECRET, { subject: 'agent-44', actorId: 'cd-44', role: 'representative' });
  for (let c = 0; c < COMMITMENTS; c++) {
    const commitmentId = `ftth-${c}`;
    await graphql(url, cd44, MAKE, {
      input: {
        commandId: randomUUID(),
        commitmentId,
        committingActorId: 'cd-44',
        subject: 'FIXED_COVERAGE',
        title: `Raccordement FttH des prises du lot ${c}`,
        target: { quantity: 10_000, unit: 'FTTH_PREMISES' },
        territories: [
          { kind: 'COMMUNE', code: '44109' },
          { kind: 'DEPARTEMENT', code: '44' },
        ],
        dueDate: `20${30 + (c % 10)}-12-31`,
        occurredAt: '2026-01-15T09:00:00Z',
      },
    });
    for (let r = 0; r < REPORTS; r++) {
      await graphql(url, cd44, PROGRESS, {
        input: {
          commandId: randomUUID(),
          commitmentId,
          asOf: `2026-0${1 + (r % 9)}-15`,
          value: 500 * (r + 1),
          source: 'DECLARED',
          note: `Point d’étape ${r + 1}`,
        },
      });
    }
  }
  return admin;
}

/** Every edge of a list, page by page (within the query cost limit), as the product answers it. */
async function allEdges(url: string, token: string, list: 'actors' | 'commitments', first: number, fields: string) {
  type Page = Record<string, { edges: CeilingData['actors']; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>;
  const edges: CeilingData['actors'] = [];
  for (let after: string | null = null; ;) {
    const data: Page = await graphql<Page>(
      url,
      token,
      `query($after: String) { ${list}(first: ${first}, after: $after) { edges { cursor node { ${fields} } } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    edges.push(...data[list].edges);
    if (!data[list].pageInfo.hasNextPage) return edges;
    after = data[list].pageInfo.endCursor;
  }
}

async function ceilingData(url: string, token: string): Promise<CeilingData> {
  return { actors: await allEdges(url, token, 'actors', 100, ACTOR_FIELDS), commitments: await allEdges(url, token, 'commitments', 20, COMMITMENT_FIELDS) };
}

/** The same documents give the same answers (values for reads; fields and types for mutations). */
async function compare(product: string, ceiling: string, token: string) {
  for (const query of [ACTORS_PAGE, COMMITMENTS_PAGE]) {
    const [a, b] = [await graphql(product, token, query), await graphql(ceiling, token, query)];
    if (!isDeepStrictEqual(a, b)) throw new Error(`The ceiling answers ${query.slice(0, 40)}… differently`);
  }
  const shape = (value: unknown): unknown =>
    value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)])) : typeof value;
  for (const [query, input] of [
    [RENAME, { actorId: 'actor-7', name: 'Renommé' }],
    [REGISTER, { kind: 'PRIVATE_OPERATOR', name: 'Nouveau', territories: [{ kind: 'REGION', code: '52' }] }],
  ] as const) {
    const variables = { input: { commandId: randomUUID(), ...input } };
    const [a, b] = [await graphql(product, token, query, variables), await graphql(ceiling, token, query, variables)];
    if (!isDeepStrictEqual(shape(a), shape(b))) throw new Error(`The ceiling's mutation answer has another shape: ${JSON.stringify(a)} / ${JSON.stringify(b)}`);
  }
  return Buffer.byteLength(JSON.stringify(await graphql(product, token, COMMITMENTS_PAGE)));
}

/** 3 renames (spread over the actors, no expectedRevision) for 1 registration. */
function mutationMix(token: string): autocannon.Options['requests'] {
  let n = 0;
  return [
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      setupRequest: (request) => {
        n += 1;
        const body =
          n % 4 === 0
            ? {
                query: REGISTER,
                variables: {
                  input: { commandId: randomUUID(), kind: 'PRIVATE_OPERATOR', name: `Nouvel opérateur ${n}`, territories: [{ kind: 'REGION', code: '52' }] },
                },
              }
            : { query: RENAME, variables: { input: { commandId: randomUUID(), actorId: `actor-${n % ACTORS}`, name: `Opérateur ${n}` } } };
        return { ...request, body: JSON.stringify(body) };
      },
    },
  ];
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** The server process's CPU time (user + system) per request served, µs. */
  cpu: number;
}
/**
 * CPU time of a process so far, ms (/proc, Linux). Per request it is the figure that a shared machine
 * disturbs least: waiting for a core slows a server's answers, not the work each answer takes.
 */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = 100;
const figures = (r: Result, cpu: number): Figures => ({
  rps: r.requests.average,
  p50: r.latency.p50,
  p99: r.latency.p99,
  errors: r.errors + r.non2xx,
  cpu: (cpu * 1000) / Math.max(1, r.requests.total),
});
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const medianOf = (runs: Figures[]): Figures => ({
  rps: median(runs.map((r) => r.rps)),
  p50: median(runs.map((r) => r.p50)),
  p99: median(runs.map((r) => r.p99)),
  errors: runs.reduce((s, r) => s + r.errors, 0),
  cpu: median(runs.map((r) => r.cpu)),
});
const results = new Map<string, { product: Figures[]; ceiling: Figures[] }>();
/** Runs a load against one app and records its figures. */
async function record(what: string, app: 'product' | 'ceiling', pid: number, options: autocannon.Options): Promise<Result> {
  const before = cpuMs(pid);
  if (watchLoop) await loopReport(pid, `between loads, ${app}`);
  const result = await run(options);
  if (watchLoop) await loopReport(pid, `${what}, ${app}`);
  const entry = results.get(what) ?? { product: [], ceiling: [] };
  entry[app].push(figures(result, cpuMs(pid) - before));
  results.set(what, entry);
  return result;
}
/** Asks the server for its loop figures since the last ask (it writes them on stderr, after this label). */
async function loopReport(pid: number, label: string) {
  process.stderr.write(`${label}: `);
  [...children].find((child) => child.pid === pid)?.send('loop');
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const progress = (message: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const loads: number[] = [];
let pageBytes = 0;

for (const synchronous of normalOnly ? (['NORMAL'] as const) : (['NORMAL', 'FULL'] as const)) {
  const env = { EVENT_STORE_SYNCHRONOUS: synchronous };
  const product = await start('service', env);
  const token = await seed(product.url);
  progress(`${synchronous}: seeded`);
  const dataFile = join(mkdtempSync(join(tmpdir(), 'scoran-bench-ceiling-data-')), 'data.json');
  writeFileSync(dataFile, JSON.stringify(await ceilingData(product.url, token)));
  const ceiling = await start('ceiling', { ...env, CEILING_DATA: dataFile });
  pageBytes = await compare(product.url, ceiling.url, token);
  progress(`${synchronous}: the ceiling answers like the product`);
  const apps = { product: product.url, ceiling: ceiling.url };
  const pids = { product: product.child.pid!, ceiling: ceiling.child.pid! };
  for (let round = 0; round < ROUNDS; round++) {
    const order: ('product' | 'ceiling')[] = round % 2 === 0 ? ['ceiling', 'product'] : ['product', 'ceiling'];
    const read = (url: string, query: string) => ({
      url,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    if (synchronous === 'NORMAL' && !mutationsOnly) {
      let productRate = 0;
      for (const app of order) {
        const result = await record('`actors(first: 50)`, 8 fields', app, pids[app], read(apps[app], ACTORS_PAGE));
        if (app === 'product') productRate = result.requests.average;
      }
      // Same offered rate for both: half what the product sustained in this round.
      const rate = Math.max(1, Math.round(productRate / 2));
      for (const app of actorsOnly ? [] : order)
        await record('same read at half the product’s rate', app, pids[app], { ...read(apps[app], ACTORS_PAGE), overallRate: rate });
      // autocannon corrects a rated load's latencies as if a request were due every ceil(1 / rate) ms (1 ms here,
      // its rate being per connection and per second), so one 200 ms answer also counts as 199 shorter ones:
      // the same load again, each answer counted once.
      for (const app of actorsOnly ? [] : order)
        await record('same, each answer counted once (no coordinated-omission correction)', app, pids[app], {
          ...read(apps[app], ACTORS_PAGE),
          overallRate: rate,
          ignoreCoordinatedOmission: true,
        });
      for (const app of actorsOnly ? [] : order)
        await record('`commitments(first: 20)` with progress and committing actor', app, pids[app], read(apps[app], COMMITMENTS_PAGE));
    }
    if (!readsOnly)
      for (const app of order)
        await record(`mutation mix (3 renames : 1 register), ${synchronous}`, app, pids[app], { url: apps[app], requests: mutationMix(token) });
    loads.push(loadavg()[0]);
    progress(`${synchronous}: round ${round + 1} done`);
  }
  await stop(ceiling.child);
  await stop(product.child);
}

console.log(`# bench:api${quick ? ' (quick)' : ''}`);
console.log(
  `${new Date().toISOString().slice(0, 10)} · ${cpus()[0]?.model} · ${cpus().length} cores · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · Node ${process.version} · ${CONNECTIONS} connections · ${DURATION} s per load · medians of ${ROUNDS} rounds, ceiling and product alternating · load average after each round ${loads.map((l) => l.toFixed(1)).join(', ')}`,
);
console.log(`Commitments page: ${fmt(pageBytes)} bytes of JSON.\n`);
console.log(
  '| load | product req/s | p50 / p99 ms | same-shape ceiling req/s | p50 / p99 ms | ratio (req/s) | p99 ratio | CPU µs per request, product / ceiling | ratio (ceiling ÷ product CPU) | errors |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
);
for (const [what, runs] of results) {
  const [p, c] = [medianOf(runs.product), medianOf(runs.ceiling)];
  console.log(
    `| ${what} | ${fmt(p.rps)} | ${p.p50} / ${p.p99} | ${fmt(c.rps)} | ${c.p50} / ${c.p99} | ${(p.rps / c.rps).toFixed(2)} | ×${(p.p99 / c.p99).toFixed(2)} | ${fmt(p.cpu)} / ${fmt(c.cpu)} | ${(c.cpu / p.cpu).toFixed(2)} | ${p.errors} / ${c.errors} |`,
  );
}
