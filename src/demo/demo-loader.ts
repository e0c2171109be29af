import type { INestApplication } from '@nestjs/common';
import type { Principal } from '../shared/principal.js';
import { inProcessMutations } from '../graphql/in-process-mutations.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore } from '../event-store/event-store.js';
import { RECORDING_CLOCK, type RecordingClock } from '../event-store/recording-clock.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { NationalService } from '../national/national.service.js';
import { ReportScheduler } from '../reports/report.scheduler.js';
import { DEMO_SEED, demoSteps, type DemoStep } from './demo-data.js';
import { BOURGOGNE_FRANCHE_COMTE, BRETAGNE, regionSteps, type DemoRegion } from './demo-regions.js';
import { Prng } from './prng.js';
import { SCRATCH_APP, type ScratchAppFactory } from '../runtime/scratch-app.js';
import { DEMO_CONTRIBUTIONS, type DemoContribution } from '../runtime/feature.js';

export interface DemoLoadResult {
  loaded: boolean;
  /** Why nothing was loaded. */
  skipped?: string;
  commands: number;
  /** Events in the log once loaded (follow-ups included). */
  events: number;
  /** Semestrial reports issued after loading (`region/semester`). */
  reports: string[];
  /** Reports a region issued on its own instance and submitted here as bundles (`region/semester`). */
  submitted: string[];
  ms: number;
}

/** The steps recorded on this instance: Pays de la Loire (with the features' parts) and Bourgogne-Franche-Comté, in the order of the acts. */
export function nationalDemoSteps(contributions: readonly DemoContribution[], seed: string = DEMO_SEED): DemoStep[] {
  return [...demoSteps(seed, contributions), ...regionSteps(BOURGOGNE_FRANCHE_COMTE)].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** The submitting region's instance issues the reports of the semesters ended by then. */
const SUBMITTED_UNTIL = '2021-01-02T00:00:00Z';

/** The region that runs its own instance and sends its reports here as submission bundles. */
export const SUBMITTING_REGION: DemoRegion = BRETAGNE;

export class DemoLoadError extends Error {
  constructor(
    readonly step: number,
    readonly mutation: string,
    readonly code: string | undefined,
    message: string,
  ) {
    super(`Demo step ${step} (${mutation}) failed${code ? ` with ${code}` : ''}: ${message}`);
    this.name = 'DemoLoadError';
  }
}

const loading = new WeakSet<INestApplication>();

/**
 * Loads the Pays de la Loire demo into an **empty** store through the service's own GraphQL
 * mutations (executed in process, so validation, access rules, deciders and follow-ups all run),
 * each act recorded at the simulated time of its occurredAt (RecordingClock). Then issues the
 * semestrial report of every ended semester. On a store that holds anything it does nothing.
 */
export async function loadDemo(app: INestApplication, options: { seed?: string } = {}): Promise<DemoLoadResult> {
  const started = performance.now();
  const store = app.get<EventStore>(EVENT_STORE, { strict: false });
  const nothing = (skipped: string): DemoLoadResult => ({
    loaded: false,
    skipped,
    commands: 0,
    events: 0,
    reports: [],
    submitted: [],
    ms: performance.now() - started,
  });
  if (loading.has(app)) return nothing('the demo is already being loaded');
  if ((await store.headPosition()) !== 0n) return nothing('the event store is not empty');

  loading.add(app);
  try {
    const steps = nationalDemoSteps(app.get<readonly DemoContribution[]>(DEMO_CONTRIBUTIONS, { strict: false }), options.seed ?? DEMO_SEED);
    await replay(app, steps);
    const reports = await app.get(ReportScheduler, { strict: false }).catchUp();
    const submitted = await submitFromRegionalInstance(app, SUBMITTING_REGION);
    return { loaded: true, commands: steps.length, events: Number(await store.headPosition()), reports, submitted, ms: performance.now() - started };
  } finally {
    loading.delete(app);
  }
}

/** Runs the steps in order, each recorded at the simulated time of its act. */
async function replay(app: INestApplication, steps: DemoStep[]): Promise<void> {
  const clock = app.get<RecordingClock>(RECORDING_CLOCK, { strict: false });
  const run = operationRunner(app);
  try {
    for (const [index, step] of steps.entries()) {
      clock.simulate(new Date(step.at));
      await run(index, step);
    }
  } finally {
    clock.release();
  }
}

/**
 * Records a region's history on its own (empty) instance and issues its reports; returns the
 * semesters issued. Its history ends with 2020: the reports of 2014-S1 to 2020-S2 (later semesters
 * show it missing nationally).
 */
export function loadRegionalInstance(app: INestApplication, region: DemoRegion = SUBMITTING_REGION): Promise<string[]> {
  return instanceOf(app, regionSteps(region));
}

/**
 * The Pays de la Loire demo alone on an (empty) instance of its own, as a region running its instance
 * would hold it. `extend`: acts a test adds to the demo's, each recorded in its place in time.
 */
export function loadPaysDeLaLoireInstance(app: INestApplication, extend?: (steps: readonly DemoStep[]) => DemoStep[]): Promise<string[]> {
  const steps = demoSteps(DEMO_SEED, app.get<readonly DemoContribution[]>(DEMO_CONTRIBUTIONS, { strict: false }));
  if (!extend) return instanceOf(app, steps);
  return instanceOf(
    app,
    [...steps, ...extend(steps)].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)),
  );
}

async function instanceOf(app: INestApplication, steps: DemoStep[]): Promise<string[]> {
  await replay(app, steps);
  return (await app.get(ReportScheduler, { strict: false }).catchUp(new Date(SUBMITTED_UNTIL))).map((label) => label.split('/')[1]).sort();
}

/**
 * The second path into the national synthesis: the region's history is recorded on an instance of
 * its own (in memory, thrown away afterwards), which issues its reports; each is exported as a
 * submission bundle, with the consistency proof from the previous one, and submitted here by the
 * region's secretariat, verified as any bundle.
 */
async function submitFromRegionalInstance(national: INestApplication, region: DemoRegion): Promise<string[]> {
  const config = national.get<AppConfig>(APP_CONFIG, { strict: false });
  const createScratchApp = national.get<ScratchAppFactory>(SCRATCH_APP, { strict: false });
  const regional = await createScratchApp({
    ...config,
    eventStore: { engine: 'sqlite', path: ':memory:', synchronous: 'NORMAL' },
    readModelPath: ':memory:',
    keyStorePath: ':memory:',
    demoData: 'off',
    metrics: { ...config.metrics, enabled: false },
    reports: { ...config.reports, schedulerEnabled: false, regions: [] },
  });
  try {
    const issued = await loadRegionalInstance(regional, region);
    const rng = new Prng(`${region.seed}:submissions`);
    const mutations = inProcessMutations(national, 'DemoSubmission');
    const secretariat: Principal = { subject: `demo:sgar-${region.code}`, actorId: `sgar-${region.code}`, role: 'commission_secretariat' };
    // The national instance knows the region's secretariat from the day the region joins the exchange.
    const registered = await mutations.send(
      'registerActor',
      {
        commandId: rng.uuid(),
        actorId: secretariat.actorId,
        kind: 'STATE_IN_REGION',
        name: `SGAR ${region.name}`,
        territories: [{ kind: 'REGION', code: region.code }],
      },
      { subject: 'demo:scoran-ledger', actorId: 'scoran-ledger', role: 'admin' },
    );
    if (registered)
      throw new DemoLoadError(-1, 'registerActor', undefined, registered === 'unexpected' ? 'unexpected incremental response' : registered.message);
    const exporter = regional.get(NationalService, { strict: false });
    const receiver = national.get(NationalService, { strict: false });
    for (const semester of issued) {
      const since = receiver.submissions(region.code).at(-1) ?? null;
      const bundle = await exporter.bundle({ region: region.code, semester, since: since && { treeSize: since.treeSize, root: since.root } });
      const error = await mutations.send('submitRegionalReport', { commandId: rng.uuid(), region: region.code, bundle: JSON.stringify(bundle) }, secretariat);
      if (error)
        throw new DemoLoadError(
          -1,
          'submitRegionalReport',
          error === 'unexpected' ? undefined : (error.extensions?.code as string | undefined),
          error === 'unexpected' ? 'unexpected incremental response' : `${semester}: ${error.message}`,
        );
    }
    return issued.map((semester) => `${region.code}/${semester}`);
  } finally {
    await regional.close();
  }
}

/** Runs one step as its mutation, with the step's principal, as an HTTP request would. */
function operationRunner(app: INestApplication) {
  const mutations = inProcessMutations(app, 'Demo');
  return async (index: number, step: DemoStep) => {
    const { occurredAt, ...rest } = step.input;
    const input = mutations.takesOccurredAt(step.mutation) ? { ...rest, occurredAt } : rest;
    const principal: Principal = { subject: `demo:${step.as.actorId}`, actorId: step.as.actorId, role: step.as.role };
    const error = await mutations.send(step.mutation, input, principal);
    if (error === 'unexpected') throw new DemoLoadError(index, step.mutation, undefined, 'unexpected incremental response');
    if (error) {
      const fieldsInError = error.extensions?.fields ? ` (${JSON.stringify(error.extensions.fields)})` : '';
      throw new DemoLoadError(index, step.mutation, error.extensions?.code as string | undefined, `${error.message}${fieldsInError}`);
    }
  };
}
