/**
 * npm run bench:import [-- --quick] [-- --concurrency N]
 * A region's record of about 10,000 spreadsheet rows (bench/import-data.ts) in one .xlsx, imported
 * into an empty embedded store: read + validate (the dry run), the rehearsal on a scratch copy (in
 * memory), the commit; then, in the same run and on the same machine, the ceiling of the command
 * path itself: as many commands through the command handler alone (no GraphQL, no read-your-writes
 * wait), one at a time and then N in flight as the import sends them (group commit shares fsyncs).
 * Not a test: nothing here asserts.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app/create-app.js';
import type { Principal } from '../src/shared/principal.js';
import { loadConfig } from '../src/config/config.js';
import { CommandHandler, derivedCommandId } from '../src/decider/command-handler.js';
import { EVENT_STORE } from '../src/event-store/event-store.module.js';
import type { EventStore } from '../src/event-store/event-store.js';
import { readImportFile } from '../src/import/import-file.js';
import { planImport } from '../src/import/import-plan.js';
import { IMPORT_CONCURRENCY, importFile, importLookups } from '../src/import/importer.js';
import { workbookOf } from '../src/import/template.js';
import { whiteZoneDecider, whiteZoneStreamId } from '../src/white-zones/white-zone.decider.js';
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

const data = sampleRegion(SCALE);
const rows = Object.values(data).reduce((n, sheet) => n + sheet.length, 0);
const workbook = await workbookOf(data, 'fr');
console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; node ${process.version}; synchronous=${process.env.EVENT_STORE_SYNCHRONOUS ?? 'FULL'}`,
);
console.log(`File: ${rows} rows, ${(workbook.length / 1024).toFixed(0)} KiB .xlsx`);

const dir = mkdtempSync(join(tmpdir(), 'scoran-bench-import-'));
const app = await service(dir);
try {
  let started = performance.now();
  const file = await readImportFile('region.xlsx', workbook);
  const readMs = performance.now() - started;
  started = performance.now();
  const plan = planImport(file, importLookups(app));
  const validateMs = performance.now() - started;
  if (plan.problems.length > 0) throw new Error(`The bench file has problems: ${JSON.stringify(plan.problems.slice(0, 3))}`);
  console.log(`Read ${seconds(readMs)}, validated ${seconds(validateMs)}: ${plan.steps.length} commands`);

  started = performance.now();
  let rehearsedAt = 0;
  const report = await importFile(app, 'region.xlsx', workbook, {
    principal: ADMIN,
    commit: true,
    concurrency: CONCURRENCY,
    onRehearsed: () => (rehearsedAt = performance.now()),
  });
  const commitMs = performance.now() - started;
  if (!report.ok) throw new Error(`Import failed: ${JSON.stringify(report.problems)}`);
  const rehearsalMs = rehearsedAt - started;
  console.log(
    `Import with --commit, ${CONCURRENCY} records in flight: ${seconds(commitMs)} (rehearsal on a scratch copy ${seconds(rehearsalMs)}, real commit ${seconds(commitMs - rehearsalMs)}); ${(report.recorded / ((commitMs - rehearsalMs) / 1000)).toFixed(0)} commands/s committed`,
  );

  // The ceiling: the same number of commands through the command handler alone, on the same store,
  // one at a time (each waits for its own fsync), then CONCURRENCY in flight (they share fsyncs).
  const store = app.get<EventStore>(EVENT_STORE, { strict: false });
  const handler = new CommandHandler(store, whiteZoneDecider);
  const recordZone = (round: string, i: number) => {
    const zoneId = `ceiling-${round}-${i}`;
    return handler.handle(
      whiteZoneStreamId(zoneId),
      {
        type: 'RecordWhiteZone',
        principal: { actorId: 'scoran-ledger', role: 'admin' },
        zoneId,
        kind: 'fixed_below_threshold',
        communeCodes: ['44109'],
        prioritySites: { schools: 1 },
        estimatedCost: 100_000,
        identifiedOn: '2015-01-01',
        today: '2026-01-01',
      } as never,
      { commandId: derivedCommandId(`bench-${round}`, String(i)), principal: 'bench', occurredAt: '2015-01-01T12:00:00.000Z' },
    );
  };
  started = performance.now();
  for (let i = 0; i < report.recorded; i++) await recordZone('serial', i);
  const serialMs = performance.now() - started;
  started = performance.now();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < report.recorded; i = next++) await recordZone('concurrent', i);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const concurrentMs = performance.now() - started;
  const realCommitMs = commitMs - rehearsalMs;
  console.log(
    `Ceiling (command handler alone, ${report.recorded} commands), one at a time: ${seconds(serialMs)}; ${(report.recorded / (serialMs / 1000)).toFixed(0)} commands/s`,
  );
  console.log(`Ceiling, ${CONCURRENCY} in flight: ${seconds(concurrentMs)}; ${(report.recorded / (concurrentMs / 1000)).toFixed(0)} commands/s`);
  console.log(
    `Commit at ${(serialMs / realCommitMs).toFixed(2)} of the one-at-a-time ceiling, ${(concurrentMs / realCommitMs).toFixed(2)} of the ${CONCURRENCY}-in-flight ceiling; rehearsal at ${(concurrentMs / rehearsalMs).toFixed(2)}`,
  );
  console.log(`Whole import (read, validate, rehearse, commit) ${seconds(readMs + validateMs + commitMs)}`);
} finally {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}
