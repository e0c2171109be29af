import { createHash } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { newCommandId, startTestService, type TestService, registerPrincipals } from './harness.js';

interface Received {
  data?: Record<string, any> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

/** Subscribes and collects what arrives; `until(n)` waits for n messages. */
function subscribe(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const messages: Received[] = [];
  let closed: { error?: unknown } | undefined;
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  const stop = client.subscribe(
    { query, variables },
    {
      next: (message) => (messages.push(message as Received), wake()),
      error: (error) => ((closed = { error }), wake()),
      complete: () => ((closed = {}), wake()),
    },
  );
  return {
    messages,
    stop,
    get closed() {
      return closed;
    },
    async until(count: number, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count && !closed) {
        if (Date.now() > deadline) throw new Error(`Expected ${count} messages, got ${messages.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return messages;
    },
  };
}

describe('Live updates over graphql-ws', () => {
  let service: TestService;
  let url: string;
  let admin: string;
  const clients: Client[] = [];
  const connect = (token?: string) => {
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    service = await startTestService();
    await registerPrincipals(service, 'sgar-52', 'dreal-52');
    url = await service.listen();
    admin = await service.token('sgar-52', 'admin');
    for (const [actorId, kind, territory] of [
      ['orange', 'PRIVATE_OPERATOR', { kind: 'REGION', code: '52' }],
      ['sfr', 'PRIVATE_OPERATOR', { kind: 'REGION', code: '52' }],
      ['cd-44', 'DEPARTEMENT', { kind: 'DEPARTEMENT', code: '44' }],
      ['cd-49', 'DEPARTEMENT', { kind: 'DEPARTEMENT', code: '49' }],
    ] as const) {
      const registered = await service.graphql(
        `mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }`,
        { input: { commandId: newCommandId(), actorId, kind, name: actorId, territories: [territory] } },
        admin,
      );
      expect(registered.body.errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await Promise.all(clients.map(async (client) => await client.dispose()));
    await service.close();
  });

  const makeCommitment = async (commitmentId: string, actorId: string, commune: string) => {
    const result = await service.graphql(
      `mutation($input: MakeCommitmentInput!) { makeCommitment(input: $input) { commitment { id } } }`,
      {
        input: {
          commandId: newCommandId(),
          commitmentId,
          committingActorId: actorId,
          subject: 'FIXED_COVERAGE',
          title: `FttH ${commune}`,
          target: { quantity: 100, unit: 'FTTH_PREMISES' },
          territories: [{ kind: 'COMMUNE', code: commune }],
          dueDate: '2040-12-31',
        },
      },
      await service.token(actorId, 'representative'),
    );
    expect(result.body.errors).toBeUndefined();
  };

  it('sends commitment changes after the read model has them, filtered by territory and actor', async () => {
    const client = connect(await service.token('dreal-52', 'auditor'));
    const in44 = subscribe(
      client,
      `subscription($t: TerritoryRefInput) { commitmentChanged(territory: $t) { eventType revision commitment { id currentValue } } }`,
      {
        t: { kind: 'DEPARTEMENT', code: '44' },
      },
    );
    const bySfr = subscribe(client, `subscription { commitmentChanged(actorId: "sfr") { eventType commitment { id } } }`);
    await new Promise((resolve) => setTimeout(resolve, 200)); // let both subscriptions reach the server

    await makeCommitment('orange-nantes', 'orange', '44109'); // Nantes, 44: first only
    await makeCommitment('sfr-angers', 'sfr', '49007'); // Angers, 49: second only
    const progress = await service.graphql(
      `mutation($input: ReportCommitmentProgressInput!) { reportCommitmentProgress(input: $input) { commitment { id } } }`,
      { input: { commandId: newCommandId(), commitmentId: 'orange-nantes', value: 40, asOf: '2025-06-30', source: 'DECLARED' } },
      await service.token('orange', 'representative'),
    );
    expect(progress.body.errors).toBeUndefined();

    const first = await in44.until(2);
    expect(first.map((m) => m.data!.commitmentChanged)).toEqual([
      { eventType: 'CommitmentMade', revision: 0, commitment: { id: 'orange-nantes', currentValue: null } },
      { eventType: 'CommitmentProgressReported', revision: 1, commitment: { id: 'orange-nantes', currentValue: 40 } },
    ]);
    const second = await bySfr.until(1);
    expect(second.map((m) => m.data!.commitmentChanged)).toEqual([{ eventType: 'CommitmentMade', commitment: { id: 'sfr-angers' } }]);
    in44.stop();
    bySfr.stop();
  });

  it('sends convention changes to subscribers following a party, including entry into force', async () => {
    const client = connect(await service.token('cd-44', 'representative'));
    const forCd44 = subscribe(client, `subscription { conventionChanged(partyId: "cd-44") { eventType convention { id status } } }`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const hash = createHash('sha256').update('protocole').digest('hex');
    const drafted = await service.graphql(
      `mutation($input: DraftConventionInput!) { draftConvention(input: $input) { convention { id } } }`,
      {
        input: {
          commandId: newCommandId(),
          conventionId: 'protocole-44',
          kind: 'PARTNERSHIP_PROTOCOL',
          title: 'Protocole',
          parties: [
            { actorId: 'cd-44', signaturesRequired: 1 },
            { actorId: 'orange', signaturesRequired: 1 },
          ],
          documentHash: hash,
          scope: ['44109'],
          occurredAt: '2024-01-01T10:00:00Z',
        },
      },
      await service.token('cd-44', 'representative'),
    );
    expect(drafted.body.errors).toBeUndefined();
    const signed = await service.graphql(
      `mutation($input: SignConventionInput!) { signConvention(input: $input) { convention { status } } }`,
      {
        input: {
          commandId: newCommandId(),
          conventionId: 'protocole-44',
          documentHash: hash,
          signatory: { personId: 'p-1', title: 'DG' },
          place: 'Nantes',
          signedOn: '2024-02-01',
        },
      },
      await service.token('orange', 'representative'),
    );
    expect(signed.body.errors).toBeUndefined();
    const last = await service.graphql(
      `mutation($input: SignConventionInput!) { signConvention(input: $input) { convention { status } } }`,
      {
        input: {
          commandId: newCommandId(),
          conventionId: 'protocole-44',
          documentHash: hash,
          signatory: { personId: 'p-2', title: 'Président du Conseil départemental' },
          place: 'Nantes',
          signedOn: '2024-02-05',
          councilResolution: { number: 'CP-2024-01', date: '2024-01-22' },
        },
      },
      await service.token('cd-44', 'representative'),
    );
    expect(last.body.errors).toBeUndefined();
    const messages = await forCd44.until(4);
    // Each update carries the convention as the read model stood when the event's batch committed.
    expect(messages.map((m) => m.data!.conventionChanged)).toEqual([
      { eventType: 'ConventionDrafted', convention: { id: 'protocole-44', status: 'DRAFT' } },
      { eventType: 'ConventionSigned', convention: { id: 'protocole-44', status: 'PARTIALLY_SIGNED' } },
      { eventType: 'ConventionSigned', convention: { id: 'protocole-44', status: 'IN_FORCE' } },
      { eventType: 'ConventionEnteredIntoForce', convention: { id: 'protocole-44', status: 'IN_FORCE' } },
    ]);
    forCd44.stop();
  });

  it('refuses a connection without a valid token', async () => {
    for (const token of [undefined, 'not-a-jwt']) {
      const client = connect(token);
      const attempt = subscribe(client, `subscription { commitmentChanged { eventType } }`);
      await attempt.until(1).catch(() => undefined);
      expect(attempt.messages).toEqual([]);
      const closeEvent = attempt.closed?.error as { code?: number } | undefined;
      expect(closeEvent?.code).toBe(4403);
    }
  });

  it('rejects an invalid territory filter with BAD_USER_INPUT', async () => {
    const client = connect(admin);
    const attempt = subscribe(client, `subscription { commitmentChanged(territory: { kind: DEPARTEMENT, code: "99" }) { eventType } }`);
    const [message] = await attempt.until(1);
    expect(message.errors!.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', fields: ['territory.code'] }]);
  });
});
