/**
 * A server for bench:api, in its own process. Modes:
 * - `service`: the real app on a temporary embedded store;
 * - `ceiling`: the same-shape ceiling, a bare Nest + Apollo app serving the product's own schema
 *   (schema.gql, schema-first) from memory: the pages it is given (CEILING_DATA, a JSON file written
 *   by the bench from the product's answers), and mutations that do one better-sqlite3 insert at the
 *   same durability (EVENT_STORE_SYNCHRONOUS, WAL like the store) and return the row.
 * Prints `READY <port>` once listening. With BENCH_LOOP=1 it watches its event loop (perf_hooks:
 * the delay of a 5 ms timer, and each garbage collection's pause) and, asked by its parent over IPC
 * (`loop`), writes what it saw since the last ask as one JSON line on stderr (`LOOP {...}`).
 */
import 'reflect-metadata';
import { mkdtempSync, readFileSync } from 'node:fs';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Args, GraphQLModule, Mutation, Query, Resolver } from '@nestjs/graphql';
import Database from 'better-sqlite3';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app/create-app.js';
import { loadConfig } from '../src/config/config.js';

const synchronous = process.env.EVENT_STORE_SYNCHRONOUS ?? 'NORMAL';

/** What the bench hands the ceiling: the product's edges (every selected field) and nothing else. */
export interface CeilingData {
  actors: { cursor: string; node: Record<string, unknown> & { id: string } }[];
  commitments: { cursor: string; node: Record<string, unknown> }[];
}

function page<T extends { cursor: string }>(edges: T[], first = 20) {
  const slice = edges.slice(0, first);
  return {
    totalCount: edges.length,
    edges: slice,
    pageInfo: { hasNextPage: edges.length > first, endCursor: slice.at(-1)?.cursor ?? null, hasPreviousPage: false, startCursor: slice[0]?.cursor ?? null },
  };
}

function ceilingModule() {
  const data = JSON.parse(readFileSync(process.env.CEILING_DATA!, 'utf8')) as CeilingData;
  const actors = new Map(data.actors.map((edge) => [edge.node.id, edge.node]));
  const db = new Database(join(mkdtempSync(join(tmpdir(), 'scoran-bench-ceiling-')), 'rows.db'));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, command_id TEXT NOT NULL UNIQUE, actor_id TEXT NOT NULL, data TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO rows (command_id, actor_id, data) VALUES (?, ?, ?) RETURNING id, data');
  const template = data.actors[0].node;

  /** One insert, then the row as the payload's actor. */
  const write = (commandId: string, actor: Record<string, unknown>) => {
    const row = insert.get(commandId, actor.id, JSON.stringify(actor)) as { id: number; data: string };
    const stored = JSON.parse(row.data) as Record<string, unknown>;
    return { actor: stored, revision: stored.revision, replayed: false };
  };

  @Resolver('Query')
  class CeilingQueries {
    @Query('actors')
    actors(@Args('first') first?: number) {
      return page(data.actors, first);
    }

    @Query('commitments')
    commitments(@Args('first') first?: number) {
      return page(data.commitments, first);
    }
  }

  @Resolver('Mutation')
  class CeilingMutations {
    @Mutation('registerActor')
    registerActor(@Args('input') input: { commandId: string; actorId?: string; kind: string; name: string; territories: unknown[] }) {
      const now = new Date().toISOString();
      return write(input.commandId, {
        ...template,
        id: input.actorId ?? input.commandId,
        kind: input.kind,
        name: input.name,
        revision: 0,
        registeredAt: now,
        updatedAt: now,
      });
    }

    @Mutation('renameActor')
    renameActor(@Args('input') input: { commandId: string; actorId: string; name: string }) {
      const actor = actors.get(input.actorId) ?? template;
      const renamed = { ...actor, name: input.name, revision: (actor.revision as number) + 1, updatedAt: new Date().toISOString() };
      actors.set(input.actorId, renamed);
      return write(input.commandId, renamed);
    }
  }

  @Module({
    imports: [
      GraphQLModule.forRoot<ApolloDriverConfig>({
        driver: ApolloDriver,
        typeDefs: readFileSync(new URL('../../schema.gql', import.meta.url), 'utf8'),
        graphiql: false,
        plugins: [ApolloServerPluginCacheControlDisabled()],
      }),
    ],
    providers: [CeilingQueries, CeilingMutations],
  })
  class CeilingModule {}
  return CeilingModule;
}

const mode = process.argv[2];
const app =
  mode === 'ceiling'
    ? await NestFactory.create(ceilingModule(), { logger: false }).then((ceiling) => ceiling.enableShutdownHooks()) // exits on SIGINT with its CPU profile written
    : await (async () => {
        const dir = mkdtempSync(join(tmpdir(), 'scoran-bench-api-'));
        return createApp(
          loadConfig({
            NODE_ENV: 'test',
            EVENT_STORE_PATH: join(dir, 'events.db'),
            READ_MODEL_PATH: join(dir, 'read-models.db'),
            EVENT_STORE_SYNCHRONOUS: synchronous,
            AUTH_DEV_SECRET: process.env.AUTH_DEV_SECRET,
            RATE_LIMIT_PER_MINUTE: '0',
            LOG_LEVEL: 'silent',
          }),
        );
      })();
if (process.env.BENCH_LOOP === '1') watchTheLoop();
await app.listen(0, '127.0.0.1');
process.stdout.write(`READY ${((app.getHttpServer() as Server).address() as AddressInfo).port}\n`);

/** Event-loop delay and GC pauses between two asks (see the header; not a signal: Nest's shutdown hooks take SIGUSR2). */
function watchTheLoop() {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const kinds: Record<number, string> = {
    [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
    [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
    [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
  };
  let pauses: Record<string, { n: number; ms: number; max: number; over10ms: number }> = {};
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = kinds[(entry as unknown as { detail: { kind: number } }).detail.kind] ?? 'other';
      const seen = (pauses[kind] ??= { n: 0, ms: 0, max: 0, over10ms: 0 });
      seen.n += 1;
      seen.ms += entry.duration;
      seen.max = Math.max(seen.max, entry.duration);
      if (entry.duration > 10) seen.over10ms += 1;
    }
  }).observe({ entryTypes: ['gc'] });
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  process.on('message', (message) => {
    if (message !== 'loop') return;
    const heap = process.memoryUsage();
    const loop = { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) };
    const round = (x: number) => Math.round(x * 10) / 10;
    const gc = Object.fromEntries(Object.entries(pauses).map(([k, v]) => [k, { ...v, ms: round(v.ms), max: round(v.max) }]));
    process.stderr.write(`LOOP ${JSON.stringify({ mode, loopDelayMs: loop, gc, heapUsedMb: Math.round(heap.heapUsed / 2 ** 20) })}\n`);
    delay.reset();
    pauses = {};
  });
}
