import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import WebSocket from 'ws';
import { registerPrincipals, startTestService, type TestService } from '../../../test/e2e/harness.js';
import {
  ActorsDocument,
  BadUserInputError,
  CommitmentChangedDocument,
  ConflictError,
  ConventionChangedDocument,
  MakeCommitmentDocument,
  NetworkError,
  RegisterActorDocument,
  ReportCommitmentProgressDocument,
  ScoranClient,
  UnauthenticatedError,
  type CommitmentChangedSubscription,
} from '../src/index.js';

const PACKAGE = join(process.cwd(), 'clients', 'typescript');

describe('@scoran/ledger-client against the service', () => {
  let service: TestService;
  let url: string;
  let adminToken: string;

  beforeAll(async () => {
    service = await startTestService();
    url = (await service.listen()).replace(/^ws/, 'http').replace(/\/graphql$/, '');
    // The token's actor must be registered (docs/security.md): a national body, in no region's list.
    await registerPrincipals(service, 'datar');
    adminToken = await service.token('datar', 'admin');
  });
  afterAll(() => service.close());

  const region = { kind: 'REGION' as const, code: '52' };

  it('sends typed commands with a generated commandId and typed queries', async () => {
    const client = new ScoranClient({ url, token: () => adminToken });
    const registered = await client.command(RegisterActorDocument, {
      actorId: 'cd-44',
      kind: 'DEPARTEMENT',
      name: 'Département de Loire-Atlantique',
      territories: [{ kind: 'DEPARTEMENT', code: '44' }],
    });
    expect(registered.registerActor).toEqual({
      revision: 0,
      replayed: false,
      actor: { id: 'cd-44', name: 'Département de Loire-Atlantique', kind: 'DEPARTEMENT', status: 'ACTIVE' },
    });
    const listed = await client.query(ActorsDocument, { filter: { territory: region } });
    expect(listed.actors.edges.map((e) => e.node.id)).toEqual(['cd-44']);
  });

  it('resends a command with the same commandId after a network error or a 5xx, and it is recorded once', async () => {
    const sent: string[] = [];
    let failures = 0;
    // The first attempt reaches the service, then the answer is lost; the second meets a proxy's 502.
    const flaky: typeof fetch = async (input, init) => {
      sent.push(JSON.parse(String(init?.body)).variables.input.commandId);
      if (failures === 0) {
        failures += 1;
        await fetch(input, init);
        throw new TypeError('fetch failed: socket hang up');
      }
      if (failures === 1) {
        failures += 1;
        return new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } });
      }
      return fetch(input, init);
    };
    const client = new ScoranClient({ url, token: adminToken, fetch: flaky, retryDelay: () => 10 });
    const result = await client.command(RegisterActorDocument, {
      actorId: 'cd-49',
      kind: 'DEPARTEMENT',
      name: 'Département de Maine-et-Loire',
      territories: [{ kind: 'DEPARTEMENT', code: '49' }],
    });
    expect(sent).toHaveLength(3);
    expect(new Set(sent).size).toBe(1);
    expect(result.registerActor.replayed).toBe(true);
    const history = await service.graphql('query { history(streamId: "actor-cd-49") { totalCount } }', {}, adminToken);
    expect(history.body.data!.history.totalCount).toBe(1);
  });

  it('gives up after the retries with the last error, and never retries a refusal', async () => {
    let calls = 0;
    const down: typeof fetch = async () => {
      calls += 1;
      throw new TypeError('fetch failed: ECONNREFUSED');
    };
    const client = new ScoranClient({ url, token: adminToken, fetch: down, retries: 2, retryDelay: () => 1 });
    await expect(client.command(RegisterActorDocument, { kind: 'DEPARTEMENT', name: 'X', territories: [] })).rejects.toBeInstanceOf(NetworkError);
    expect(calls).toBe(3);

    let refusedCalls = 0;
    const counting: typeof fetch = (input, init) => {
      refusedCalls += 1;
      return fetch(input, init);
    };
    const real = new ScoranClient({ url, token: adminToken, fetch: counting, retryDelay: () => 1 });
    const refused = await real
      .command(RegisterActorDocument, { actorId: 'cd-2c', kind: 'DEPARTEMENT', name: 'Nowhere', territories: [{ kind: 'DEPARTEMENT', code: '2C' }] })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BadUserInputError);
    expect((refused as BadUserInputError).code).toBe('BAD_USER_INPUT');
    expect((refused as BadUserInputError).fields).toEqual(['territories.0.code']);
    expect(refusedCalls).toBe(1);
  });

  it('maps each error code to its class', async () => {
    const anonymous = new ScoranClient({ url });
    await expect(anonymous.command(RegisterActorDocument, { kind: 'DEPARTEMENT', name: 'X', territories: [] })).rejects.toBeInstanceOf(UnauthenticatedError);
    const client = new ScoranClient({ url, token: adminToken });
    const stale = await client
      .command(RegisterActorDocument, {
        actorId: 'cd-44',
        expectedRevision: 5,
        kind: 'DEPARTEMENT',
        name: 'Again',
        territories: [{ kind: 'DEPARTEMENT', code: '44' }],
      })
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);
  });

  it('iterates every node of a connection, page by page', async () => {
    const client = new ScoranClient({ url, token: adminToken });
    for (const code of ['53', '72', '85']) {
      await client.command(RegisterActorDocument, {
        actorId: `cd-${code}`,
        kind: 'DEPARTEMENT',
        name: `Département ${code}`,
        territories: [{ kind: 'DEPARTEMENT', code }],
      });
    }
    const requests: number[] = [];
    const counting = new ScoranClient({ url, fetch: (input, init) => (requests.push(1), fetch(input, init)) });
    const ids: string[] = [];
    for await (const actor of counting.paginate(ActorsDocument, { first: 2 }, (data) => data.actors)) ids.push(actor.id);
    const all = await client.query(ActorsDocument, { first: 100 });
    expect(ids).toEqual(all.actors.edges.map((e) => e.node.id));
    expect([...ids].sort()).toEqual(['cd-44', 'cd-49', 'cd-53', 'cd-72', 'cd-85', 'datar']);
    expect(requests).toHaveLength(3);
  });

  it('follows a subscription as an async iterator', async () => {
    const cd44 = await service.token('cd-44', 'representative');
    const client = new ScoranClient({ url, token: () => cd44, webSocketImpl: WebSocket });
    try {
      const changes = client.subscribe(CommitmentChangedDocument, { actorId: 'cd-44' });
      const first = changes.next();
      // The subscription is active once the server acknowledged it; a short pause covers the round trip.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await client.command(MakeCommitmentDocument, {
        commitmentId: 'ftth-nantes',
        committingActorId: 'cd-44',
        subject: 'FIXED_COVERAGE',
        title: 'Prises FttH raccordables à Nantes',
        target: { quantity: 74200, unit: 'FTTH_PREMISES' },
        territories: [{ kind: 'COMMUNE', code: '44109' }],
        dueDate: '2030-12-31',
      });
      const made = (await first) as IteratorResult<CommitmentChangedSubscription>;
      expect(made.done).toBe(false);
      expect(made.value.commitmentChanged).toMatchObject({ eventType: 'CommitmentMade', commitment: { id: 'ftth-nantes', status: 'ACTIVE' } });
      await client.command(ReportCommitmentProgressDocument, { commitmentId: 'ftth-nantes', value: 30000, asOf: '2026-06-30', source: 'DECLARED' });
      const progress = await changes.next();
      expect(progress.value?.commitmentChanged.eventType).toBe('CommitmentProgressReported');
      await changes.return!();
    } finally {
      await client.close();
    }
  });

  it('refuses a subscription without a token, with a typed error', async () => {
    const anonymous = new ScoranClient({ url, webSocketImpl: WebSocket });
    try {
      await expect(anonymous.subscribe(ConventionChangedDocument, {}).next()).rejects.toBeInstanceOf(UnauthenticatedError);
    } finally {
      await anonymous.close();
    }
  });

  it('builds as a publishable package: ESM, declarations, exports', () => {
    execFileSync('npm', ['run', 'build', '--silent', '--workspace', 'clients/typescript'], { stdio: 'pipe' });
    const pkg = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--workspace', 'clients/typescript'], { encoding: 'utf8' }),
    )[0] as { files: { path: string }[] };
    const files = pkg.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'dist/generated/graphql.js', 'README.md', 'package.json']));
    expect(files.some((f) => f.startsWith('test/'))).toBe(false);
    // Imported by its package name, through package.json's exports, as a dependent project would.
    const imported = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const m = await import('@scoran/ledger-client'); const o = await import('@scoran/ledger-client/operations'); console.log(typeof m.ScoranClient, typeof m.BadUserInputError, o.RegisterActorDocument.kind)",
      ],
      { encoding: 'utf8' },
    );
    expect(imported.trim()).toBe('function function Document');
  }, 60_000);

  it('has operation types that match schema.gql and the operations (npm run codegen)', () => {
    // graphql-codegen --check exits non-zero when the generated file differs from what it would write.
    expect(() => execFileSync('npx', ['graphql-codegen', '--config', 'codegen.ts', '--check'], { cwd: PACKAGE, stdio: 'pipe' })).not.toThrow();
  }, 60_000);
});
