/**
 * A server for bench:api, in its own process: `service` (the real app on a temporary embedded
 * store) or `bare` (a Nest + Apollo app whose one resolver returns a constant: the ceiling).
 * Prints `READY <port>` once listening.
 */
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule, Query, Resolver } from '@nestjs/graphql';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app/create-app.js';
import { loadConfig } from '../src/config/config.js';

@Resolver()
class ConstantResolver {
  @Query(() => String)
  hello(): string {
    return 'bonjour';
  }
}

@Module({
  imports: [GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, autoSchemaFile: true, graphiql: false })],
  providers: [ConstantResolver],
})
class BareModule {}

const mode = process.argv[2];
const app =
  mode === 'bare'
    ? await NestFactory.create(BareModule, { logger: false })
    : await (async () => {
        const dir = mkdtempSync(join(tmpdir(), 'scoran-bench-api-'));
        return createApp(
          loadConfig({
            NODE_ENV: 'test',
            EVENT_STORE_PATH: join(dir, 'events.db'),
            READ_MODEL_PATH: join(dir, 'read-models.db'),
            EVENT_STORE_SYNCHRONOUS: process.env.EVENT_STORE_SYNCHRONOUS ?? 'NORMAL',
            AUTH_DEV_SECRET: process.env.AUTH_DEV_SECRET,
            RATE_LIMIT_PER_MINUTE: '0',
            LOG_LEVEL: 'silent',
          }),
        );
      })();
await app.listen(0, '127.0.0.1');
process.stdout.write(`READY ${((app.getHttpServer() as Server).address() as AddressInfo).port}\n`);
