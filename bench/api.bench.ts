/**
 * npm run bench:api [-- --quick]
 * autocannon against the service on the embedded store (loopback only), and in the same run
 * against a bare Nest + Apollo resolver returning a constant: the ceiling. Not a test.
 */
import autocannon, { type Result } from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { signDevToken } from '../src/auth/dev-token.js';

const quick = process.argv.includes('--quick');
const DURATION = quick ? 5 : 15;
const CONNECTIONS = 32;
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const server = fileURLToPath(new URL('./api-server.js', import.meta.url));

async function start(mode: 'service' | 'bare', env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [server, mode], { env: { ...process.env, NODE_ENV: 'production', AUTH_DEV_SECRET: SECRET, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /READY (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/graphql`, child };
}
const stop = (child: ChildProcess) => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); });

async function graphql(url: string, token: string, query: string, variables: unknown) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
}

function run(options: autocannon.Options): Promise<Result> {
  return new Promise((resolve, reject) => autocannon({ connections: CONNECTIONS, duration: DURATION, ...options }, (error, result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result))));
}

const REGISTER = 'mutation($input: RegisterActorInput!) { registerActor(input: $input) { revision } }';
const RENAME = 'mutation($input: RenameActorInput!) { renameActor(input: $input) { revision actor { name } } }';
const PAGE = '{ actors(first: 50) { totalCount edges { node { id name kind status revision } } } }';
const ACTORS = 200;

async function seed(url: string, token: string) {
  for (let i = 0; i < ACTORS; i++) {
    await graphql(url, token, REGISTER, { input: { commandId: randomUUID(), actorId: `actor-${i}`, kind: 'PRIVATE_OPERATOR', name: `Opérateur ${i}`, territories: [{ kind: 'REGION', code: '52' }] } });
  }
}

/** 3 renames (spread over 200 actors, no expectedRevision) for 1 registration. */
function mutationMix(token: string): autocannon.Options['requests'] {
  let n = 0;
  return [{
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    setupRequest: (request) => {
      n += 1;
      const body = n % 4 === 0
        ? { query: REGISTER, variables: { input: { commandId: randomUUID(), kind: 'PRIVATE_OPERATOR', name: `Nouvel opérateur ${n}`, territories: [{ kind: 'REGION', code: '52' }] } } }
        : { query: RENAME, variables: { input: { commandId: randomUUID(), actorId: `actor-${n % ACTORS}`, name: `Opérateur ${n}` } } };
      return { ...request, body: JSON.stringify(body) };
    },
  }];
}

interface Line { what: string; result: Result; ceiling: Result }
const lines: Line[] = [];
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const errorsOf = (r: Result) => r.errors + r.non2xx;

const token = await signDevToken(SECRET, { subject: 'bench', actorId: 'sgar-52', role: 'admin' });

const bare = await start('bare');
const ceilingBody = JSON.stringify({ query: '{ hello }' });
const ceiling = await run({ url: bare.url, method: 'POST', headers: { 'content-type': 'application/json' }, body: ceilingBody });
const ceilingHalf = await run({ url: bare.url, method: 'POST', headers: { 'content-type': 'application/json' }, body: ceilingBody, overallRate: Math.round(ceiling.requests.average / 2) });
await stop(bare.child);

for (const synchronous of ['NORMAL', 'FULL']) {
  const service = await start('service', { EVENT_STORE_SYNCHRONOUS: synchronous });
  await seed(service.url, token);
  lines.push({ what: `mutation mix (3 renames : 1 register), ${synchronous}`, result: await run({ url: service.url, requests: mutationMix(token) }), ceiling });
  if (synchronous === 'NORMAL') {
    const read = { url: service.url, method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: PAGE }) };
    const full = await run(read);
    lines.push({ what: 'read: one page of 50 actors', result: full, ceiling });
    lines.push({ what: `read at half that rate (${fmt(full.requests.average / 2)} req/s)`, result: await run({ ...read, overallRate: Math.round(full.requests.average / 2) }), ceiling: ceilingHalf });
  }
  await stop(service.child);
}

console.log(`# bench:api${quick ? ' (quick)' : ''}`);
console.log(`${new Date().toISOString().slice(0, 10)} · ${cpus()[0]?.model} · ${cpus().length} cores · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · Node ${process.version} · ${CONNECTIONS} connections · ${DURATION} s each · loopback`);
console.log(`Ceiling (bare Nest + Apollo, constant resolver): ${fmt(ceiling.requests.average)} req/s, p50 ${ceiling.latency.p50} ms, p99 ${ceiling.latency.p99} ms\n`);
console.log('| load | req/s | p50 ms | p99 ms | errors | ratio to ceiling |\n|---|---:|---:|---:|---:|---:|');
for (const { what, result, ceiling: c } of lines) {
  console.log(`| ${what} | ${fmt(result.requests.average)} | ${result.latency.p50} | ${result.latency.p99} | ${errorsOf(result)} | ${(result.requests.average / c.requests.average).toFixed(2)} |`);
}
