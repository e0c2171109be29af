import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ReadModelDatabase } from './projection.js';

/**
 * The read models live in their own SQLite file: they can always be rebuilt from the log, so
 * synchronous=NORMAL is enough (a commit lost on power failure is replayed from the checkpoint).
 */
export function openReadModelDatabase(path: string): ReadModelDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  return db;
}
