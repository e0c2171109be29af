/**
 * The service as operators run it: built with tsc, started as its own Node process (`node
 * dist/src/main.js`), configured by environment variables, talked to over real HTTP. Used where
 * one process is not enough: two instances on one SQLite file, a restart after a restore.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEV_SECRET, type GraphQLResponse } from './harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Build {
  dir: string;
  /** Absolute path of a built file, e.g. `src/main.js`. */
  file(path: string): string;
  remove(): void;
}

/** Compiles the service into a temporary folder (about 20 s); node_modules is linked beside it. */
export function buildService(): Build {
  const dir = mkdtempSync(join(tmpdir(), 'scoran-build-'));
  execFileSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', join(ROOT, 'tsconfig.build.json'), '--outDir', dir], { cwd: ROOT, stdio: 'pipe' });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir, file: (path) => join(dir, path), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export interface ServiceProcess {
  url: string;
  output(): string;
  graphql(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse>;
  get(path: string): Promise<{ status: number; body: any }>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

export interface StartOutcome {
  started?: ServiceProcess;
  /** When the process exited before listening: its exit code and what it printed. */
  refused?: { code: number | null; output: string };
}

/** Starts `node src/main.js` of the build with the test configuration plus `env`; resolves once it listens or exits. */
export async function startServiceProcess(build: Build, env: Record<string, string>, timeoutMs = 60_000): Promise<StartOutcome> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [build.file('src/main.js')], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      AUTH_DEV_SECRET: DEV_SECRET,
      RATE_LIMIT_PER_MINUTE: '0',
      EVENT_STORE_SYNCHRONOUS: 'NORMAL',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const listening = new Promise<void>((done) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('SCORAN Ledger listening on')) done();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((done) => (timer = setTimeout(() => done('timeout'), timeoutMs)));
  const first = await Promise.race([listening.then(() => 'listening' as const), exited.then(() => 'exited' as const), timeout]);
  clearTimeout(timer);
  if (first === 'exited') return { refused: { code: await exited, output } };
  if (first === 'timeout') {
    child.kill('SIGKILL');
    throw new Error(`The service did not start within ${timeoutMs} ms:\n${output}`);
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    started: {
      url,
      output: () => output,
      async graphql(query, variables = {}, token) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (token) headers.authorization = `Bearer ${token}`;
        const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
        return { status: response.status, body: (await response.json()) as GraphQLResponse['body'] };
      },
      async get(path) {
        const response = await fetch(`${url}${path}`);
        const text = await response.text();
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON (an export, a page): the text itself
        }
        return { status: response.status, body };
      },
      async stop() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
      },
    },
  };
}

/** Like startServiceProcess, but a refusal to start fails the test with what the service printed. */
export async function mustStart(build: Build, env: Record<string, string>): Promise<ServiceProcess> {
  const outcome = await startServiceProcess(build, env);
  if (!outcome.started) throw new Error(`The service refused to start (exit ${outcome.refused!.code}):\n${outcome.refused!.output}`);
  return outcome.started;
}
