import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ROLES } from '../../src/shared/principal.js';
import { IntegrityService } from '../../src/integrity/integrity.service.js';
import { eventLeafHash, fromHex, verifyConsistency, verifyInclusion } from '../../src/integrity/merkle.js';
import { runVerifyCli } from '../../src/cli/verify-cli.js';
import { codesOf, newCommandId, startTestService, type TestService, registerPrincipals } from './harness.js';

const REGISTER = `mutation Register($input: RegisterActorInput!) { registerActor(input: $input) { revision } }`;
const RENAME = `mutation Rename($input: RenameActorInput!) { renameActor(input: $input) { revision } }`;
const HISTORY = `query H($streamId: String!) { history(streamId: $streamId) { edges { node { id hash position } } } }`;
const SEALS = `{ seals { treeSize lastPosition root eventId position recordedAt } }`;
const INCLUSION = `query I($eventId: ID!, $sealPosition: String, $treeSize: Int) {
  inclusionProof(eventId: $eventId, sealPosition: $sealPosition, treeSize: $treeSize) { eventId eventHash leafIndex treeSize root path seal { treeSize root } } }`;
const CONSISTENCY = `query C($from: Int!, $to: Int!) { consistencyProof(from: $from, to: $to) { firstSize secondSize firstRoot secondRoot path } }`;
const VERIFY = `{ verifyIntegrity { ok events seals root badIndex badPosition reason } }`;

describe('integrity: seals, proofs, verifier and export (e2e)', () => {
  let service: TestService;
  let admin: string;
  let auditor: string;
  let baseUrl: string;
  const work = mkdtempSync(join(tmpdir(), 'scoran-export-'));

  beforeAll(async () => {
    service = await startTestService();
    await registerPrincipals(service, 'sgar-52', 'datar');
    admin = await service.token('sgar-52', 'admin');
    auditor = await service.token('datar', 'auditor');
    baseUrl = (await service.listen()).replace(/^ws/, 'http').replace(/\/graphql$/, '');
    for (const id of ['gigalis', 'megalis', 'rennes-metropole', 'nantes-metropole']) {
      const r = await service.graphql(
        REGISTER,
        { input: { commandId: newCommandId(), actorId: id, kind: 'JOINT_SYNDICATE', name: `Actor ${id}`, territories: [{ kind: 'REGION', code: '52' }] } },
        admin,
      );
      expect(r.body.errors).toBeUndefined();
    }
    await service.graphql(RENAME, { input: { commandId: newCommandId(), actorId: 'gigalis', name: 'Syndicat mixte Gigalis' } }, admin);
  });
  afterAll(() => service.close());

  const exportOver = async (query = '', token: string | null = auditor) => {
    const response = await fetch(`${baseUrl}/integrity/export${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };
  const save = (name: string, text: string) => {
    const file = join(work, name);
    writeFileSync(file, text);
    return file;
  };

  it('only auditors and admins reach the integrity queries and the export', async () => {
    for (const role of ROLES) {
      const token = await service.token('sgar-52', role);
      const allowed = role === 'auditor' || role === 'admin';
      for (const query of [SEALS, VERIFY]) expect(codesOf(await service.graphql(query, {}, token))).toEqual(allowed ? [] : ['FORBIDDEN']);
      expect(codesOf(await service.graphql(CONSISTENCY, { from: 1, to: 2 }, token))).toEqual(allowed ? [] : ['FORBIDDEN']);
      const exported = await exportOver('?category=actor', token);
      expect(exported.status).toBe(allowed ? 200 : 403);
    }
    expect(codesOf(await service.graphql(SEALS))).toEqual(['UNAUTHENTICATED']);
    expect((await exportOver('', null)).status).toBe(401);
    expect((await exportOver('?stream=not a stream')).status).toBe(400);
    expect((await exportOver('?recordedFrom=yesterday')).status).toBe(400);
    expect((await exportOver('?secret=1')).status).toBe(400);
  });

  it('exports the whole log over HTTP, verifies it offline, and names the position of a corruption', async () => {
    const exported = await exportOver();
    expect(exported.status).toBe(200);
    expect(exported.type).toMatch(/application\/x-ndjson/);
    const lines = exported.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ kind: 'header', format: 'scoran-ledger-export/1', complete: true });
    const seal = lines.find((l) => l.kind === 'seal');
    const events = lines.filter((l) => l.kind === 'event');
    expect(events.length).toBe(seal.treeSize);
    expect(events.map((e) => e.index)).toEqual(events.map((_, i) => i));

    const file = save('full.ndjson', exported.text);
    expect(await runVerifyCli(['--export', file])).toEqual({ code: 0, output: expect.stringMatching(/^OK: \d+ events \(complete log\)/) });
    expect((await runVerifyCli(['--export', file, '--root', seal.root])).output).toMatch(/trusted root matches the seal/);
    expect(await runVerifyCli(['--export', file, '--root', 'ab'.repeat(32)])).toMatchObject({ code: 1, output: expect.stringMatching(/trusted root/) });
    expect((await runVerifyCli(['--export'])).code).toBe(2);

    // Corrupt: change the name in the third event.
    const victim = events[2];
    const corrupted = exported.text.replace(JSON.stringify(victim.data), JSON.stringify({ ...victim.data, name: 'Forged' }));
    expect(corrupted).not.toBe(exported.text);
    const result = await runVerifyCli(['--export', save('corrupt.ndjson', corrupted)]);
    expect(result.code).toBe(1);
    expect(result.output).toContain(`leaf index 2, position ${victim.position}`);
    expect(result.output).toMatch(/hash does not match/);

    // Remove an event.
    const removed = exported.text
      .split('\n')
      .filter((l) => !l.includes(`"index":1,`))
      .join('\n');
    expect((await runVerifyCli(['--export', save('removed.ndjson', removed)])).output).toMatch(/FAILED at leaf index 1/);
  });

  it('exports a filtered selection with inclusion proofs, and refuses a corrupted proof', async () => {
    const exported = await exportOver('?stream=actor-gigalis');
    const lines = exported.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const events = lines.filter((l) => l.kind === 'event');
    expect(events.map((e) => e.streamId)).toEqual(['actor-gigalis', 'actor-gigalis']);
    expect(lines.filter((l) => l.kind === 'inclusion')).toHaveLength(2);
    const file = save('filtered.ndjson', exported.text);
    expect(await runVerifyCli(['--export', file])).toMatchObject({ code: 0, output: expect.stringMatching(/2 events \(filtered/) });

    const inclusion = lines.find((l) => l.kind === 'inclusion');
    const badPath = [...inclusion.path];
    badPath[0] = badPath[0].replace(/^./, (c: string) => (c === '0' ? '1' : '0'));
    const corrupted = exported.text.replace(JSON.stringify(inclusion.path), JSON.stringify(badPath));
    const result = await runVerifyCli(['--export', save('bad-proof.ndjson', corrupted)]);
    expect(result).toMatchObject({ code: 1, output: expect.stringMatching(/inclusion proof/) });

    const byType = await exportOver('?type=ActorRenamed&category=actor&recordedFrom=2000-01-01');
    expect(byType.text.split('\n').filter((l) => l.includes('"kind":"event"'))).toHaveLength(1);
    expect((await runVerifyCli(['--export', save('by-type.ndjson', byType.text)])).code).toBe(0);

    const byPrincipal = await exportOver(`?principal=person-sgar-52-admin&occurredFrom=2000-01-01&occurredTo=2999-01-01`);
    const principals = byPrincipal.text
      .split('\n')
      .filter((l) => l.includes('"kind":"event"'))
      .map((l) => JSON.parse(l).metadata.principal);
    expect(principals.length).toBeGreaterThanOrEqual(5);
    expect(new Set(principals)).toEqual(new Set(['person-sgar-52-admin']));
    const nobody = await exportOver('?principal=someone-else');
    expect(nobody.text.split('\n').filter((l) => l.includes('"kind":"event"'))).toEqual([]);
    expect((await runVerifyCli(['--export', save('nobody.ndjson', nobody.text)])).code).toBe(0);
  });

  it('lists seals, proves inclusion and consistency, and verifies the whole log until it is tampered with', async () => {
    const integrity = service.app.get(IntegrityService);
    const first = (await integrity.sealNow())!;
    expect(await integrity.sealNow()).toEqual(first); // nothing new: no second seal
    await service.graphql(RENAME, { input: { commandId: newCommandId(), actorId: 'megalis', name: 'Mégalis Bretagne' } }, admin);
    const second = (await integrity.sealNow())!;
    expect(second.treeSize).toBeGreaterThan(first.treeSize);

    const seals = (await service.graphql(SEALS, {}, auditor)).body.data!.seals;
    expect(seals.slice(-2)).toEqual([first, second]);

    const history = (await service.graphql(HISTORY, { streamId: 'actor-megalis' }, admin)).body.data!.history.edges;
    const event = history[0].node;
    const proof = (await service.graphql(INCLUSION, { eventId: event.id }, auditor)).body.data!.inclusionProof;
    expect(proof).toMatchObject({
      eventId: event.id,
      eventHash: event.hash,
      treeSize: second.treeSize,
      root: second.root,
      seal: { treeSize: second.treeSize },
    });
    const head = { treeSize: second.treeSize, root: fromHex(second.root) };
    expect(verifyInclusion(eventLeafHash(event.hash), { ...proof, path: proof.path.map(fromHex) }, head)).toBe(true);
    const atFirst = (await service.graphql(INCLUSION, { eventId: event.id, sealPosition: first.position }, auditor)).body.data!.inclusionProof;
    expect(atFirst.root).toBe(first.root);
    expect(codesOf(await service.graphql(INCLUSION, { eventId: event.id, sealPosition: '999999' }, auditor))).toEqual(['NOT_FOUND']);
    expect(codesOf(await service.graphql(INCLUSION, { eventId: 'not-a-uuid' }, auditor))).toEqual(['BAD_USER_INPUT']);

    const consistency = (await service.graphql(CONSISTENCY, { from: first.treeSize, to: second.treeSize }, auditor)).body.data!.consistencyProof;
    expect(consistency).toMatchObject({ firstRoot: first.root, secondRoot: second.root });
    const proofOf = { firstSize: first.treeSize, secondSize: second.treeSize, path: consistency.path.map(fromHex) };
    expect(verifyConsistency(proofOf, { treeSize: first.treeSize, root: fromHex(first.root) }, head)).toBe(true);
    expect(codesOf(await service.graphql(CONSISTENCY, { from: 5, to: 1_000_000 }, auditor))).toEqual(['BAD_USER_INPUT']);

    // An export made now carries a consistency proof from the older seals: the first root, kept by an auditor, still verifies it.
    const later = await exportOver();
    expect((await runVerifyCli(['--export', save('later.ndjson', later.text), '--root', first.root])).output).toMatch(/matches the earlier seal/);

    const clean = (await service.graphql(VERIFY, {}, auditor)).body.data!.verifyIntegrity;
    expect(clean).toMatchObject({ ok: true, badPosition: null, reason: null });
    expect(clean.seals).toBeGreaterThanOrEqual(2);

    // Tamper with the store file behind the service's back.
    const db = new Database(join(service.dir, 'events.db'));
    db.prepare('UPDATE events SET data = ? WHERE event_id = ?').run(JSON.stringify({ name: 'Forged' }), event.id);
    db.close();
    const tampered = (await service.graphql(VERIFY, {}, admin)).body.data!.verifyIntegrity;
    expect(tampered).toMatchObject({ ok: false, badPosition: event.position, reason: expect.stringMatching(/hash does not match/) });
    expect(readFileSync(join(service.dir, 'events.db')).length).toBeGreaterThan(0);
  });
});
