/**
 * Fault injection on the record's files, as an operator would meet it: a row whose JSON no longer
 * parses, a sealed event deleted, a log shorter than the read models (lost tail, restored older
 * file). The service reports each as data (position and reason), never as an escaping exception.
 */
import { jest } from '@jest/globals';
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IntegrityService } from '../../src/integrity/integrity.service.js';
import { runVerifyCli } from '../../src/cli/verify-cli.js';
import { codesOf, newCommandId, registerPrincipals, startTestService, type TestService } from './harness.js';

const REGISTER = `mutation($input: RegisterActorInput!) { registerActor(input: $input) { revision replayed actor { id } } }`;
const RENAME = `mutation($input: RenameActorInput!) { renameActor(input: $input) { revision } }`;
const VERIFY = `{ verifyIntegrity { ok events badIndex badPosition reason damaged { position streamId revision reason } } }`;
const HISTORY = `query($streamId: String!) { history(streamId: $streamId) { totalCount edges { node { position type data damage } } } }`;
const STATE_AS_OF = `query($streamId: String!, $at: PointInTimeInput!) { stateAsOf(streamId: $streamId, at: $at) { revision } }`;
const ACTORS = `{ actors(first: 50) { totalCount } }`;

const actorInput = (actorId: string) => ({
  commandId: newCommandId(),
  actorId,
  kind: 'JOINT_SYNDICATE',
  name: `Syndicat ${actorId}`,
  territories: [{ kind: 'REGION', code: '52' }],
});

describe('The record under damage (fault injection on the files)', () => {
  let dir: string;
  let env: Record<string, string>;
  let service: TestService | undefined;
  /** The tokens' actors (sgar-52, datar) are registered once per store: they are its first two events. */
  let principalsRegistered = false;

  beforeEach(() => {
    principalsRegistered = false;
    dir = mkdtempSync(join(tmpdir(), 'scoran-damage-'));
    env = { EVENT_STORE_PATH: join(dir, 'events.db'), READ_MODEL_PATH: join(dir, 'read-models.db'), KEY_STORE_PATH: join(dir, 'keys.db') };
  });
  afterEach(async () => {
    await service?.close();
    service = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(extra: Record<string, string> = {}) {
    service = await startTestService({ ...env, ...extra });
    if (!principalsRegistered) {
      await registerPrincipals(service, 'sgar-52', 'datar');
      principalsRegistered = true;
    }
    return { service, admin: await service.token('sgar-52', 'admin'), auditor: await service.token('datar', 'auditor') };
  }
  async function stop() {
    await service?.app.close();
    service = undefined;
  }
  function onStore<T>(change: (db: Database.Database) => T): T {
    const db = new Database(env.EVENT_STORE_PATH);
    try {
      return change(db);
    } finally {
      db.close();
    }
  }
  const urls = new WeakMap<TestService, string>();
  async function health(s: TestService) {
    if (!urls.has(s)) urls.set(s, (await s.listen()).replace(/^ws/, 'http').replace(/\/graphql$/, ''));
    const url = urls.get(s)!;
    const response = await fetch(`${url}/health`);
    return { status: response.status, body: (await response.json()) as any, url };
  }

  it('reports a row whose JSON does not parse at its position, everywhere, while the rest keeps serving', async () => {
    let { service: s, admin } = await start();
    for (const id of ['gigalis', 'megalis', 'e-megalis']) expect((await s.graphql(REGISTER, { input: actorInput(id) }, admin)).body.errors).toBeUndefined();
    await s.graphql(RENAME, { input: { commandId: newCommandId(), actorId: 'megalis', name: 'Mégalis Bretagne' } }, admin);
    await stop();

    // Flip the first quote of the rename's data: the JSON no longer parses.
    const position = onStore((db) => {
      const row = db.prepare("SELECT position, data FROM events WHERE type = 'ActorRenamed'").get() as { position: number; data: string };
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(row.data.replace('"', "'"), row.position);
      return String(row.position);
    });
    rmSync(env.READ_MODEL_PATH); // the read models are rebuilt from the damaged log
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    let auditor: string;
    try {
      ({ service: s, admin, auditor } = await start());

      const verdict = (await s.graphql(VERIFY, {}, auditor)).body.data!.verifyIntegrity;
      expect(verdict).toMatchObject({
        ok: false,
        badPosition: position,
        reason: expect.stringMatching(/unreadable event .*actor-megalis revision 1.*data is not valid JSON/),
      });
      expect(verdict.damaged).toEqual([{ position, streamId: 'actor-megalis', revision: 1, reason: expect.stringMatching(/^data is not valid JSON/) }]);

      // /health: the projections that read it stopped there and say so; the others are live.
      const h = await health(s);
      expect(h.status).toBe(503);
      const failed = h.body.projections.filter((p: any) => p.state === 'failed');
      expect(failed.map((p: any) => p.name).sort()).toEqual(expect.arrayContaining(['actors', 'audit']));
      for (const p of failed)
        expect(p.failedAt).toMatchObject({
          position,
          streamId: 'actor-megalis',
          revision: 1,
          type: 'ActorRenamed',
          reason: expect.stringMatching(/cannot be decoded/),
        });
      expect(h.body.projections.filter((p: any) => p.state === 'live').length).toBeGreaterThan(0);
      const lines = logged.mock.calls.map((call) => String(call[0]));
      expect(lines.some((line) => line.includes(`Projection actors stopped at position ${position}`))).toBe(true);

      // Export: 200, the row written as found and marked; the offline verifier names its position.
      const exported = await fetch(`${h.url}/integrity/export`, { headers: { authorization: `Bearer ${auditor}` } });
      expect(exported.status).toBe(200);
      const text = await exported.text();
      const line = text
        .split('\n')
        .map((l) => JSON.parse(l || '{}'))
        .find((l) => l.kind === 'event' && l.position === position);
      expect(line).toMatchObject({ streamId: 'actor-megalis', damage: expect.stringMatching(/not valid JSON/), data: expect.stringContaining("{'") });
      const file = join(dir, 'export.ndjson');
      writeFileSync(file, text);
      const offline = await runVerifyCli(['--export', file]);
      expect(offline).toMatchObject({ code: 1, output: expect.stringContaining(`position ${position}`) });
      expect(offline.output).toMatch(/unreadable event/);

      // Reads: history shows the row as found; time travel and commands on that record name the damage; nothing is a 500.
      const history = await s.graphql(HISTORY, { streamId: 'actor-megalis' }, auditor);
      expect(history.status).toBe(200);
      expect(history.body.data!.history.edges[1].node).toMatchObject({ position, damage: expect.stringMatching(/not valid JSON/) });
      const travelled = await s.graphql(STATE_AS_OF, { streamId: 'actor-megalis', at: { position } }, auditor);
      expect(travelled.status).toBe(200);
      expect(travelled.body.errors![0].extensions).toMatchObject({ code: 'INTERNAL', damage: { position, streamId: 'actor-megalis', revision: 1 } });
      const renamed = await s.graphql(RENAME, { input: { commandId: newCommandId(), actorId: 'megalis', name: 'Autre' } }, admin);
      expect(renamed.status).toBe(200);
      expect(renamed.body.errors![0].message).toContain(`damaged at position ${position}`);

      // Other records: mutations answer (their read your writes skips the stopped projections).
      const person = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { replayed person { id name } } }`;
      const other = await s.graphql(person, { input: { commandId: newCommandId(), personId: 'ada', name: 'Ada Lovelace' } }, admin);
      expect(other.body.errors).toBeUndefined();
      expect(other.body.data!.registerPerson).toEqual({ replayed: false, person: { id: 'ada', name: 'Ada Lovelace' } });
      expect(codesOf(await s.graphql(ACTORS))).toEqual([]);
    } finally {
      logged.mockRestore();
    }
  });

  it('names a stored hash that is no longer hex, and still seals and exports (found by the randomized test, seed 286685)', async () => {
    const first = await start();
    let s = first.service;
    const { admin } = first;
    for (const id of ['h1', 'h2', 'h3']) await s.graphql(REGISTER, { input: actorInput(id) }, admin);
    await stop();
    const { position, leafIndex } = onStore((db) => {
      db.prepare("UPDATE events SET hash = CAST(? AS TEXT) WHERE stream_id = 'actor-h2'").run(
        Buffer.concat([Buffer.from('ab'.repeat(28)), Buffer.from([0x96]), Buffer.from('abcdefa')]),
      );
      const row = db
        .prepare("SELECT position, (SELECT COUNT(*) FROM events e WHERE e.position < events.position) AS before FROM events WHERE stream_id = 'actor-h2'")
        .get() as { position: number; before: number };
      return { position: String(row.position), leafIndex: row.before };
    });
    expect(position).toBe('4'); // after the two principals and h1
    const restarted = await start();
    s = restarted.service;
    const { auditor } = restarted;
    const verdict = (await s.graphql(VERIFY, {}, auditor)).body.data!.verifyIntegrity;
    expect(verdict).toMatchObject({ ok: false, badPosition: position });
    const h = await health(s);
    const exported = await fetch(`${h.url}/integrity/export`, { headers: { authorization: `Bearer ${auditor}` } });
    expect(exported.status).toBe(200);
    const file = join(dir, 'export.ndjson');
    writeFileSync(file, await exported.text());
    expect((await runVerifyCli(['--export', file])).output).toMatch(new RegExp(`^FAILED at leaf index ${leafIndex}, position ${position}\\b`));
  });

  it('names a deleted sealed event as a removal against the seal', async () => {
    const { service: s, admin, auditor } = await start();
    for (const id of ['a1', 'a2', 'a3']) await s.graphql(REGISTER, { input: actorInput(id) }, admin);
    expect(await s.app.get(IntegrityService).sealNow()).toMatchObject({ treeSize: 5 }); // the two principals and a1..a3
    await stop();
    // a2 has one event, the last of its stream: only the seal can tell it is gone.
    onStore((db) => db.prepare("DELETE FROM events WHERE stream_id = 'actor-a2'").run());
    const { service: again, auditor: auditor2 } = await start();
    const verdict = (await again.graphql(VERIFY, {}, auditor2 ?? auditor)).body.data!.verifyIntegrity;
    expect(verdict.ok).toBe(false);
    expect(verdict.reason).toMatch(/the seal covers 5 events .* only 4 precede it: 1 sealed event\(s\) removed from the log/);
    expect(verdict.reason).not.toMatch(/malformed/);
  });

  it('rebuilds read models that followed a longer log (lost tail, restored older file), or refuses to start when told to', async () => {
    let { service: s, admin } = await start();
    for (const id of ['b1', 'b2']) await s.graphql(REGISTER, { input: actorInput(id) }, admin);
    await stop();
    const older = join(dir, 'events-older.db');
    copyFileSync(env.EVENT_STORE_PATH, older);
    ({ service: s, admin } = await start());
    for (const id of ['b3', 'b4', 'b5']) await s.graphql(REGISTER, { input: actorInput(id) }, admin);
    // Counts include the two principals (sgar-52, datar): the older file holds them, b1 and b2 (head 4).
    expect((await s.graphql(ACTORS)).body.data!.actors.totalCount).toBe(7);
    await stop();

    // Restore the older file under the newer read models.
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${env.EVENT_STORE_PATH}${suffix}`, { force: true });
    copyFileSync(older, env.EVENT_STORE_PATH);

    await expect(startTestService({ ...env, READ_MODEL_ON_LOG_MISMATCH: 'refuse' })).rejects.toThrow(
      /The read models do not follow this event log \(checkpoint \d+ is past the log's head 4.*READ_MODEL_ON_LOG_MISMATCH=rebuild/,
    );

    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      ({ service: s, admin } = await start());
      const lines = logged.mock.calls.map((call) => String(call[0])).filter((line) => line.includes('not the one the read models followed'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/checkpoint \d+ is past the log's head 4\): rebuilding .*actors/);
    } finally {
      logged.mockRestore();
    }
    expect((await s.graphql(ACTORS)).body.data!.actors.totalCount).toBe(4);
    // The next event reuses a position the read models had seen: it is projected all the same.
    expect((await s.graphql(REGISTER, { input: actorInput('b6') }, admin)).body.errors).toBeUndefined();
    expect((await s.graphql(ACTORS)).body.data!.actors.totalCount).toBe(5);
    const h = await health(s);
    expect(h.status).toBe(200);
    for (const p of h.body.projections) {
      expect(p.checkpointPastHead).toBe(false);
      expect(BigInt(p.checkpoint) <= BigInt(h.body.store.headPosition)).toBe(true);
    }
    const audit = await s.graphql(`{ auditTrail(first: 1) { totalCount } }`, {}, await s.token('datar', 'auditor'));
    expect(audit.body.data?.auditTrail?.totalCount ?? audit.body.errors).toBe(5);
  });

  it('notices a log that loses its tail while the service runs: rebuilds, one log line, never lag 0 past the head', async () => {
    const { service: s, admin } = await start();
    for (const id of ['t1', 't2', 't3', 't4']) await s.graphql(REGISTER, { input: actorInput(id) }, admin);
    // Counts include the two principals (sgar-52, datar), positions 1 and 2.
    expect((await s.graphql(ACTORS)).body.data!.actors.totalCount).toBe(6);
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      // Another process truncates the log (as a rolled-back server would): nothing new reaches any subscription.
      onStore((db) => db.prepare('DELETE FROM events WHERE position > 4').run());
      const first = await health(s);
      for (const p of first.body.projections) if (p.checkpointPastHead) expect(p.lag).toBeNull();
      const deadline = Date.now() + 20_000;
      while ((await s.graphql(ACTORS)).body.data!.actors.totalCount !== 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect((await s.graphql(ACTORS)).body.data!.actors.totalCount).toBe(4);
      const lines = logged.mock.calls.map((call) => String(call[0])).filter((line) => line.includes('not the one the read models followed'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/checkpoint \d+ is past the log's head 4\): rebuilding .*actors/);
    } finally {
      logged.mockRestore();
    }
    const after = await health(s);
    expect(after.status).toBe(200);
    for (const p of after.body.projections) expect(p.checkpointPastHead).toBe(false);
    expect((await s.graphql(REGISTER, { input: actorInput('t5') }, admin)).body.errors).toBeUndefined();
    expect((await s.graphql(ACTORS)).body.data!.actors.totalCount).toBe(5);
  });

  it('detects another log of the same length (a different file) by the hash of the last event read', async () => {
    let { service: s, admin } = await start();
    for (const id of ['c1', 'c2']) await s.graphql(REGISTER, { input: actorInput(id) }, admin);
    await stop();
    // Another store with as many events, different ones.
    const otherDir = mkdtempSync(join(tmpdir(), 'scoran-other-'));
    const other = await startTestService({ EVENT_STORE_PATH: join(otherDir, 'events.db'), READ_MODEL_PATH: join(otherDir, 'rm.db') });
    await registerPrincipals(other, 'sgar-52', 'datar'); // as many events as this store: the principals, then two actors
    const otherAdmin = await other.token('sgar-52', 'admin');
    for (const id of ['d1', 'd2']) await other.graphql(REGISTER, { input: actorInput(id) }, otherAdmin);
    await other.app.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${env.EVENT_STORE_PATH}${suffix}`, { force: true });
    copyFileSync(join(otherDir, 'events.db'), env.EVENT_STORE_PATH);
    rmSync(otherDir, { recursive: true, force: true });

    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      ({ service: s } = await start());
      expect(logged.mock.calls.map((call) => String(call[0])).some((line) => /the last event read \(actor-c2 revision 0\) is not in the log/.test(line))).toBe(
        true,
      );
    } finally {
      logged.mockRestore();
    }
    const ids = (await s.graphql(`{ actors(first: 10) { edges { node { id } } } }`)).body.data!.actors.edges.map((e: any) => e.node.id).sort();
    expect(ids).toEqual(['d1', 'd2', 'datar', 'sgar-52']);
  });
});
