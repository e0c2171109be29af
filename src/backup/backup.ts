import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config/config.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { sealOf } from '../integrity/integrity.service.js';
import { logRecords, SEAL_STREAM, verifyLog } from '../integrity/verify-log.js';

const USAGE = 'usage: npm run backup -- --out <new or empty folder> [--with-read-models]';

export interface BackupManifest {
  format: 'scoran-ledger-backup/1';
  createdAt: string;
  files: { eventStore: string; keyStore: string | null; readModels: string | null };
  events: number;
  headPosition: string;
  root: string;
  /** The last seal in the copy: what an auditor compares with the seals they kept (docs/operations.md). */
  lastSeal: { treeSize: number; root: string; position: string } | null;
}

/**
 * `npm run backup -- --out <dir>`: a consistent copy of the embedded stores while the service runs,
 * through SQLite's online backup API (each copy is one snapshot of its file, taken page by page
 * without stopping writers). The log first, then the key store (a key is created before the event
 * that uses it, so every person in the copied log has its key), then the read models if asked.
 * The copy's log is verified (chains, seals, undecodable rows) before it says done.
 * Exit code 0: done and verified; 1: failed (nothing to rely on in the folder); 2: bad usage.
 */
export async function runBackupCli(argv: readonly string[], env: Record<string, string | undefined> = process.env): Promise<{ code: number; output: string }> {
  const out = valueOf(argv, '--out');
  if (argv.includes('--help') || !out || argv.some((arg) => arg.startsWith('--') && !['--out', '--with-read-models', '--help'].includes(arg))) {
    return { code: 2, output: USAGE };
  }
  if (existsSync(out) && readdirSync(out).length > 0) return { code: 2, output: `${out} is not empty: back up into a new or empty folder` };
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return { code: 2, output: error.message };
    throw error;
  }
  if (config.eventStore.engine !== 'sqlite') {
    return {
      code: 2,
      output: 'The event store is EventStoreDB: back it up with its own tools (docs/operations.md, "Backups"); this command copies the embedded SQLite stores',
    };
  }
  const source = config.eventStore.path;
  if (source === ':memory:' || !existsSync(source)) return { code: 1, output: `No event store at ${source} (EVENT_STORE_PATH)` };

  mkdirSync(out, { recursive: true });
  const files: BackupManifest['files'] = { eventStore: 'events.db', keyStore: null, readModels: null };
  try {
    await copyOnline(source, join(out, files.eventStore));
    if (config.keyStorePath !== ':memory:' && existsSync(config.keyStorePath)) {
      files.keyStore = 'keys.db';
      await copyOnline(config.keyStorePath, join(out, files.keyStore));
    }
    if (argv.includes('--with-read-models') && existsSync(config.readModelPath)) {
      files.readModels = 'read-models.db';
      await copyOnline(config.readModelPath, join(out, files.readModels));
    }
  } catch (error) {
    return { code: 1, output: `Backup failed: ${(error as Error).message}` };
  }

  const verified = await verifyCopy(join(out, files.eventStore));
  if (!verified.ok)
    return { code: 1, output: `Backup copied to ${out}, but its log does not verify: ${verified.reason}. Do not rely on it; see docs/operations.md, "Damage"` };
  const manifest: BackupManifest = { format: 'scoran-ledger-backup/1', createdAt: new Date().toISOString(), files, ...verified.summary };
  writeFileSync(join(out, 'backup.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const seal = manifest.lastSeal ? `last seal: ${manifest.lastSeal.treeSize} events, root ${manifest.lastSeal.root}` : 'no seal yet';
  const lines = [
    `Backup done in ${out}: ${manifest.events} events up to position ${manifest.headPosition}, log verified (root ${manifest.root}; ${seal})`,
    `Files: ${Object.values(files).filter(Boolean).join(', ')}, backup.json`,
  ];
  if (files.keyStore)
    lines.push('The key store copy holds personal-data keys: keep it apart from the log and no longer than the erasure deadline (docs/personal-data.md)');
  return { code: 0, output: lines.join('\n') };
}

/** SQLite's online backup: a consistent snapshot while other connections (the service) write. */
async function copyOnline(from: string, to: string): Promise<void> {
  const db = new Database(from, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(to);
  } finally {
    db.close();
  }
}

async function verifyCopy(
  path: string,
): Promise<{ ok: true; summary: Pick<BackupManifest, 'events' | 'headPosition' | 'root' | 'lastSeal'> } | { ok: false; reason: string }> {
  let store: SqliteEventStore | undefined;
  try {
    store = new SqliteEventStore({ path });
    const opened = store;
    const verdict = await verifyLog(() => logRecords((after) => opened.readAll({ after, limit: 5000 })));
    if (!verdict.ok) return { ok: false, reason: `first problem at position ${verdict.position ?? '?'} (leaf ${verdict.index}): ${verdict.reason}` };
    const [last] = await store.readStream(SEAL_STREAM, { direction: 'backwards', maxCount: 1 });
    const seal = last ? sealOf(last) : null;
    return {
      ok: true,
      summary: {
        events: verdict.events,
        headPosition: (await store.headPosition()).toString(),
        root: verdict.root,
        lastSeal: seal ? { treeSize: seal.treeSize, root: seal.root, position: seal.position } : null,
      },
    };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  } finally {
    await store?.close();
  }
}

function valueOf(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  const value = at >= 0 ? argv[at + 1] : undefined;
  return value && !value.startsWith('--') ? value : undefined;
}
