import { START, type EventStore, type Position, type RecordedEvent } from '../event-store/event-store.js';
import { batches, type Batch } from './batches.js';
import type { Projection, ReadModelDatabase } from './projection.js';

/** The places where a crash can happen while a batch is projected (for fault-injection tests). */
export type ProjectionStep = 'afterEvent' | 'beforeCheckpoint' | 'afterCommit';
export type FaultInjector = (step: ProjectionStep, projection: string, event?: RecordedEvent) => void;

export interface ProjectionRunnerOptions {
  /** Largest number of events applied in one transaction (default 500). */
  batchSize?: number;
  /** Test hook: throwing from it simulates a crash at that step. */
  faults?: FaultInjector;
  onError?: (projection: string, error: unknown) => void;
  /** Called after a batch's read-model changes are committed: live updates start from here. */
  onCommitted?: (projection: string, events: readonly RecordedEvent[]) => void;
}

export type ProjectionState = 'starting' | 'catchingUp' | 'live' | 'failed' | 'stopped';

export interface ProjectionStatus {
  name: string;
  version: number;
  /** Persisted checkpoint: every event up to here is in the read model. */
  checkpoint: Position;
  /** Examined up to here (may pass the checkpoint over events the projection does not read). */
  examined: Position;
  state: ProjectionState;
  error?: string;
}

export class ProjectionTimeoutError extends Error {
  constructor(
    readonly position: Position,
    readonly lagging: string[],
  ) {
    super(`Read models did not reach position ${position} in time (lagging: ${lagging.join(', ')})`);
    this.name = 'ProjectionTimeoutError';
  }
}

const CHECKPOINTS = `
CREATE TABLE IF NOT EXISTS projection_checkpoints (
  name     TEXT PRIMARY KEY,
  version  INTEGER NOT NULL,
  position TEXT    NOT NULL,
  tables   TEXT    NOT NULL
) WITHOUT ROWID`;

interface Running {
  projection: Projection;
  status: ProjectionStatus;
  close?: () => Promise<void>;
  loop?: Promise<void>;
}

/**
 * Feeds each projection from its own subscription, starting at its checkpoint. Each batch's
 * read-model changes and the new checkpoint commit in one transaction, so a crash at any point
 * leaves the read model equal to what a full rebuild up to the checkpoint would give.
 */
export class ProjectionRunner {
  private readonly running = new Map<string, Running>();
  private readonly waiters = new Set<() => void>();
  private readonly batchSize: number;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDatabase,
    private readonly projections: readonly Projection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    const names = new Set(projections.map((p) => p.name));
    if (names.size !== projections.length) throw new Error('Two projections share a name');
    this.batchSize = options.batchSize ?? 500;
    db.exec(CHECKPOINTS);
  }

  /** Prepares every projection (rebuilding those whose version changed) and starts their loops. */
  start(): void {
    for (const projection of this.projections) {
      const checkpoint = this.prepare(projection);
      const running: Running = {
        projection,
        status: { name: projection.name, version: projection.version, checkpoint, examined: checkpoint, state: 'starting' },
      };
      this.running.set(projection.name, running);
      running.loop = this.run(running);
    }
  }

  /** Drops a projection's read model and replays it from the start (also what a version bump does). */
  async rebuild(name: string): Promise<void> {
    const running = this.running.get(name);
    if (!running) throw new Error(`Unknown projection ${name}`);
    await this.stopOne(running);
    this.drop(running.projection);
    const checkpoint = this.prepare(running.projection);
    running.status = { ...running.status, checkpoint, examined: checkpoint, state: 'starting', error: undefined };
    running.loop = this.run(running);
  }

  status(): ProjectionStatus[] {
    return [...this.running.values()].map((r) => ({ ...r.status }));
  }

  /** Resolves once every projection (or the named ones) has examined the log up to `position`. */
  waitFor(position: Position, options: { timeoutMs?: number; projections?: readonly string[] } = {}): Promise<void> {
    const selected = [...this.running.values()].filter((r) => !options.projections || options.projections.includes(r.projection.name));
    const lagging = () => selected.filter((r) => r.status.examined < position);
    return new Promise((resolve, reject) => {
      const check = () => {
        const behind = lagging();
        const failed = behind.find((r) => r.status.state === 'failed');
        if (behind.length === 0 || failed) {
          clearTimeout(timer);
          this.waiters.delete(check);
          if (failed) reject(new Error(`Projection ${failed.projection.name} failed: ${failed.status.error}`));
          else resolve();
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new ProjectionTimeoutError(position, lagging().map((r) => r.projection.name)));
      }, options.timeoutMs ?? 5000);
      this.waiters.add(check);
      check();
    });
  }

  async stop(): Promise<void> {
    await Promise.all([...this.running.values()].map((r) => this.stopOne(r)));
  }

  private async stopOne(running: Running): Promise<void> {
    await running.close?.();
    await running.loop;
    if (running.status.state !== 'failed') running.status.state = 'stopped';
  }

  /** Reads the checkpoint; on a new projection or a changed version, (re)creates its tables. */
  private prepare(projection: Projection): Position {
    return this.db.transaction((): Position => {
      const row = this.db.prepare('SELECT version, position, tables FROM projection_checkpoints WHERE name = ?').get(projection.name) as
        | { version: number; position: string; tables: string }
        | undefined;
      if (row && row.version === projection.version) return BigInt(row.position);
      if (row) for (const table of JSON.parse(row.tables) as string[]) this.db.exec(`DROP TABLE IF EXISTS "${table}"`);
      for (const table of projection.tables) this.db.exec(`DROP TABLE IF EXISTS "${table}"`);
      projection.setup(this.db);
      this.db
        .prepare('INSERT OR REPLACE INTO projection_checkpoints (name, version, position, tables) VALUES (?, ?, ?, ?)')
        .run(projection.name, projection.version, START.toString(), JSON.stringify(projection.tables));
      return START;
    })();
  }

  private drop(projection: Projection): void {
    this.db.transaction(() => {
      for (const table of projection.tables) this.db.exec(`DROP TABLE IF EXISTS "${table}"`);
      this.db.prepare('DELETE FROM projection_checkpoints WHERE name = ?').run(projection.name);
    })();
  }

  private async run(running: Running): Promise<void> {
    const { projection, status } = running;
    const subscription = this.store.subscribeToAll({ after: status.checkpoint, filter: projection.filter });
    running.close = () => subscription.close();
    status.state = 'catchingUp';
    try {
      const apply = projection.handler(this.db);
      const saveCheckpoint = this.db.prepare('UPDATE projection_checkpoints SET position = ? WHERE name = ?');
      const commit = this.db.transaction((batch: Batch) => {
        for (const event of batch.events) {
          apply(event);
          this.options.faults?.('afterEvent', projection.name, event);
        }
        this.options.faults?.('beforeCheckpoint', projection.name);
        saveCheckpoint.run(batch.position.toString(), projection.name);
      });
      for await (const batch of batches(subscription, this.batchSize)) {
        if (batch.events.length > 0) {
          commit(batch);
          this.options.faults?.('afterCommit', projection.name);
          status.checkpoint = batch.position;
          this.options.onCommitted?.(projection.name, batch.events);
        }
        // Positions with no event for this projection move only the in-memory mark: replaying
        // events it does not read after a restart is harmless, and it saves a write per append.
        if (batch.position > status.examined) status.examined = batch.position;
        if (batch.caughtUp) status.state = 'live';
        this.notify();
        // Catch-up is all synchronous reads and writes: let the server answer requests between batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      status.state = 'failed';
      status.error = error instanceof Error ? error.message : String(error);
      this.options.onError?.(projection.name, error);
      await subscription.close();
      this.notify();
    }
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
