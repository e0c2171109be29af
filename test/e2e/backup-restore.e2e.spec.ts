/**
 * Online backup while the service runs, then the restore procedure of docs/operations.md executed
 * as written: back up, write more, restore, start → read models rebuilt by themselves, the log
 * verifies, and the events after the backup are reported missing against the last seal kept.
 */
import { jest } from '@jest/globals';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signDevToken } from '../../src/auth/dev-token.js';
import { DEV_SECRET, registerPrincipals } from './harness.js';
import { buildService, mustStart, type Build, type ServiceProcess } from './service-process.js';

jest.setTimeout(240_000);

const REGISTER = `mutation($input: RegisterActorInput!) { registerActor(input: $input) { revision } }`;
const PERSON = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id name } } }`;
const VERIFY = `query($keptTreeSize: Int, $keptRoot: String) { verifyIntegrity(keptTreeSize: $keptTreeSize, keptRoot: $keptRoot) { ok events badIndex reason damaged { position } } }`;
const SEALS = `{ seals { treeSize root position } }`;
const ACTORS = `{ actors(first: 100) { totalCount } }`;

/** The ```sh block of the "Restore" section of docs/operations.md. */
function restoreProcedure(): string {
  const doc = readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('### Restore\n'));
  const block = /```sh\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('docs/operations.md has no sh block under "### Restore"');
  return block[1];
}

describe('Online backup and the documented restore', () => {
  let build: Build;
  const root = mkdtempSync(join(tmpdir(), 'scoran-backup-'));
  const data = join(root, 'data');
  const backup = join(root, 'backup');
  const env = { EVENT_STORE_PATH: join(data, 'events.db'), READ_MODEL_PATH: join(data, 'read-models.db'), KEY_STORE_PATH: join(data, 'keys.db') };
  let service: ServiceProcess | undefined;

  beforeAll(() => {
    build = buildService();
  });
  afterAll(async () => {
    await service?.stop();
    build?.remove();
    rmSync(root, { recursive: true, force: true });
  });

  const backupEnv = () => ({ PATH: process.env.PATH, NODE_ENV: 'test', AUTH_DEV_SECRET: DEV_SECRET, ...env });
  /** Without blocking this process, so the writer below keeps writing during the copy. */
  const runBackupAsync = (args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
      const child = spawn(process.execPath, [build.file('scripts/backup.js'), ...args], { env: backupEnv() });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (status) => done({ status, stdout, stderr }));
    });
  const runBackup = (args: string[]) =>
    spawnSync(process.execPath, [build.file('scripts/backup.js'), ...args], {
      env: { PATH: process.env.PATH, NODE_ENV: 'test', AUTH_DEV_SECRET: DEV_SECRET, ...env },
      encoding: 'utf8',
    });

  it('backs up while writes go on, verifies the copy, and the restore brings back exactly that log', async () => {
    const admin = await signDevToken(DEV_SECRET, { subject: 'person-sgar', actorId: 'sgar-52', role: 'admin' });
    const auditor = await signDevToken(DEV_SECRET, { subject: 'person-datar', actorId: 'datar', role: 'auditor' });
    service = await mustStart(build, env);
    await registerPrincipals(service, 'sgar-52', 'datar'); // the tokens' actors, in the log the backup copies
    const register = (actorId: string) =>
      service!.graphql(
        REGISTER,
        { input: { commandId: randomUUID(), actorId, kind: 'JOINT_SYNDICATE', name: `Syndicat ${actorId}`, territories: [{ kind: 'REGION', code: '52' }] } },
        admin,
      );
    for (let i = 0; i < 20; i++) expect((await register(`before-${i}`)).body.errors).toBeUndefined();
    expect((await service.graphql(PERSON, { input: { commandId: randomUUID(), personId: 'ada', name: 'Ada Lovelace' } }, admin)).body.errors).toBeUndefined();

    // Back up while a writer keeps appending.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) if (!(await register(`during-${written++}`)).body.errors) continue;
    })();
    const result = await runBackupAsync(['--out', backup, '--with-read-models']);
    writing = false;
    await writer;
    expect(written).toBeGreaterThan(1);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Backup done in .*: \d+ events up to position \d+, log verified \(root [0-9a-f]{64}; /);
    const manifest = JSON.parse(readFileSync(join(backup, 'backup.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'scoran-ledger-backup/1', files: { eventStore: 'events.db', keyStore: 'keys.db', readModels: 'read-models.db' } });
    expect(existsSync(join(backup, 'keys.db'))).toBe(true);
    const backedUpActors = manifest.events - 1; // one person
    expect(backedUpActors).toBeGreaterThanOrEqual(20);

    // More writes after the backup, sealed: the auditor keeps that seal.
    for (let i = 0; i < 5; i++) expect((await register(`after-${i}`)).body.errors).toBeUndefined();
    const exported = await fetch(`${service.url}/integrity/export`, { headers: { authorization: `Bearer ${auditor}` } });
    expect(exported.status).toBe(200);
    await exported.text();
    const seals = (await service.graphql(SEALS, {}, auditor)).body.data!.seals as { treeSize: number; root: string }[];
    const kept = seals[seals.length - 1];
    expect(kept.treeSize).toBeGreaterThan(manifest.events);
    const actorsBefore = (await service.graphql(ACTORS)).body.data!.actors.totalCount as number;
    await service.stop();
    service = undefined;

    // The documented restore, as written.
    execFileSync('bash', ['-euc', restoreProcedure()], { env: { PATH: process.env.PATH, DATA: data, BACKUP: backup }, stdio: 'pipe' });
    expect(existsSync(join(data, 'before-restore', 'events.db'))).toBe(true);

    service = await mustStart(build, { ...env, LOG_LEVEL: 'info' });
    expect(service.output()).toMatch(/The event log is not the one the read models followed \(checkpoint \d+ is past the log's head \d+\): rebuilding /);
    const actors = (await service.graphql(ACTORS)).body.data!.actors.totalCount as number;
    expect(actors).toBe(backedUpActors);
    expect(actors).toBeLessThan(actorsBefore);
    const health = await service.get('/health');
    expect(health.status).toBe(200);
    expect(health.body.projections.every((p: { checkpointPastHead: boolean }) => !p.checkpointPastHead)).toBe(true);

    const whole = (await service.graphql(VERIFY, {}, auditor)).body.data!.verifyIntegrity;
    expect(whole).toMatchObject({ ok: true, events: manifest.events, damaged: [] });
    const against = (await service.graphql(VERIFY, { keptTreeSize: kept.treeSize, keptRoot: kept.root }, auditor)).body.data!.verifyIntegrity;
    expect(against).toMatchObject({ ok: false, badIndex: manifest.events });
    expect(against.reason).toBe(
      `the log holds ${manifest.events} events (up to position ${manifest.headPosition}), the seal you kept covers ${kept.treeSize}: ` +
        `the ${kept.treeSize - manifest.events} events after position ${manifest.headPosition} are missing (restored from an older backup, or lost)`,
    );
    // The person registered before the backup is still readable (the key store was kept).
    const person = await service.graphql(`{ person(id: "ada") { name } }`, {}, admin);
    expect(person.body.data!.person).toEqual({ name: 'Ada Lovelace' });
  });

  it('refuses a non-empty folder, an unknown option and a missing store, writing nothing', () => {
    const refused = runBackup(['--out', backup]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/is not empty/);
    expect(runBackup(['--out']).status).toBe(2);
    expect(runBackup(['--out', join(root, 'x'), '--fast']).stderr).toMatch(/^usage: npm run backup/);
    const missing = spawnSync(process.execPath, [build.file('scripts/backup.js'), '--out', join(root, 'y')], {
      env: { PATH: process.env.PATH, NODE_ENV: 'test', EVENT_STORE_PATH: join(root, 'none', 'events.db') },
      encoding: 'utf8',
    });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/No event store at/);
  });
});
