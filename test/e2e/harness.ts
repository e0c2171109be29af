import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../../src/app/create-app.js';
import { signDevToken } from '../../src/auth/dev-token.js';
import type { Role } from '../../src/shared/principal.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';

export const DEV_SECRET = 'test-secret-that-is-long-enough-0123456789';

export interface TestService {
  app: INestApplication;
  config: AppConfig;
  dir: string;
  /** POST /graphql over real HTTP. */
  graphql(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse>;
  token(actorId: string, role: Role, options?: { subject?: string; expiresIn?: string }): Promise<string>;
  /** Listens on a free local port (for WebSocket clients) and returns the GraphQL WebSocket URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface GraphQLResponse {
  status: number;
  body: { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, any>; path?: string[] }[] };
}

/** The service on a fresh embedded store in a temporary folder, configured as in development. */
export async function startTestService(env: Record<string, string> = {}): Promise<TestService> {
  const dir = mkdtempSync(join(tmpdir(), 'scoran-e2e-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    EVENT_STORE_PATH: join(dir, 'events.db'),
    READ_MODEL_PATH: join(dir, 'read-models.db'),
    EVENT_STORE_SYNCHRONOUS: 'NORMAL',
    AUTH_DEV_SECRET: DEV_SECRET,
    RATE_LIMIT_PER_MINUTE: '0',
    ...env,
  });
  const app = await createApp(config);
  const server = app.getHttpServer();
  return {
    app,
    config,
    dir,
    async graphql(query, variables = {}, token) {
      const call = request(server).post('/graphql').set('content-type', 'application/json');
      if (token) call.set('authorization', `Bearer ${token}`);
      const response = await call.send({ query, variables });
      return { status: response.status, body: response.body };
    },
    token: (actorId, role, options = {}) =>
      signDevToken(DEV_SECRET, { subject: options.subject ?? `person-${actorId}-${role}`, actorId, role, expiresIn: options.expiresIn }),
    async listen() {
      await app.listen(0, '127.0.0.1');
      const address = app.getHttpServer().address() as { port: number };
      return `ws://127.0.0.1:${address.port}/graphql`;
    },
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const newCommandId = () => randomUUID();

export function codesOf(response: GraphQLResponse): string[] {
  return (response.body.errors ?? []).map((e) => e.extensions?.code as string);
}

/** The actors tests' tokens act for (secretariat, auditors, national bodies), when the test is not about registering them. */
const PRINCIPAL_ACTORS: Record<string, { kind: string; name: string; territories: { kind: string; code: string }[] }> = {
  'sgar-52': { kind: 'STATE_IN_REGION', name: 'SGAR Pays de la Loire', territories: [{ kind: 'REGION', code: '52' }] },
  'dreal-52': { kind: 'STATE_IN_REGION', name: 'DREAL Pays de la Loire', territories: [{ kind: 'REGION', code: '52' }] },
  datar: { kind: 'NATIONAL_BODY', name: 'DATAR', territories: [] },
  'mission-thd': { kind: 'NATIONAL_BODY', name: 'Mission Très Haut Débit', territories: [] },
  'cour-des-comptes': { kind: 'NATIONAL_BODY', name: 'Cour des comptes', territories: [] },
  gigalis: { kind: 'JOINT_SYNDICATE', name: 'Gigalis', territories: [{ kind: 'REGION', code: '52' }] },
  'region-52': { kind: 'REGION', name: 'Région Pays de la Loire', territories: [{ kind: 'REGION', code: '52' }] },
  'scoran-ledger': { kind: 'NATIONAL_BODY', name: 'SCORAN Ledger administration', territories: [] },
};

/**
 * A token must name a registered, active actor (docs/security.md): registers these principals'
 * actors, the first with the admin bootstrap (an unregistered admin may register actors). Works on
 * the in-process service and on a service process (test/e2e/service-process.ts), over HTTP.
 */
export async function registerPrincipals(service: Pick<TestService, 'graphql'>, ...actorIds: string[]): Promise<void> {
  const admin = await signDevToken(DEV_SECRET, { subject: `person-${actorIds[0]}-admin`, actorId: actorIds[0], role: 'admin' });
  for (const actorId of actorIds) {
    const actor = PRINCIPAL_ACTORS[actorId];
    if (!actor) throw new Error(`No principal actor ${actorId} in the harness`);
    const response = await service.graphql(
      `mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }`,
      { input: { commandId: randomUUID(), actorId, ...actor } },
      admin,
    );
    if (response.body.errors) throw new Error(`Registering ${actorId}: ${JSON.stringify(response.body.errors)}`);
  }
}
