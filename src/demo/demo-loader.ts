import type { INestApplication } from '@nestjs/common';
import type { Principal } from '../shared/principal.js';
import { inProcessMutations } from '../graphql/in-process-mutations.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore } from '../event-store/event-store.js';
import { RECORDING_CLOCK, type RecordingClock } from '../event-store/recording-clock.js';
import { ReportScheduler } from '../reports/report.scheduler.js';
import { DEMO_SEED, demoSteps, type DemoStep } from './demo-data.js';

export interface DemoLoadResult {
  loaded: boolean;
  /** Why nothing was loaded. */
  skipped?: string;
  commands: number;
  /** Events in the log once loaded (follow-ups included). */
  events: number;
  /** Semestrial reports issued after loading (`region/semester`). */
  reports: string[];
  ms: number;
}

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
  const nothing = (skipped: string): DemoLoadResult => ({ loaded: false, skipped, commands: 0, events: 0, reports: [], ms: performance.now() - started });
  if (loading.has(app)) return nothing('the demo is already being loaded');
  if ((await store.headPosition()) !== 0n) return nothing('the event store is not empty');

  loading.add(app);
  const clock = app.get<RecordingClock>(RECORDING_CLOCK, { strict: false });
  try {
    const steps = demoSteps(options.seed ?? DEMO_SEED);
    const run = operationRunner(app);
    try {
      for (const [index, step] of steps.entries()) {
        clock.simulate(new Date(step.at));
        await run(index, step);
      }
    } finally {
      clock.release();
    }
    const reports = await app.get(ReportScheduler, { strict: false }).catchUp();
    return { loaded: true, commands: steps.length, events: Number(await store.headPosition()), reports, ms: performance.now() - started };
  } finally {
    loading.delete(app);
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
