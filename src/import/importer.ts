import type { INestApplication } from '@nestjs/common';
import { ActorsReadModel } from '../actors/actors.read-model.js';
import { requestContext } from '../runtime/request-context.js';
import { SCRATCH_APP, type ScratchAppFactory } from '../runtime/scratch-app.js';
import type { Principal } from '../shared/principal.js';
import { inProcessMutations } from '../graphql/in-process-mutations.js';
import { CommissionReadModel } from '../commission/commission.read-model.js';
import { meetingStreamId } from '../commission/meeting.decider.js';
import { CommitmentsReadModel } from '../commitments/commitments.read-model.js';
import { ConventionsReadModel } from '../conventions/conventions.read-model.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore, ImportBatchRef, Position, RecordedEvent } from '../event-store/event-store.js';
import { ProjectionTimeoutError } from '../projections/projection-runner.js';
import { Projections } from '../projections/projections.module.js';
import { READ_MODEL_DB } from '../projections/projections.module.js';
import type { ReadModelDatabase } from '../projections/projection.js';
import { parisToday } from '../shared/calendar-date.js';
import { TerritoryService } from '../territory/territory.service.js';
import { networkProjectStreamId } from '../network-projects/network-project.decider.js';
import { usageProjectStreamId } from '../usage-projects/usage-project.decider.js';
import { WhiteZonesReadModel } from '../white-zones/white-zones.read-model.js';
import { ZonesReadModel } from '../zones/zones.read-model.js';
import { readImportFile, type ImportFile } from './import-file.js';
import { refusalCell } from './refusal-cells.js';
import type { DeploymentMapping } from './deployment-mapping.js';
import { planImport, type ImportLookups, type ImportNotice, type ImportPlan, type ImportProblem, type ImportStep } from './import-plan.js';
import { scalarText } from '../shared/scalar-text.js';
import { isRefusalCode, refusalText, type Refusal as ServiceRefusal } from '../decider/refusals.js';

/** The machine-readable report of a dry run or a commit (also what `--json` prints). */
export interface ImportReport {
  batchId: string;
  fileName: string;
  fileHash: string;
  mode: 'dry-run' | 'commit';
  /** True when the file has no problem (a dry run) or every row is recorded (a commit). */
  ok: boolean;
  rows: Record<string, number>;
  /** Mutations the file leads to; `alreadyRecorded` of them were recorded by an earlier run of the same file. */
  commands: number;
  alreadyRecorded: number;
  /** Mutations recorded by this run (0 in a dry run). */
  recorded: number;
  problems: ImportProblem[];
  /** Rows read but not recorded, and why (deployment figures of communes outside the region's projects). */
  notices: ImportNotice[];
}

export interface ImportOptions {
  commit?: boolean;
  /** Read the file as someone else's deployment figures under this column mapping (deployment-mapping.ts). */
  mapping?: DeploymentMapping;
  /** Who runs the import (recorded in every event's metadata); must be an admin. */
  principal: Principal;
  onProgress?: (done: number, total: number) => void;
  /** Where the import is: reading and validating the file, rehearsing on a scratch copy, recording. */
  onPhase?: (phase: ImportPhase) => void;
  /**
   * Run every row on a scratch copy of the log (in memory) first (default true), so a rule that only the
   * deciders know refuses the file before anything is written to the real log.
   */
  rehearse?: boolean;
  /** Records acted on at once within a phase (default IMPORT_CONCURRENCY; the benchmark varies it). */
  concurrency?: number;
  /** Called (and awaited) once the rehearsal has passed, before the first real append (tests interrupt there, or write meanwhile). */
  onRehearsed?: () => void | Promise<void>;
}

export type ImportPhase = 'validating' | 'rehearsing' | 'recording';

export class ImportRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportRefused';
  }
}

/** The service's providers: the Nest application (CLI) or a module reference (GraphQL resolver). */
export type ServiceRef = Pick<INestApplication, 'get'>;

/**
 * Brings a file in: reads and validates every row (dry run, the default, stops there), then records
 * each row through the service's own GraphQL mutations in process, as the API would, with command ids
 * derived from the file's hash and row so that a re-run completes an interrupted import and a second
 * import of the same file records nothing.
 */
export async function importFile(app: ServiceRef, fileName: string, bytes: Buffer, options: ImportOptions): Promise<ImportReport> {
  if (options.principal.role !== 'admin') throw new ImportRefused('Only an admin may import a region’s record.');
  options.onPhase?.('validating');
  // Existing records and earlier runs are read from the read models: let them catch up with the log first.
  await caughtUp(app);
  const file = await readImportFile(fileName, bytes, options.mapping);
  const plan = planImport(file, importLookups(app));
  const report = reportOf(plan, options.commit ? 'commit' : 'dry-run');
  const pending = plan.steps.filter((step) => !step.done);
  if (!options.commit) {
    // The dry run rehearses too (nothing written): a rule only the deciders know is reported now, not at the commit.
    if (options.rehearse !== false && pending.length > 0) {
      options.onProgress?.(0, pending.length);
      await rehearsed(app, file, plan, pending, options, report);
    }
    return report;
  }
  if (plan.problems.length > 0) return report;

  options.onProgress?.(0, pending.length);
  if (options.rehearse !== false && pending.length > 0) {
    const rehearsal = await rehearsed(app, file, plan, pending, options, report);
    if (!rehearsal) return report;
    await options.onRehearsed?.();
    options.onPhase?.('recording');
    if (await appendRehearsed(app.get<EventStore>(EVENT_STORE, { strict: false }), plan, rehearsal)) {
      report.recorded = pending.length;
      options.onProgress?.(report.recorded, pending.length);
      // The read models take the whole batch in a few large transactions, once, before the import answers.
      await caughtUp(app);
      report.ok = true;
      return report;
    }
    // The log moved since the rehearsal copied it (or a write was refused): the command path, which
    // decides each row again on the log as it is now, records what the appends did not.
  } else {
    await options.onRehearsed?.();
    options.onPhase?.('recording');
  }
  const run = mutationRunner(app, file);
  const problem = await runSteps(
    pending,
    (step) => run(step, batchRef(plan, step, options.principal), options.principal),
    () => {
      report.recorded++;
      options.onProgress?.(report.recorded, pending.length);
    },
    options.concurrency,
  );
  if (problem) {
    report.problems.push(problem);
    report.ok = false;
    return report;
  }
  report.ok = true;
  return report;
}

/** Waits (a few minutes at most) until every read model has the whole log, e.g. after a restart. */
async function caughtUp(app: ServiceRef): Promise<void> {
  const head = await app.get<EventStore>(EVENT_STORE, { strict: false }).headPosition();
  if (head === 0n) return;
  for (let attempt = 1; ; attempt++) {
    try {
      return await app.get(Projections, { strict: false }).waitFor(head);
    } catch (error) {
      if (!(error instanceof ProjectionTimeoutError) || attempt >= 60) throw error;
    }
  }
}

/** Records acted on at once within a phase (each record's steps stay in order); see docs/benchmarks.md. */
export const IMPORT_CONCURRENCY = 16;

/**
 * Runs the steps phase by phase (a phase: consecutive steps of one kind, so actors are all in before
 * the conventions that name them), several records at a time within a phase. Stops launching at the
 * first refusal (returned) or error (thrown once every step in flight has settled).
 */
export async function runSteps(
  steps: readonly ImportStep[],
  run: (step: ImportStep) => Promise<ImportProblem | undefined>,
  onDone?: () => void,
  concurrency = IMPORT_CONCURRENCY,
): Promise<ImportProblem | undefined> {
  let failure: ImportProblem | undefined;
  let crash: { error: unknown } | undefined;
  for (let start = 0; start < steps.length && !failure && !crash;) {
    let end = start;
    while (end < steps.length && steps[end].kind === steps[start].kind) end++;
    const chains = new Map<string, ImportStep[]>();
    for (const step of steps.slice(start, end)) chains.set(step.record, [...(chains.get(step.record) ?? []), step]);
    start = end;
    const queue = [...chains.values()];
    const worker = async () => {
      for (let chain = queue.shift(); chain && !failure && !crash; chain = queue.shift()) {
        for (const step of chain) {
          if (failure || crash) return;
          try {
            const problem = await run(step);
            if (problem) {
              failure ??= problem;
              return;
            }
            onDone?.();
          } catch (error) {
            crash ??= { error };
            return;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  }
  if (crash) throw crash.error;
  return failure;
}

/**
 * What a rehearsal leaves: the events its steps (and the follow-ups they set off) appended to the
 * scratch copy, and the real log's head that copy was taken at; or every refusal, each at its row.
 */
interface Rehearsal {
  copiedHead: Position;
  events: RecordedEvent[];
}
type RehearsalRefused = { problems: ImportProblem[]; notices: ImportNotice[] };

/** Rehearses the pending steps; adds its refusals to the report (then undefined), or gives what it recorded. */
async function rehearsed(
  app: ServiceRef,
  file: ImportFile,
  plan: ImportPlan,
  pending: ImportStep[],
  options: ImportOptions,
  report: ImportReport,
): Promise<Rehearsal | undefined> {
  options.onPhase?.('rehearsing');
  let done = 0;
  const outcome = await rehearse(app, file, plan, pending, options, () => options.onProgress?.(++done, pending.length));
  if ('events' in outcome) return outcome;
  report.problems.push(...outcome.problems);
  report.notices.push(...outcome.notices);
  report.ok = false;
  return undefined;
}

/**
 * Runs the pending rows on a scratch service over a copy of the log, held in memory (nothing to
 * make durable, nothing to clean up): the same mutations, validation and deciders, but nothing
 * reaches the real log. Goes on past a refusal, so that every row the deciders refuse is reported
 * at once; a row that names a refused record is not run (it would be refused for that alone) but
 * noted. Returns the refusals, or (in a commit, when there is none) the events the rows led to.
 */
async function rehearse(
  app: ServiceRef,
  file: ImportFile,
  plan: ImportPlan,
  pending: ImportStep[],
  options: ImportOptions,
  onDone: () => void,
): Promise<Rehearsal | RehearsalRefused> {
  const config = app.get<AppConfig>(APP_CONFIG, { strict: false });
  const scratchConfig: AppConfig = {
    ...config,
    eventStore: { engine: 'sqlite', path: ':memory:', synchronous: 'NORMAL' },
    readModelPath: ':memory:',
    keyStorePath: ':memory:',
    logLevel: 'silent',
    demoData: 'off',
    metrics: { ...config.metrics, enabled: false },
    reports: { ...config.reports, schedulerEnabled: false },
    commitments: { ...config.commitments, lapseCheckMinutes: 0 },
    integrity: { ...config.integrity, sealIntervalMinutes: 0 },
  };
  const createScratchApp = app.get<ScratchAppFactory>(SCRATCH_APP, { strict: false });
  const scratch = await createScratchApp(scratchConfig);
  try {
    const scratchStore = scratch.get<EventStore>(EVENT_STORE, { strict: false });
    const copiedHead = await copyLog(app.get<EventStore>(EVENT_STORE, { strict: false }), scratchStore);
    const scratchHead = await scratchStore.headPosition();
    await caughtUp(scratch);
    const run = mutationRunner(scratch, file);
    const refusals = new RefusalsOf(pending);
    await runSteps(
      pending,
      async (step) => {
        const blocker = refusals.blocking(step);
        if (blocker) {
          refusals.skip(step, blocker);
          return undefined;
        }
        const problem = await run(step, batchRef(plan, step, options.principal), options.principal);
        if (problem) refusals.refuse(step, problem);
        return undefined;
      },
      onDone,
      options.concurrency ?? IMPORT_CONCURRENCY,
    );
    if (refusals.any()) return refusals.report();
    if (!options.commit) return { copiedHead, events: [] };
    // Follow-ups run once their cause is projected: every one of them is in the log after this.
    await caughtUp(scratch);
    return { copiedHead, events: await eventsAfter(scratchStore, scratchHead) };
  } finally {
    await scratch.close();
  }
}

/** The rows a rehearsal refused, by the record they act on, and the rows that named a refused record. */
interface Refusal {
  step: ImportStep;
  problem: ImportProblem;
}

class RefusalsOf {
  private readonly order: Map<ImportStep, number>;
  private readonly refused = new Map<string, Refusal>();
  private readonly problems: Refusal[] = [];
  private readonly notices: { step: ImportStep; notice: ImportNotice }[] = [];

  constructor(steps: readonly ImportStep[]) {
    this.order = new Map(steps.map((step, index) => [step, index]));
  }

  /** The refused record this step acts on or names in its input, if any. */
  blocking(step: ImportStep): Refusal | undefined {
    if (this.refused.size === 0) return undefined;
    const own = this.refused.get(step.record);
    if (own) return own;
    for (const value of stringsOf(step.input)) {
      const named = this.refused.get(value);
      if (named) return named;
    }
    return undefined;
  }

  refuse(step: ImportStep, problem: ImportProblem): void {
    const entry = {
      step,
      problem: { ...problem, message: problem.message.replace(/ Les lignes précédentes restent enregistrées.*$/, ' Rien n’a été écrit.') },
    };
    this.problems.push(entry);
    this.refused.set(step.record, entry);
  }

  skip(step: ImportStep, blocker: Refusal): void {
    if (!this.refused.has(step.record)) this.refused.set(step.record, blocker);
    if (this.notices.some((n) => n.step.sheet === step.sheet && n.step.row === step.row)) return;
    this.notices.push({
      step,
      notice: {
        sheet: step.sheet,
        row: step.row,
        code: 'NOT_REHEARSED',
        message: `Ligne non vérifiée par les règles du service : elle dépend de la ligne ${blocker.step.row} de la feuille ${blocker.step.sheet}, refusée (voir plus haut). Elle le sera une fois celle-ci corrigée.`,
      },
    });
  }

  any(): boolean {
    return this.problems.length > 0;
  }

  /** In the order of the plan (phases run records side by side: refusals come in any order). */
  report(): RehearsalRefused {
    const byPlan = (a: { step: ImportStep }, b: { step: ImportStep }) => this.order.get(a.step)! - this.order.get(b.step)!;
    return { problems: this.problems.sort(byPlan).map((p) => p.problem), notices: this.notices.sort(byPlan).map((n) => n.notice) };
  }
}

/** Every string in an input (ids of the records it names among them), the command id aside. */
function stringsOf(value: unknown, key?: string): string[] {
  if (typeof value === 'string') return key === 'commandId' ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((item) => stringsOf(item));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringsOf(v, k));
  return [];
}

/**
 * Appends the rehearsed events to the real log as they are (same ids, data and metadata: the same
 * commands, decided by the same deciders on the same log), each command's events at the revision
 * the rehearsal wrote them at. Only when the real log is still where the rehearsal copied it. The
 * appends go in a few large runs (see runsOf), each issued at once: the embedded store writes a run
 * in one transaction, one fsync. A run starts at a later millisecond than the one before, so a
 * stream's events keep strictly increasing recording times, as when each row is sent on its own
 * (read models order by recording time). False when the log moved or an append was refused: the
 * caller then records the rest through the command path.
 */
async function appendRehearsed(store: EventStore, plan: ImportPlan, rehearsal: Rehearsal): Promise<boolean> {
  if ((await store.headPosition()) !== rehearsal.copiedHead) return false;
  for (const run of runsOf(byCommand(rehearsal.events), plan)) {
    const results = await Promise.allSettled(
      run.map((events) =>
        store.append(
          events[0].streamId,
          events.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })),
          events[0].revision === 0 ? 'no_stream' : events[0].revision - 1,
        ),
      ),
    );
    if (!results.every((result) => result.status === 'fulfilled' && !result.value.replayed)) return false;
    const committedBy = Date.now();
    while (Date.now() === committedBy) await new Promise((resolve) => setImmediate(resolve));
  }
  return true;
}

/**
 * The appends in runs that keep what the command path keeps: a phase (a kind of row) after the one
 * before it, a record's steps and a stream's appends in their order (each in a later run), and a
 * follow-up after everything before it; records of one phase, which the import runs side by side,
 * share runs. A few runs per phase instead of one transaction per handful of rows.
 */
export function runsOf(appends: RecordedEvent[][], plan: Pick<ImportPlan, 'steps'>): RecordedEvent[][][] {
  const stepOf = new Map(plan.steps.map((step) => [step.commandId, step]));
  const runs: RecordedEvent[][][] = [];
  const lastRunOf = new Map<string, number>();
  let phase: string | undefined;
  let phaseStart = 0;
  for (const append of appends) {
    const stream = `stream:${append[0].streamId}`;
    const step = stepOf.get(append[0].metadata.commandId);
    if (step && step.kind !== phase) [phase, phaseStart] = [step.kind, runs.length];
    const record = step ? `record:${step.record}` : undefined;
    const after = (key: string | undefined) => (key === undefined ? 0 : (lastRunOf.get(key) ?? -1) + 1);
    const run = Math.max(phaseStart, after(stream), after(record), step ? 0 : runs.length - 1);
    while (runs.length <= run) runs.push([]);
    runs[run].push(append);
    lastRunOf.set(stream, run);
    if (record) lastRunOf.set(record, run);
  }
  return runs;
}

/** The events in log order, cut where the stream or the command changes (one append each, as the commands made them). */
function byCommand(events: readonly RecordedEvent[]): RecordedEvent[][] {
  const groups: RecordedEvent[][] = [];
  for (const event of events) {
    const last = groups.at(-1)?.at(-1);
    if (last && last.streamId === event.streamId && last.metadata.commandId === event.metadata.commandId && last.revision + 1 === event.revision) {
      groups.at(-1)!.push(event);
    } else groups.push([event]);
  }
  return groups;
}

async function eventsAfter(store: EventStore, after: Position): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after, limit: 1000 });
    events.push(...page.events);
    after = page.lastPosition;
    if (page.isEnd) return events;
  }
}

/**
 * Every event of `from`, in log order, appended to `to` with its id, type, data and metadata. A
 * page's appends are issued together: the store writes them in one transaction, in order. Returns
 * the position copied up to.
 */
async function copyLog(from: EventStore, to: EventStore): Promise<Position> {
  let after: Position = 0n;
  for (;;) {
    const page = await from.readAll({ after, limit: 1000 });
    await Promise.all(
      page.events.map((event) =>
        to.append(
          event.streamId,
          [{ id: event.id, type: event.type, data: event.data, metadata: event.metadata }],
          event.revision === 0 ? 'no_stream' : event.revision - 1,
        ),
      ),
    );
    after = page.lastPosition;
    if (page.isEnd) return after;
  }
}

function reportOf(plan: ImportPlan, mode: ImportReport['mode']): ImportReport {
  const alreadyRecorded = plan.steps.filter((step) => step.done).length;
  return {
    batchId: plan.batchId,
    fileName: plan.fileName,
    fileHash: plan.fileHash,
    mode,
    ok: plan.problems.length === 0,
    rows: plan.rows,
    commands: plan.steps.length,
    alreadyRecorded,
    recorded: 0,
    problems: plan.problems,
    notices: plan.notices,
  };
}

function batchRef(plan: ImportPlan, step: ImportStep, principal: Principal): ImportBatchRef {
  return { batchId: plan.batchId, fileName: plan.fileName, fileHash: plan.fileHash, sheet: step.sheet, row: step.row, importedBy: principal.subject };
}

/** Existing records, official codes and earlier runs, read from the read models and the territory service. */
export function importLookups(app: ServiceRef): ImportLookups {
  const territories = app.get(TerritoryService, { strict: false });
  const actors = app.get(ActorsReadModel, { strict: false });
  const conventions = app.get(ConventionsReadModel, { strict: false });
  const commitments = app.get(CommitmentsReadModel, { strict: false });
  const whiteZones = app.get(WhiteZonesReadModel, { strict: false });
  const db = app.get<ReadModelDatabase>(READ_MODEL_DB, { strict: false });
  const byCommand = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM audit_events WHERE command_id = ? LIMIT 1');
  const byStream = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM audit_events WHERE stream_id = ? LIMIT 1');
  const zones = app.get(ZonesReadModel, { strict: false });
  const commission = app.get(CommissionReadModel, { strict: false });
  const covering = db.prepare<[string], { project_id: string }>('SELECT project_id FROM network_project_departements WHERE code = ? ORDER BY project_id');
  return {
    today: parisToday(),
    invalidTerritories: (refs) => territories.validate(refs).map((p) => p.message),
    actor: (id) => actors.byId(id),
    exists(kind, id) {
      if (kind === 'convention') return conventions.byId(id) !== undefined;
      if (kind === 'commitment') return commitments.byId(id) !== undefined;
      if (kind === 'white_zone') return whiteZones.byId(id) !== undefined;
      if (kind === 'usage_project') return byStream.get(usageProjectStreamId(id)) !== undefined;
      if (kind === 'meeting') return byStream.get(meetingStreamId(id)) !== undefined;
      return byStream.get(networkProjectStreamId(id)) !== undefined;
    },
    convention(id) {
      const convention = conventions.byId(id);
      if (!convention) return undefined;
      const awaiting = convention.status === 'draft' || convention.status === 'partially_signed' || convention.status === 'amendment_pending';
      const version = conventions.versions(id).find((v) => v.version === convention.currentVersion);
      return { awaitingHash: awaiting ? version?.documentHash : undefined, partyIds: conventions.parties(id).map((p) => p.actorId) };
    },
    operatorSet(id) {
      const set = zones.set(id);
      return set && { operatorId: set.operatorId, madeOn: set.madeOn, communes: zones.communesOfSet(id) };
    },
    recordedConvention(id) {
      const convention = conventions.byId(id);
      if (!convention) return undefined;
      const partyIds = conventions.parties(id).map((p) => p.actorId);
      return { status: convention.status, draftedOn: convention.draftedOn, partyIds, hashes: conventions.versions(id).map((v) => v.documentHash) };
    },
    commitment: (id) => commitments.byId(id),
    commission(regionCode) {
      const row = commission.commission(regionCode);
      return row && { memberIds: row.members.map((m: { actorId: string }) => m.actorId), mode: row.rules.mode, rules: row.rules };
    },
    recorded: (commandId) => byCommand.get(commandId) !== undefined,
    departementOf: (communeCode) => territories.departementOf(communeCode)?.code,
    zoneProject: (communeCode, asOf) => zones.zoneOf(communeCode, asOf)?.networkProjectId ?? undefined,
    projectsCovering: (departementCode) => covering.all(departementCode).map((row) => row.project_id),
  };
}

/**
 * Runs a step as its GraphQL mutation in process (validation, access rules, deciders, follow-ups all
 * run), inside a request context that names the import batch, so every event it leads to carries it.
 */
function mutationRunner(app: ServiceRef, file: ImportFile) {
  const mutations = inProcessMutations(app, 'Import');
  const sheets = new Map(file.sheets.map((sheet) => [sheet.name, sheet]));
  return async (step: ImportStep, importBatch: ImportBatchRef, importer: Principal): Promise<ImportProblem | undefined> => {
    const input = mutations.takesOccurredAt(step.mutation) ? { ...step.input, occurredAt: step.occurredAt } : step.input;
    // Acts only a party can do (signing, declaring progress) are recorded on its behalf; the
    // principal's subject still says the import did it, and the batch says who ran it.
    const principal: Principal =
      step.as === 'importer'
        ? { subject: `import:${importer.subject}`, actorId: importer.actorId, role: importer.role }
        : { subject: `import:${importer.subject}`, actorId: step.as.actorId, role: step.as.role ?? 'representative' };
    const error = await requestContext.run({ requestId: step.commandId, principal, importBatch }, () => mutations.send(step.mutation, input, principal));
    if (error === 'unexpected') return { sheet: step.sheet, row: step.row, code: 'INTERNAL', message: 'Réponse inattendue du service.' };
    if (!error) return undefined;
    const fields = Array.isArray(error.extensions?.fields) ? (error.extensions.fields as string[]) : [];
    const cell = refusalCell(sheets.get(step.sheet), step.row, fields);
    // The API's field names only when no column of the sheet stands for them.
    const fieldsInError = cell.column === undefined && fields.length > 0 ? ` (${fields.join(', ')})` : '';
    return {
      sheet: step.sheet,
      row: step.row,
      ...cell,
      code: scalarText(error.extensions?.code, 'REFUSED'),
      message: `Le service a refusé cette ligne (${step.mutation}) : ${refusedText(error)}${fieldsInError}. Les lignes précédentes restent enregistrées : voir « Import interrompu » dans docs/import.md.`,
    };
  };
}

/** The service's reason in French when its refusal is catalogued; its English message otherwise. */
function refusedText(error: { message: string; extensions?: Record<string, unknown> }): string {
  const refused = error.extensions?.refusal as Partial<ServiceRefusal> | undefined;
  return refused && isRefusalCode(refused.code) ? refusalText({ code: refused.code, params: refused.params ?? {} }, 'fr') : error.message;
}
