/**
 * npm run bench:import [-- --quick] [-- --concurrency N]
 * A region's record of about 10,000 spreadsheet rows (bench/import-data.ts) in one .xlsx, imported
 * into an empty embedded store (FULL): the dry run (read, validate, rehearse), then read + validate, the rehearsal on a scratch copy
 * (in memory, every row through the API's mutations), the append of the rehearsed events to the real
 * log and the read models' catch-up. Then, in the same run and on the same machine, two ceilings of
 * the same work on fresh stores: the same commands (captured as the rehearsal sent them) straight
 * through the command path (CommandBus, decider, append, read-your-writes wait; no GraphQL), N in
 * flight, and the bare store append of the same events, one append per command, N in flight.
 * Not a test: nothing here asserts.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import { createApp } from '../src/app/create-app.js';
import { loadConfig } from '../src/config/config.js';
import type { CommandContext } from '../src/decider/command-handler.js';
import type { Decider } from '../src/decider/decider.js';
import { EVENT_STORE } from '../src/event-store/event-store.module.js';
import type { EventStore, ImportBatchRef, RecordedEvent } from '../src/event-store/event-store.js';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store.js';
import { readImportFile } from '../src/import/import-file.js';
import { planImport } from '../src/import/import-plan.js';
import { IMPORT_CONCURRENCY, importFile, importLookups } from '../src/import/importer.js';
import { workbookOf } from '../src/import/template.js';
import { CommandExecutor } from '../src/runtime/command-executor.js';
import { ExecuteCommand } from '../src/runtime/execute-command.js';
import { requestContext } from '../src/runtime/request-context.js';
import type { Principal } from '../src/shared/principal.js';
import { sampleRegion } from './import-data.js';

const quick = process.argv.includes('--quick');
const SCALE = quick ? 5 : 52;
const concurrencyArg = process.argv.indexOf('--concurrency');
const CONCURRENCY = concurrencyArg > 0 ? Number(process.argv[concurrencyArg + 1]) : IMPORT_CONCURRENCY;
const ADMIN: Principal = { subject: 'bench', actorId: 'scoran-ledger', role: 'admin' };

async function service(dir: string) {
  return createApp(
    loadConfig({
      NODE_ENV: 'production',
      AUTH_JWKS_URL: 'https://example.invalid/jwks',
      AUTH_ISSUER: 'bench',
      AUTH_AUDIENCE: 'bench',
      GRAPHQL_INTROSPECTION: 'false',
      GRAPHQL_GRAPHIQL: 'false',
      EVENT_STORE_PATH: join(dir, 'events.db'),
      READ_MODEL_PATH: join(dir, 'read-models.db'),
      EVENT_STORE_SYNCHRONOUS: process.env.EVENT_STORE_SYNCHRONOUS ?? 'FULL',
      REPORT_SCHEDULER_ENABLED: 'false',
      COMMITMENT_LAPSE_CHECK_MINUTES: '0',
      INTEGRITY_SEAL_INTERVAL_MINUTES: '0',
      LOG_LEVEL: 'silent',
    }),
  );
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const perSecond = (n: number, ms: number) => `${(n / (ms / 1000)).toFixed(0)}/s`;

/** A command as the command path received it during the rehearsal, with the import batch its request named. */
interface Captured {
  decider: Decider<never, never, never>;
  streamId: string;
  command: unknown;
  context: CommandContext;
  importBatch: ImportBatchRef;
}

// The rehearsal's commands, seen where the command path receives them (every app of this process).
const captured: Captured[] = [];
let capturing = true;
const { execute } = CommandExecutor.prototype as { execute: (this: CommandExecutor, ...args: Parameters<CommandExecutor['execute']>) => unknown };
CommandExecutor.prototype.execute = function (this: CommandExecutor, decider, streamId, command, context) {
  // Follow-ups (no import batch) are left out: the ceiling's own service sets them off again.
  const importBatch = requestContext.current()?.importBatch;
  if (capturing && importBatch) captured.push({ decider: decider as unknown as Decider<never, never, never>, streamId, command, context, importBatch });
  return execute.call(this, decider as never, streamId, command as never, context) as never;
};

/** Runs the tasks N at a time, each key's tasks in their order (one key's tasks never overlap). */
async function inFlight<T>(items: readonly T[], keyOf: (item: T) => string, n: number, run: (item: T) => Promise<unknown>): Promise<void> {
  const chains = new Map<string, T[]>();
  for (const item of items) {
    const chain = chains.get(keyOf(item));
    if (chain) chain.push(item);
    else chains.set(keyOf(item), [item]);
  }
  const queue = [...chains.values()];
  const worker = async () => {
    for (let chain = queue.shift(); chain; chain = queue.shift()) for (const item of chain) await run(item);
  };
  await Promise.all(Array.from({ length: n }, worker));
}

const data = sampleRegion(SCALE);
const rows = Object.values(data).reduce((n, sheet) => n + sheet.length, 0);
const workbook = await workbookOf(data, 'fr');
console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; node ${process.version}; synchronous=${process.env.EVENT_STORE_SYNCHRONOUS ?? 'FULL'}; load average at start ${loadavg()[0].toFixed(1)}`,
);
console.log(`File: ${rows} rows, ${(workbook.length / 1024).toFixed(0)} KiB .xlsx`);

const dirs: string[] = [];
const scratchDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'scoran-bench-import-'));
  dirs.push(dir);
  return dir;
};
const app = await service(scratchDir());
try {
  let started = performance.now();
  const file = await readImportFile('region.xlsx', workbook);
  const readMs = performance.now() - started;
  started = performance.now();
  const plan = planImport(file, importLookups(app));
  const validateMs = performance.now() - started;
  if (plan.problems.length > 0) throw new Error(`The bench file has problems: ${JSON.stringify(plan.problems.slice(0, 3))}`);
  console.log(`Read ${seconds(readMs)}, validated ${seconds(validateMs)}: ${plan.steps.length} commands`);

  // The dry run rehearses every row too (nothing written), so it reports what the deciders would refuse.
  started = performance.now();
  const dry = await importFile(app, 'region.xlsx', workbook, { principal: ADMIN, concurrency: CONCURRENCY });
  const dryMs = performance.now() - started;
  if (!dry.ok || (await app.get<EventStore>(EVENT_STORE, { strict: false }).headPosition()) !== 0n) throw new Error('The dry run failed or wrote');
  console.log(`Dry run (read, validate, rehearse; nothing written): ${seconds(dryMs)}; ${(dryMs / rows).toFixed(2)} ms per row`);
  captured.length = 0; // the ceilings replay the commit's rehearsal, not the dry run's

  started = performance.now();
  const phases: Record<string, number> = {};
  const report = await importFile(app, 'region.xlsx', workbook, {
    principal: ADMIN,
    commit: true,
    concurrency: CONCURRENCY,
    onPhase: (phase) => (phases[phase] = performance.now()),
    // The last count comes once the rehearsed events are appended, before the read models catch up.
    onProgress: (done, total) => {
      if (phases.recording && done === total) phases.appended = performance.now();
    },
  });
  const importMs = performance.now() - started;
  capturing = false;
  if (!report.ok) throw new Error(`Import failed: ${JSON.stringify(report.problems)}`);
  const store = app.get<EventStore>(EVENT_STORE, { strict: false });
  const events: RecordedEvent[] = [];
  for (let after = 0n; ;) {
    const page = await store.readAll({ after, limit: 1000 });
    events.push(...page.events);
    after = page.lastPosition;
    if (page.isEnd) break;
  }
  const validatingMs = phases.rehearsing - started;
  const rehearsalMs = phases.recording - phases.rehearsing;
  const appendMs = phases.appended - phases.recording;
  const catchUpMs = started + importMs - phases.appended;
  console.log(
    `Import with --commit, ${CONCURRENCY} records in flight: ${seconds(importMs)} for ${report.recorded} commands, ${events.length} events (` +
      `read and validate ${seconds(validatingMs)}, rehearsal ${seconds(rehearsalMs)}, append ${seconds(appendMs)}, read models' catch-up ${seconds(catchUpMs)}); ${perSecond(report.recorded, importMs)}`,
  );
  console.log(`Whole import (read, validate, rehearse, append, catch up) ${seconds(importMs)}; ${(importMs / rows).toFixed(2)} ms per row`);

  // Ceiling 1: the same commands straight through the command path on a fresh service (FULL), with
  // their batch in the request context as the import sets it: no GraphQL, no validation pipe.
  const ceiling = await service(scratchDir());
  let ceilingMs: number;
  try {
    const bus = ceiling.get(CommandBus, { strict: false });
    started = performance.now();
    await inFlight(
      captured,
      (c) => c.streamId,
      CONCURRENCY,
      (c) =>
        requestContext.run({ requestId: c.context.commandId, importBatch: c.importBatch }, () =>
          bus.execute(new ExecuteCommand(c.decider, c.streamId, c.command as never, c.context)),
        ),
    );
    ceilingMs = performance.now() - started;
  } finally {
    await ceiling.close();
  }
  console.log(
    `Ceiling 1, the same ${captured.length} commands through the command path (CommandBus, decider, append, read-your-writes), ${CONCURRENCY} in flight: ${seconds(ceilingMs)}; ${perSecond(captured.length, ceilingMs)}`,
  );

  // Ceiling 2: the bare store append of the same events, one append per command, on a fresh store (FULL).
  const bare = new SqliteEventStore({ path: join(scratchDir(), 'events.db'), synchronous: (process.env.EVENT_STORE_SYNCHRONOUS ?? 'FULL') as 'FULL' });
  let bareMs: number;
  try {
    const appends: RecordedEvent[][] = [];
    for (const event of events) {
      const last = appends.at(-1);
      if (last && last[0].metadata.commandId === event.metadata.commandId && last[0].streamId === event.streamId) last.push(event);
      else appends.push([event]);
    }
    started = performance.now();
    await inFlight(
      appends,
      (a) => a[0].streamId,
      CONCURRENCY,
      (a) =>
        bare.append(
          a[0].streamId,
          a.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })),
          a[0].revision === 0 ? 'no_stream' : a[0].revision - 1,
        ),
    );
    bareMs = performance.now() - started;
    console.log(`Ceiling 2, bare store append of the same ${events.length} events (${appends.length} appends), ${CONCURRENCY} in flight: ${seconds(bareMs)}`);
  } finally {
    await bare.close();
  }
  console.log(
    `Import at ${(ceilingMs / importMs).toFixed(2)} of ceiling 1 (whole import) and ${(ceilingMs / rehearsalMs).toFixed(2)} (rehearsal alone); ceiling 2 at ${(bareMs / importMs).toFixed(2)} of the whole import; load average at end ${loadavg()[0].toFixed(1)}`,
  );
} finally {
  await app.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
