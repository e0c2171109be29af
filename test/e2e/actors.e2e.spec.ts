import { codesOf, newCommandId, startTestService, type TestService, registerPrincipals } from './harness.js';

const REGISTER = `mutation Register($input: RegisterActorInput!) {
  registerActor(input: $input) { revision replayed actor { id kind name siren status revision territories { kind code name } } }
}`;
const RENAME = `mutation Rename($input: RenameActorInput!) {
  renameActor(input: $input) { revision replayed actor { id name revision } }
}`;
const HISTORY = `query History($streamId: String!) {
  history(streamId: $streamId) { totalCount edges { node { revision type data recordedAt hash prevHash
    metadata { commandId principal actingActorId occurredAt schemaVersion } } } }
}`;
const ACTORS = `query Actors($filter: ActorFilterInput, $first: Int, $after: String) {
  actors(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name } } }
}`;

describe('Actor registry over HTTP', () => {
  let service: TestService;
  let admin: string;

  beforeAll(async () => {
    service = await startTestService();
    await registerPrincipals(service, 'sgar-52');
    admin = await service.token('sgar-52', 'admin');
  });
  afterAll(() => service.close());

  const register = (input: Record<string, unknown>, token = admin) =>
    service.graphql(
      REGISTER,
      { input: { commandId: newCommandId(), kind: 'JOINT_SYNDICATE', territories: [{ kind: 'REGION', code: '52' }], ...input } },
      token,
    );

  it('registers, queries, renames and shows the history with its metadata', async () => {
    const registered = await register({ actorId: 'gigalis', name: 'Syndicat mixte Gigalis', siren: '732829320', occurredAt: '2014-03-01T10:00:00Z' });
    expect(registered.body.errors).toBeUndefined();
    expect(registered.body.data!.registerActor).toEqual({
      revision: 0,
      replayed: false,
      actor: {
        id: 'gigalis',
        kind: 'JOINT_SYNDICATE',
        name: 'Syndicat mixte Gigalis',
        siren: '732829320',
        status: 'ACTIVE',
        revision: 0,
        territories: [{ kind: 'REGION', code: '52', name: 'Pays de la Loire' }],
      },
    });

    const queried = await service.graphql(`{ actor(id: "gigalis") { name status } }`);
    expect(queried.body.data!.actor).toEqual({ name: 'Syndicat mixte Gigalis', status: 'ACTIVE' });

    const renamed = await service.graphql(RENAME, { input: { commandId: newCommandId(), actorId: 'gigalis', name: 'Gigalis', expectedRevision: 0 } }, admin);
    expect(renamed.body.data!.renameActor).toEqual({ revision: 1, replayed: false, actor: { id: 'gigalis', name: 'Gigalis', revision: 1 } });

    const history = await service.graphql(HISTORY, { streamId: 'actor-gigalis' }, admin);
    const events = history.body.data!.history.edges.map((e: { node: unknown }) => e.node);
    expect(history.body.data!.history.totalCount).toBe(2);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['ActorRegistered', 'ActorRenamed']);
    expect(events[0].metadata).toMatchObject({
      principal: 'person-sgar-52-admin',
      actingActorId: 'sgar-52',
      occurredAt: '2014-03-01T10:00:00.000Z',
      schemaVersion: 1,
    });
    expect(events[1].prevHash).toBe(events[0].hash);
    expect(events[1].data).toEqual({ actorId: 'gigalis', name: 'Gigalis', previousName: 'Syndicat mixte Gigalis' });
  });

  it('filters and pages the actor list', async () => {
    for (const [id, name, kind, territory] of [
      ['cd-44', 'Département de Loire-Atlantique', 'DEPARTEMENT', { kind: 'DEPARTEMENT', code: '44' }],
      ['cd-49', 'Département de Maine-et-Loire', 'DEPARTEMENT', { kind: 'DEPARTEMENT', code: '49' }],
      ['nantes-metropole', 'Nantes Métropole', 'EPCI', { kind: 'EPCI', code: '244400404' }],
    ] as const) {
      const result = await register({ actorId: id, name, kind, territories: [territory] });
      expect(result.body.errors).toBeUndefined();
    }
    const departements = await service.graphql(ACTORS, { filter: { kind: 'DEPARTEMENT' } });
    expect(departements.body.data!.actors.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(['cd-44', 'cd-49']);
    const search = await service.graphql(ACTORS, { filter: { nameContains: 'metropole' } });
    expect(search.body.data!.actors.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(['nantes-metropole']);
    const byTerritory = await service.graphql(ACTORS, { filter: { territory: { kind: 'DEPARTEMENT', code: '49' } } });
    expect(byTerritory.body.data!.actors.totalCount).toBe(1);
    // A territory filter includes what lies inside: Nantes Métropole (an EPCI of the 44) is found under
    // the département, and every actor of the region under the region, as for conventions and commitments.
    const in44 = await service.graphql(ACTORS, { filter: { territory: { kind: 'DEPARTEMENT', code: '44' } } });
    expect(in44.body.data!.actors.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(['cd-44', 'nantes-metropole']);
    const inRegion = await service.graphql(ACTORS, { filter: { territory: { kind: 'REGION', code: '52' } } });
    // sgar-52 (the tests' registered principal, territory: the region) is in the region too.
    expect(inRegion.body.data!.actors.totalCount).toBe(5);
    const inOtherRegion = await service.graphql(ACTORS, { filter: { territory: { kind: 'REGION', code: '53' } } });
    expect(inOtherRegion.body.data!.actors.totalCount).toBe(0);
    // Larger territories do not match the smaller: the EPCI filter does not find the département.
    const inEpci = await service.graphql(ACTORS, { filter: { territory: { kind: 'EPCI', code: '244400404' } } });
    expect(inEpci.body.data!.actors.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(['nantes-metropole']);

    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await service.graphql(ACTORS, { first: 2, after });
      const connection = page.body.data!.actors;
      seen.push(...connection.edges.map((e: { node: { id: string } }) => e.node.id));
      expect(connection.totalCount).toBe(5);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(['cd-44', 'cd-49', 'gigalis', 'nantes-metropole', 'sgar-52']);
  });

  it('names the kind and the value for a malformed code as for an unknown one, and writes nothing', async () => {
    const malformed = await register({ actorId: 'cd-2c', name: 'Nowhere', kind: 'DEPARTEMENT', territories: [{ kind: 'DEPARTEMENT', code: '2C' }] });
    expect(codesOf(malformed)).toEqual(['BAD_USER_INPUT']);
    expect(malformed.body.errors![0].message).toContain("Malformed département code '2C': a département code is 2 digits, 2A, 2B or 3 digits overseas");
    const unknown = await register({ actorId: 'cr-99', name: 'Nowhere', kind: 'REGION', territories: [{ kind: 'REGION', code: '99' }] });
    expect(unknown.body.errors![0].message).toContain("Unknown region code '99'");
    const actors = await service.graphql(ACTORS, { filter: { nameContains: 'Nowhere' } });
    expect(actors.body.data!.actors.totalCount).toBe(0);
  });

  it('returns the first result for a retried commandId and rejects it with another payload', async () => {
    const input = {
      commandId: newCommandId(),
      actorId: 'ars-pdl',
      kind: 'STATE_AGENCY',
      name: 'ARS Pays de la Loire',
      territories: [{ kind: 'REGION', code: '52' }],
    };
    const first = await service.graphql(REGISTER, { input }, admin);
    const retry = await service.graphql(REGISTER, { input }, admin);
    expect(first.body.data!.registerActor.replayed).toBe(false);
    expect(retry.body.data!.registerActor).toMatchObject({ replayed: true, revision: 0 });
    const reused = await service.graphql(REGISTER, { input: { ...input, name: 'Autre nom' } }, admin);
    expect(codesOf(reused)).toEqual(['CONFLICT']);
    const history = await service.graphql(HISTORY, { streamId: 'actor-ars-pdl' }, admin);
    expect(history.body.data!.history.totalCount).toBe(1);
  });
});
