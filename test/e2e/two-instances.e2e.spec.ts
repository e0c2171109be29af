/**
 * Fault injection: two service processes on one SQLite file (multi-process WAL), identical
 * retries of one command sent to both at once, `occurredAt` left to each server's clock.
 * Every delivery must get the first result, and exactly one of them `replayed: false`.
 */
import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signDevToken } from '../../src/auth/dev-token.js';
import { DEV_SECRET, registerPrincipals, type GraphQLResponse } from './harness.js';
import { buildService, mustStart, type Build, type ServiceProcess } from './service-process.js';

jest.setTimeout(240_000);

const REGISTER_ACTOR = `mutation($input: RegisterActorInput!) { registerActor(input: $input) { revision replayed actor { id name } } }`;
const REGISTER_PROJECT = `mutation($input: RegisterNetworkProjectInput!) { registerNetworkProject(input: $input) { revision replayed networkProject { id } } }`;
const HISTORY = `query($streamId: String!) { history(streamId: $streamId) { totalCount } }`;

describe('Two service processes on one SQLite file', () => {
  let build: Build;
  const dir = mkdtempSync(join(tmpdir(), 'scoran-two-'));
  let a: ServiceProcess;
  let b: ServiceProcess;
  let admin: string;
  let lead: string;

  beforeAll(async () => {
    build = buildService();
    const shared = { EVENT_STORE_PATH: join(dir, 'events.db'), KEY_STORE_PATH: join(dir, 'keys.db') };
    // One log, one key store; each instance has its own read models.
    a = await mustStart(build, { ...shared, READ_MODEL_PATH: join(dir, 'read-models-a.db') });
    b = await mustStart(build, { ...shared, READ_MODEL_PATH: join(dir, 'read-models-b.db') });
    await registerPrincipals(a, 'sgar-52'); // the admin token's actor, registered through one instance
    admin = await signDevToken(DEV_SECRET, { subject: 'person-sgar', actorId: 'sgar-52', role: 'admin' });
    lead = await signDevToken(DEV_SECRET, { subject: 'person-cd44', actorId: 'cd-44', role: 'representative' });
    const leadActor = await a.graphql(
      REGISTER_ACTOR,
      { input: { commandId: randomUUID(), actorId: 'cd-44', kind: 'DEPARTEMENT', name: 'CD 44', territories: [{ kind: 'DEPARTEMENT', code: '44' }] } },
      admin,
    );
    expect(leadActor.body.errors).toBeUndefined();
    // A token's actor must be registered on the instance that receives it: b learns both from the shared log.
    const deadline = Date.now() + 20_000;
    const knownToB = async () => {
      const data = (await b.graphql(`{ sgar: actor(id: "sgar-52") { id } lead: actor(id: "cd-44") { id } }`)).body.data;
      return Boolean(data?.sgar && data?.lead);
    };
    while (!(await knownToB()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await knownToB()).toBe(true);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    build?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Twenty identical deliveries, alternately to each instance, all in flight together. */
  async function race(query: string, input: Record<string, unknown>, token: string): Promise<GraphQLResponse[]> {
    return Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).graphql(query, { input }, token)));
  }

  function expectOneFirstResult(responses: GraphQLResponse[], field: string): void {
    const errors = responses.flatMap((r) => r.body.errors ?? []);
    expect(errors).toEqual([]);
    const payloads = responses.map((r) => r.body.data![field] as { revision: number; replayed: boolean });
    expect(payloads.filter((p) => !p.replayed)).toHaveLength(1);
    expect(new Set(payloads.map((p) => p.revision)).size).toBe(1);
  }

  it('answers identical registerActor retries with one first result and no CONFLICT', async () => {
    for (let batch = 0; batch < 12; batch++) {
      const actorId = `syndicat-${batch}`;
      const input = { commandId: randomUUID(), actorId, kind: 'JOINT_SYNDICATE', name: `EPCI ${batch}`, territories: [{ kind: 'REGION', code: '52' }] };
      expectOneFirstResult(await race(REGISTER_ACTOR, input, admin), 'registerActor');
      const history = await b.graphql(HISTORY, { streamId: `actor-${actorId}` }, admin);
      expect(history.body.data!.history.totalCount).toBe(1);
    }
  });

  it('answers identical registerNetworkProject retries with one first result and no CONFLICT', async () => {
    for (let batch = 0; batch < 12; batch++) {
      const projectId = `rip-race-${batch}`;
      const input = { commandId: randomUUID(), projectId, name: `RIP ${batch}`, leadActorId: 'cd-44', departementCodes: ['44'], technologies: ['FTTH'] };
      const responses = await race(REGISTER_PROJECT, input, lead);
      expectOneFirstResult(responses, 'registerNetworkProject');
      const history = await a.graphql(HISTORY, { streamId: `networkProject-${projectId}` }, admin);
      expect(history.body.data!.history.totalCount).toBe(responses[0].body.data!.registerNetworkProject.revision + 1);
    }
  });

  it('still answers CONFLICT to a command id reused with another input, on the other instance', async () => {
    const commandId = randomUUID();
    const input = { commandId, actorId: 'syndicat-reused', kind: 'JOINT_SYNDICATE', name: 'Premier nom', territories: [{ kind: 'REGION', code: '52' }] };
    const first = await a.graphql(REGISTER_ACTOR, { input }, admin);
    expect(first.body.data!.registerActor.replayed).toBe(false);
    const later = await b.graphql(REGISTER_ACTOR, { input }, admin);
    expect(later.body.data!.registerActor).toMatchObject({ replayed: true, revision: 0, actor: { name: 'Premier nom' } });
    const reused = await b.graphql(REGISTER_ACTOR, { input: { ...input, name: 'Autre nom' } }, admin);
    expect(reused.body.errors?.map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
  });
});
