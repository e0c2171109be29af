import type { INestApplication } from '@nestjs/common';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { isInputObjectType, getNamedType } from 'graphql';
import type { Principal } from '../auth/principal.js';
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
  const apollo = (app.get(GraphQLModule, { strict: false }).graphQlAdapter as unknown as { instance: ApolloServer<BaseContext> }).instance;
  const schema = app.get(GraphQLSchemaHost).schema;
  const fields = schema.getMutationType()!.getFields();
  const documents = new Map<string, { query: string; takesOccurredAt: boolean }>();
  const documentOf = (mutation: string) => {
    let document = documents.get(mutation);
    if (!document) {
      const field = fields[mutation];
      if (!field) throw new Error(`No mutation ${mutation} in the schema`);
      const inputType = field.args[0]!.type;
      const named = getNamedType(inputType);
      document = {
        query: `mutation Demo($input: ${String(inputType)}) { ${mutation}(input: $input) { __typename } }`,
        takesOccurredAt: isInputObjectType(named) && 'occurredAt' in named.getFields(),
      };
      documents.set(mutation, document);
    }
    return document;
  };

  return async (index: number, step: DemoStep) => {
    const { query, takesOccurredAt } = documentOf(step.mutation);
    const { occurredAt, ...rest } = step.input;
    const input = takesOccurredAt ? { ...rest, occurredAt } : rest;
    const principal: Principal = { subject: `demo:${step.as.actorId}`, actorId: step.as.actorId, role: step.as.role };
    const response = await apollo.executeOperation({ query, variables: { input } }, { contextValue: { req: { headers: {}, principal } } });
    if (response.body.kind !== 'single') throw new DemoLoadError(index, step.mutation, undefined, 'unexpected incremental response');
    const error = response.body.singleResult.errors?.[0];
    if (error) {
      const fieldsInError = error.extensions?.fields ? ` (${JSON.stringify(error.extensions.fields)})` : '';
      throw new DemoLoadError(index, step.mutation, error.extensions?.code as string | undefined, `${error.message}${fieldsInError}`);
    }
  };
}
