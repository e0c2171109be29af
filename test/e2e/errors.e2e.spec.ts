import { SignJWT } from 'jose';
import request from 'supertest';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../src/auth/token-verifier.js';
import { codesOf, DEV_SECRET, newCommandId, startTestService, type TestService, registerPrincipals } from './harness.js';

const REGISTER = `mutation Register($input: RegisterActorInput!) { registerActor(input: $input) { revision actor { id name } } }`;
const RENAME = `mutation Rename($input: RenameActorInput!) { renameActor(input: $input) { revision actor { name revision } } }`;
const HISTORY = `query History($streamId: String!) { history(streamId: $streamId, first: 100) { totalCount edges { node { revision type data } } } }`;

describe('Errors and protections over HTTP', () => {
  let service: TestService;
  let admin: string;

  beforeAll(async () => {
    service = await startTestService();
    await registerPrincipals(service, 'sgar-52');
    admin = await service.token('sgar-52', 'admin');
    const created = await service.graphql(
      REGISTER,
      {
        input: {
          commandId: newCommandId(),
          actorId: 'region-52',
          kind: 'REGION',
          name: 'Région Pays de la Loire',
          territories: [{ kind: 'REGION', code: '52' }],
        },
      },
      admin,
    );
    expect(created.body.errors).toBeUndefined();
  });
  afterAll(() => service.close());

  const headPosition = async () => (await request(service.app.getHttpServer()).get('/health')).body.store.headPosition;
  const registerInput = (overrides: Record<string, unknown>) => ({
    input: { commandId: newCommandId(), kind: 'JOINT_SYNDICATE', name: 'Gigalis', territories: [{ kind: 'REGION', code: '52' }], ...overrides },
  });

  describe('authentication', () => {
    it('refuses a mutation without a token: UNAUTHENTICATED', async () => {
      const response = await service.graphql(REGISTER, registerInput({}));
      expect(codesOf(response)).toEqual(['UNAUTHENTICATED']);
    });

    it('refuses an expired token', async () => {
      const expired = await new SignJWT({ actor_id: 'sgar-52', role: 'admin' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('someone')
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
        .sign(new TextEncoder().encode(DEV_SECRET));
      const response = await service.graphql(REGISTER, registerInput({}), expired);
      expect(codesOf(response)).toEqual(['UNAUTHENTICATED']);
      expect(response.body.errors![0].message).toMatch(/expired/);
    });

    it('refuses a token signed with another key, a token for another audience, and garbage', async () => {
      const forged = await new SignJWT({ actor_id: 'sgar-52', role: 'admin' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('mallory')
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('another-secret-another-secret-another-secret'));
      const otherAudience = await new SignJWT({ actor_id: 'sgar-52', role: 'admin' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('someone')
        .setIssuer(DEV_ISSUER)
        .setAudience('another-service')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(DEV_SECRET));
      for (const token of [forged, otherAudience, 'not-a-jwt', `${admin.slice(0, -3)}abc`]) {
        const response = await service.graphql(REGISTER, registerInput({}), token);
        expect(codesOf(response)).toEqual(['UNAUTHENTICATED']);
      }
      // Even on a public query, a bad token is refused rather than ignored.
      expect(codesOf(await service.graphql('{ actor(id: "region-52") { id } }', {}, forged))).toEqual(['UNAUTHENTICATED']);
    });

    it('refuses a token without a known role or actor', async () => {
      const noRole = await new SignJWT({ actor_id: 'sgar-52', role: 'emperor' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('someone')
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(DEV_SECRET));
      expect(codesOf(await service.graphql(REGISTER, registerInput({}), noRole))).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('authorization and existence', () => {
    it('FORBIDDEN: only an admin registers actors', async () => {
      const representative = await service.token('region-52', 'representative');
      const before = await headPosition();
      expect(codesOf(await service.graphql(REGISTER, registerInput({}), representative))).toEqual(['FORBIDDEN']);
      expect(await headPosition()).toBe(before);
    });

    it('NOT_FOUND: renaming an actor that does not exist', async () => {
      const response = await service.graphql(RENAME, { input: { commandId: newCommandId(), actorId: 'nobody', name: 'X' } }, admin);
      expect(codesOf(response)).toEqual(['NOT_FOUND']);
    });

    it('FORBIDDEN: a retired actor can no longer act', async () => {
      await service.graphql(REGISTER, registerInput({ actorId: 'old-syndicate', kind: 'JOINT_SYNDICATE', name: 'Ancien syndicat' }), admin);
      const retired = await service.graphql(
        `mutation($input: RetireActorInput!) { retireActor(input: $input) { actor { status } } }`,
        { input: { commandId: newCommandId(), actorId: 'old-syndicate', reason: 'Dissous' } },
        admin,
      );
      expect(retired.body.data!.retireActor.actor.status).toBe('RETIRED');
      const representative = await service.token('old-syndicate', 'representative');
      const response = await service.graphql(RENAME, { input: { commandId: newCommandId(), actorId: 'old-syndicate', name: 'Nouveau' } }, representative);
      expect(codesOf(response)).toEqual(['FORBIDDEN']);
    });
  });

  describe('bad input: BAD_USER_INPUT with the field paths, and nothing appended', () => {
    const cases: [string, Record<string, unknown>, string[]][] = [
      ['an unknown région code', { territories: [{ kind: 'REGION', code: '99' }] }, ['territories.0.code']],
      ['a malformed département code', { kind: 'DEPARTEMENT', territories: [{ kind: 'DEPARTEMENT', code: '4A' }] }, ['territories.0.code']],
      ['an unknown commune code', { kind: 'COMMUNE', territories: [{ kind: 'COMMUNE', code: '44999' }] }, ['territories.0.code']],
      ['an EPCI SIREN with a bad checksum', { kind: 'EPCI', territories: [{ kind: 'EPCI', code: '244400405' }] }, ['territories.0.code']],
      ['a SIREN with a bad checksum', { siren: '732829321' }, ['siren']],
      ['a SIREN that is not 9 digits', { siren: '73282932' }, ['siren']],
      ['an empty name', { name: '' }, ['name']],
      ['a blank name', { name: '    ' }, ['name']],
      ['an oversized name', { name: 'x'.repeat(5000) }, ['name']],
      ['a commandId that is not a UUID', { commandId: 'abc' }, ['commandId']],
      ['a local authority with the wrong kind of territory', { kind: 'DEPARTEMENT', territories: [{ kind: 'REGION', code: '52' }] }, ['territories']],
      ['an occurredAt in the future', { occurredAt: '2999-01-01T00:00:00Z' }, ['occurredAt']],
    ];
    it.each(cases)('%s', async (_, overrides, fields) => {
      const before = await headPosition();
      const response = await service.graphql(REGISTER, registerInput(overrides), admin);
      expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.body.errors![0].extensions!.fields).toEqual(fields);
      expect(await headPosition()).toBe(before);
    });

    it('refuses a value of the wrong GraphQL type or an unknown field', async () => {
      const wrongType = await service.graphql(REGISTER, registerInput({ kind: 'EMPIRE' }), admin);
      expect(codesOf(wrongType)).toEqual(['BAD_USER_INPUT']);
      const unknownField = await service.graphql('{ actor(id: "region-52") { id nickname } }');
      expect(codesOf(unknownField)).toEqual(['BAD_USER_INPUT']);
      const notGraphQL = await service.graphql('{ actor(id: ');
      expect(codesOf(notGraphQL)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('concurrency', () => {
    it('CONFLICT on a stale expectedRevision, with both revisions', async () => {
      const first = await service.graphql(
        RENAME,
        { input: { commandId: newCommandId(), actorId: 'region-52', name: 'Région des Pays de la Loire', expectedRevision: 0 } },
        admin,
      );
      expect(first.body.data!.renameActor.revision).toBe(1);
      const stale = await service.graphql(RENAME, { input: { commandId: newCommandId(), actorId: 'region-52', name: 'Autre', expectedRevision: 0 } }, admin);
      expect(codesOf(stale)).toEqual(['CONFLICT']);
      expect(stale.body.errors![0].extensions).toMatchObject({ expectedRevision: 0, actualRevision: 1 });
    });

    it('50 concurrent renames of one actor: each succeeds or gets CONFLICT, and the history holds exactly the successes', async () => {
      const registered = await service.graphql(REGISTER, registerInput({ actorId: 'busy', name: 'Busy 0' }), admin);
      expect(registered.body.errors).toBeUndefined();
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          service.graphql(RENAME, { input: { commandId: newCommandId(), actorId: 'busy', name: `Busy ${i + 1}`, expectedRevision: 0 } }, admin),
        ),
      );
      const succeeded = responses.filter((r) => !r.body.errors);
      for (const r of responses.filter((r) => r.body.errors)) expect(codesOf(r)).toEqual(['CONFLICT']);
      expect(succeeded).toHaveLength(1);

      // Without expectedRevision the handler reloads and retries: every rename lands, none twice.
      const retried = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          service.graphql(RENAME, { input: { commandId: newCommandId(), actorId: 'busy', name: `Busy again ${i}` } }, admin),
        ),
      );
      const landed = retried.filter((r) => !r.body.errors);
      for (const r of retried.filter((r) => r.body.errors)) expect(codesOf(r)).toEqual(['CONFLICT']);
      const history = await service.graphql(HISTORY, { streamId: 'actor-busy' }, admin);
      const events = history.body.data!.history.edges.map((e: { node: { revision: number; type: string } }) => e.node);
      expect(events.map((e: { revision: number }) => e.revision)).toEqual(events.map((_: unknown, i: number) => i));
      expect(events.filter((e: { type: string }) => e.type === 'ActorRenamed')).toHaveLength(1 + landed.length);
      const names = events.slice(1).map((e: { data: { name: string } }) => e.data.name);
      expect(new Set(names).size).toBe(names.length);
      const current = await service.graphql('{ actor(id: "busy") { name revision } }');
      expect(current.body.data!.actor).toEqual({ name: names[names.length - 1], revision: events.length - 1 });
    });
  });

  describe('query limits (rejected before any resolver runs)', () => {
    it('refuses too many aliases and too costly queries', async () => {
      const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: actor(id: "region-52") { id }`).join(' ');
      const tooManyAliases = await service.graphql(`{ ${aliases} }`);
      expect(codesOf(tooManyAliases)).toContain('BAD_USER_INPUT');
      expect(tooManyAliases.body.errors![0].extensions!.limit).toBe('aliases');
      // A convention's scope may hold thousands of communes: a full page of them is a page of pages.
      const costly = await service.graphql(`{ conventions(first: 100) { edges { node { id scope { code name } } } } }`);
      expect(costly.body.errors!.map((e) => e.extensions!.limit)).toEqual(['cost']);
      expect(costly.body.errors![0].message).toMatch(/Query cost \d+ exceeds the limit of 5000/);
    });

    it('counts short, domain-bounded lists (an actor’s territories) at their typical size, not a page', async () => {
      const bounded = await service.graphql(`{ actors(first: 100) { edges { node { id territories { code name } } } } }`);
      expect(bounded.body.errors).toBeUndefined();
    });

    it('refuses a page larger than the maximum', async () => {
      const response = await service.graphql('{ actors(first: 500) { totalCount } }');
      expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.body.errors![0].extensions!.fields).toEqual(['first']);
    });
  });
});
