import { createHash } from 'node:crypto';
import { codesOf, newCommandId, startTestService, type TestService, registerPrincipals } from './harness.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const REGISTER = `mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }`;
const DRAFT = `mutation($input: DraftConventionInput!) {
  draftConvention(input: $input) { revision replayed enteredIntoForce convention { id status currentVersion inForceVersion scope { code name } } }
}`;
const SIGN = `mutation($input: SignConventionInput!) {
  signConvention(input: $input) { revision replayed enteredIntoForce convention { status currentVersion inForceVersion } }
}`;
const AMEND = `mutation($input: AmendConventionInput!) { amendConvention(input: $input) { convention { status currentVersion inForceVersion } } }`;
const CONVENTION = `query($id: ID!) { convention(id: $id) {
  id kind status currentVersion inForceVersion draftedOn
  parties { actorId signaturesRequired localAuthority actor { name } }
  versions { version documentHash summary inForceOn }
  signatures { version partyId personId title place signedOn councilResolution { number date } }
  expectedSignatures { partyId missing }
} }`;
const HISTORY = `query($streamId: String!) { history(streamId: $streamId, first: 100) { totalCount edges { node { type revision } } } }`;

/** The CPSD of Loire-Atlantique: the State, the Département and an operator (docs/domain.md, seeds 000/001). */
const parties = [
  { actorId: 'prefet-52', signaturesRequired: 1 },
  { actorId: 'cd-44', signaturesRequired: 1 },
  { actorId: 'orange', signaturesRequired: 1 },
];
const v1 = sha256('CPSD Loire-Atlantique, version signée');
const v2 = sha256('CPSD Loire-Atlantique, avenant n°1');

describe('Conventions signed party by party, over HTTP', () => {
  let service: TestService;
  let admin: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    service = await startTestService();
    await registerPrincipals(service, 'sgar-52');
    admin = await service.token('sgar-52', 'admin');
    const actors = [
      ['prefet-52', 'STATE_IN_REGION', 'Préfecture de la région Pays de la Loire', { kind: 'REGION', code: '52' }],
      ['cd-44', 'DEPARTEMENT', 'Département de Loire-Atlantique', { kind: 'DEPARTEMENT', code: '44' }],
      ['orange', 'PRIVATE_OPERATOR', 'Orange', { kind: 'REGION', code: '52' }],
      ['sfr', 'PRIVATE_OPERATOR', 'SFR', { kind: 'REGION', code: '52' }],
    ] as const;
    for (const [actorId, kind, name, territory] of actors) {
      const result = await service.graphql(REGISTER, { input: { commandId: newCommandId(), actorId, kind, name, territories: [territory] } }, admin);
      expect(result.body.errors).toBeUndefined();
      tokens[actorId] = await service.token(actorId, 'representative');
    }
  });
  afterAll(() => service.close());

  const draft = (input: Record<string, unknown>, token = tokens['cd-44']) =>
    service.graphql(
      DRAFT,
      {
        input: {
          commandId: newCommandId(),
          kind: 'CPSD',
          title: 'CPSD de Loire-Atlantique',
          parties,
          documentHash: v1,
          scope: ['44109', '44184'],
          occurredAt: '2015-01-15T10:00:00Z',
          ...input,
        },
      },
      token,
    );
  const sign = (conventionId: string, partyId: string, input: Record<string, unknown> = {}) =>
    service.graphql(
      SIGN,
      {
        input: {
          commandId: newCommandId(),
          conventionId,
          documentHash: v1,
          signatory: { personId: `person-${partyId}`, title: 'Représentant légal' },
          place: 'Nantes',
          signedOn: '2015-03-02',
          ...(partyId === 'cd-44' ? { councilResolution: { number: 'CP-2015-017', date: '2015-02-16' } } : {}),
          ...input,
        },
      },
      tokens[partyId],
    );

  it('takes a CPSD from draft through three signatures into force, then through an amendment', async () => {
    const drafted = await draft({ conventionId: 'cpsd-44', calendar: [{ communeCode: '44109', plannedPremises: 74200, plannedDate: '2030-12-31' }] });
    expect(drafted.body.errors).toBeUndefined();
    expect(drafted.body.data!.draftConvention).toEqual({
      revision: 0,
      replayed: false,
      enteredIntoForce: false,
      convention: {
        id: 'cpsd-44',
        status: 'DRAFT',
        currentVersion: 1,
        inForceVersion: null,
        scope: [
          { code: '44109', name: 'Nantes' },
          { code: '44184', name: 'Saint-Nazaire' },
        ],
      },
    });

    const first = await sign('cpsd-44', 'prefet-52');
    expect(first.body.data!.signConvention).toEqual({
      revision: 1,
      replayed: false,
      enteredIntoForce: false,
      convention: { status: 'PARTIALLY_SIGNED', currentVersion: 1, inForceVersion: null },
    });
    const second = await sign('cpsd-44', 'cd-44');
    expect(second.body.data!.signConvention.convention.status).toBe('PARTIALLY_SIGNED');
    const pending = await service.graphql(CONVENTION, { id: 'cpsd-44' });
    expect(pending.body.data!.convention.expectedSignatures).toEqual([{ partyId: 'orange', missing: 1 }]);

    const last = await sign('cpsd-44', 'orange');
    expect(last.body.data!.signConvention).toEqual({
      revision: 4,
      replayed: false,
      enteredIntoForce: true,
      convention: { status: 'IN_FORCE', currentVersion: 1, inForceVersion: 1 },
    });
    const history = await service.graphql(HISTORY, { streamId: 'convention-cpsd-44' }, admin);
    expect(history.body.data!.history.edges.map((e: { node: { type: string } }) => e.node.type)).toEqual([
      'ConventionDrafted',
      'ConventionSigned',
      'ConventionSigned',
      'ConventionSigned',
      'ConventionEnteredIntoForce',
    ]);

    const amended = await service.graphql(
      AMEND,
      { input: { commandId: newCommandId(), conventionId: 'cpsd-44', documentHash: v2, summary: 'Calendrier 2016-2020 révisé' } },
      tokens['orange'],
    );
    expect(amended.body.data!.amendConvention.convention).toEqual({ status: 'AMENDMENT_PENDING', currentVersion: 2, inForceVersion: 1 });

    const stale = await sign('cpsd-44', 'cd-44');
    expect(codesOf(stale)).toEqual(['CONFLICT']);
    expect(stale.body.errors![0].message).toMatch(/earlier version/);

    for (const party of ['orange', 'prefet-52']) {
      const signed = await sign('cpsd-44', party, { documentHash: v2, signedOn: '2016-06-01' });
      expect(signed.body.data!.signConvention.convention).toEqual({ status: 'AMENDMENT_PENDING', currentVersion: 2, inForceVersion: 1 });
    }
    const final = await sign('cpsd-44', 'cd-44', {
      documentHash: v2,
      signedOn: '2016-06-03',
      councilResolution: { number: 'CP-2016-101', date: '2016-05-23' },
    });
    expect(final.body.data!.signConvention).toMatchObject({ enteredIntoForce: true, convention: { status: 'IN_FORCE', currentVersion: 2, inForceVersion: 2 } });

    const convention = (await service.graphql(CONVENTION, { id: 'cpsd-44' })).body.data!.convention;
    expect(convention.parties).toEqual([
      { actorId: 'prefet-52', signaturesRequired: 1, localAuthority: false, actor: { name: 'Préfecture de la région Pays de la Loire' } },
      { actorId: 'cd-44', signaturesRequired: 1, localAuthority: true, actor: { name: 'Département de Loire-Atlantique' } },
      { actorId: 'orange', signaturesRequired: 1, localAuthority: false, actor: { name: 'Orange' } },
    ]);
    expect(convention.versions).toEqual([
      { version: 1, documentHash: v1, summary: null, inForceOn: '2015-03-02' },
      { version: 2, documentHash: v2, summary: 'Calendrier 2016-2020 révisé', inForceOn: '2016-06-03' },
    ]);
    expect(convention.signatures.map((s: { version: number; partyId: string }) => `${s.version}:${s.partyId}`)).toEqual([
      '1:prefet-52',
      '1:cd-44',
      '1:orange',
      '2:orange',
      '2:prefet-52',
      '2:cd-44',
    ]);
    expect(convention.signatures[1]).toMatchObject({ personId: 'person-cd-44', councilResolution: { number: 'CP-2015-017', date: '2015-02-16' } });
    expect(convention.expectedSignatures).toEqual([]);
  });

  it('refuses what the rules forbid with typed errors, writing nothing', async () => {
    const drafted = await draft({ conventionId: 'cpsd-44-bis' });
    expect(drafted.body.errors).toBeUndefined();
    const before = (await service.graphql(HISTORY, { streamId: 'convention-cpsd-44-bis' }, admin)).body.data!.history.totalCount;

    const otherHash = await sign('cpsd-44-bis', 'orange', { documentHash: sha256('another document') });
    expect(codesOf(otherHash)).toEqual(['CONFLICT']);
    const nonParty = await service.graphql(
      SIGN,
      {
        input: {
          commandId: newCommandId(),
          conventionId: 'cpsd-44-bis',
          documentHash: v1,
          signatory: { personId: 'p-sfr', title: 'DG' },
          place: 'Paris',
          signedOn: '2015-03-02',
        },
      },
      tokens['sfr'],
    );
    expect(codesOf(nonParty)).toEqual(['FORBIDDEN']);
    const noResolution = await sign('cpsd-44-bis', 'cd-44', { councilResolution: undefined });
    expect(codesOf(noResolution)).toEqual(['BAD_USER_INPUT']);
    expect(noResolution.body.errors![0].extensions!.fields).toEqual(['councilResolution']);
    const future = await sign('cpsd-44-bis', 'orange', { signedOn: '2999-01-01' });
    expect(codesOf(future)).toEqual(['BAD_USER_INPUT']);
    const unknown = await sign('no-such-convention', 'orange');
    expect(codesOf(unknown)).toEqual(['NOT_FOUND']);

    const once = await sign('cpsd-44-bis', 'orange');
    expect(once.body.errors).toBeUndefined();
    const twice = await sign('cpsd-44-bis', 'orange', { signatory: { personId: 'person-orange-2', title: 'DG' } });
    expect(codesOf(twice)).toEqual(['CONFLICT']);
    const after = (await service.graphql(HISTORY, { streamId: 'convention-cpsd-44-bis' }, admin)).body.data!.history.totalCount;
    expect(after).toBe(before + 1);
  });

  it('validates drafts at the edge: parties, codes, hashes, calendar', async () => {
    const badCommune = await draft({ conventionId: 'bad-1', scope: ['44109', '99999'] });
    expect(codesOf(badCommune)).toEqual(['BAD_USER_INPUT']);
    expect(badCommune.body.errors![0].extensions!.fields).toEqual(['scope.1']);
    const badHash = await draft({ conventionId: 'bad-2', documentHash: 'not-a-hash' });
    expect(codesOf(badHash)).toEqual(['BAD_USER_INPUT']);
    const oneParty = await draft({ conventionId: 'bad-3', parties: [parties[1]] });
    expect(codesOf(oneParty)).toEqual(['BAD_USER_INPUT']);
    const unknownParty = await draft({ conventionId: 'bad-4', parties: [...parties, { actorId: 'nobody', signaturesRequired: 1 }] });
    expect(codesOf(unknownParty)).toEqual(['BAD_USER_INPUT']);
    expect(unknownParty.body.errors![0].extensions!.fields).toEqual(['parties.3.actorId']);
    const outOfScope = await draft({ conventionId: 'bad-5', calendar: [{ communeCode: '49007', plannedPremises: 10, plannedDate: '2030-01-01' }] });
    expect(codesOf(outOfScope)).toEqual(['BAD_USER_INPUT']);
    const notAParty = await draft({ conventionId: 'bad-6' }, tokens['sfr']);
    expect(codesOf(notAParty)).toEqual(['FORBIDDEN']);
    for (const id of ['bad-1', 'bad-2', 'bad-3', 'bad-4', 'bad-5', 'bad-6']) {
      const history = await service.graphql(HISTORY, { streamId: `convention-${id}` }, admin);
      expect(history.body.data!.history.totalCount).toBe(0);
    }
  });

  it('collects the signatures of 20 parties sent concurrently, each exactly once', async () => {
    const many = Array.from({ length: 20 }, (_, i) => `commune-${i}`);
    for (const actorId of many) {
      const registered = await service.graphql(
        REGISTER,
        { input: { commandId: newCommandId(), actorId, kind: 'PRIVATE_OPERATOR', name: `Operator ${actorId}`, territories: [{ kind: 'REGION', code: '52' }] } },
        admin,
      );
      expect(registered.body.errors).toBeUndefined();
      tokens[actorId] = await service.token(actorId, 'representative');
    }
    const drafted = await draft(
      { conventionId: 'partnership-20', kind: 'PARTNERSHIP_PROTOCOL', scope: ['49007'], parties: many.map((actorId) => ({ actorId, signaturesRequired: 1 })) },
      tokens['commune-0'],
    );
    expect(drafted.body.errors).toBeUndefined();

    const results = await Promise.all(many.map((party) => sign('partnership-20', party)));
    for (const result of results) expect(result.body.errors).toBeUndefined();
    expect(results.filter((r) => r.body.data!.signConvention.enteredIntoForce)).toHaveLength(1);

    const convention = (await service.graphql(CONVENTION, { id: 'partnership-20' })).body.data!.convention;
    expect(convention.status).toBe('IN_FORCE');
    expect(convention.signatures.map((s: { partyId: string }) => s.partyId).sort()).toEqual([...many].sort());
    const history = (await service.graphql(HISTORY, { streamId: 'convention-partnership-20' }, admin)).body.data!.history;
    const types = history.edges.map((e: { node: { type: string } }) => e.node.type);
    expect(types.filter((t: string) => t === 'ConventionSigned')).toHaveLength(20);
    expect(types[types.length - 1]).toBe('ConventionEnteredIntoForce');
  });

  it('runs the default procedure of a CPSD up to a formal default recorded by the secretariat', async () => {
    const secretariat = await service.token('sgar-52', 'commission_secretariat');
    const run = (mutation: string, input: Record<string, unknown>, token: string) =>
      service.graphql(
        `mutation($input: ${mutation[0].toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { convention { defaults { defaultId stage decisionId } } } }`,
        {
          input: { commandId: newCommandId(), conventionId: 'cpsd-44', ...input },
        },
        token,
      );
    const notified = await run(
      'notifyConventionDefault',
      { defaultId: 'd-2017-1', defaultingPartyId: 'orange', description: 'Calendrier 2017 non tenu à Saint-Nazaire' },
      tokens['cd-44'],
    );
    expect(notified.body.data!.notifyConventionDefault.convention.defaults).toEqual([{ defaultId: 'd-2017-1', stage: 'NOTIFIED', decisionId: null }]);
    const referred = await service.graphql(
      `mutation($input: ConventionDefaultInput!) { referConventionDefault(input: $input) { convention { defaults { stage } } } }`,
      { input: { commandId: newCommandId(), conventionId: 'cpsd-44', defaultId: 'd-2017-1' } },
      tokens['cd-44'],
    );
    expect(referred.body.data!.referConventionDefault.convention.defaults).toEqual([{ stage: 'REFERRED_TO_COMMISSION' }]);
    const byOperator = await service.graphql(
      `mutation($input: RecordDefaultDecisionInput!) { recordConventionDefaultDecision(input: $input) { convention { id } } }`,
      {
        input: {
          commandId: newCommandId(),
          conventionId: 'cpsd-44',
          defaultId: 'd-2017-1',
          decisionId: 'dec-1',
          meetingId: 'ccrant-2017-06',
          outcome: 'FORMAL_DEFAULT',
        },
      },
      tokens['orange'],
    );
    expect(codesOf(byOperator)).toEqual(['FORBIDDEN']);
    const decided = await service.graphql(
      `mutation($input: RecordDefaultDecisionInput!) { recordConventionDefaultDecision(input: $input) { convention { defaults { stage decisionId } } } }`,
      {
        input: {
          commandId: newCommandId(),
          conventionId: 'cpsd-44',
          defaultId: 'd-2017-1',
          decisionId: 'dec-1',
          meetingId: 'ccrant-2017-06',
          outcome: 'FORMAL_DEFAULT',
        },
      },
      secretariat,
    );
    expect(decided.body.data!.recordConventionDefaultDecision.convention.defaults).toEqual([{ stage: 'FORMAL_DEFAULT', decisionId: 'dec-1' }]);
  });

  it('filters conventions by party, territory (a département finds its communes) and status', async () => {
    const list = async (filter: Record<string, unknown>) =>
      (
        await service.graphql(`query($filter: ConventionFilterInput) { conventions(filter: $filter, first: 50) { totalCount edges { node { id } } } }`, {
          filter,
        })
      ).body.data!.conventions;
    const ids = (connection: { edges: { node: { id: string } }[] }) => connection.edges.map((e) => e.node.id);
    expect(ids(await list({ partyId: 'orange' }))).toEqual(['cpsd-44', 'cpsd-44-bis']);
    expect(ids(await list({ territory: { kind: 'DEPARTEMENT', code: '44' }, statuses: ['IN_FORCE'] }))).toEqual(['cpsd-44']);
    expect(ids(await list({ territory: { kind: 'COMMUNE', code: '44184' }, statuses: ['PARTIALLY_SIGNED'] }))).toEqual(['cpsd-44-bis']);
    expect((await list({ territory: { kind: 'DEPARTEMENT', code: '85' } })).totalCount).toBe(0);
    expect(ids(await list({ territory: { kind: 'DEPARTEMENT', code: '49' } }))).toEqual(['partnership-20']);
    const badTerritory = await service.graphql(`{ conventions(filter: { territory: { kind: DEPARTEMENT, code: "99" } }) { totalCount } }`);
    expect(codesOf(badTerritory)).toEqual(['BAD_USER_INPUT']);
  });
});
