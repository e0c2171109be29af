import { Global, Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore, Position, RecordedEvent } from '../event-store/event-store.js';
import type { RunnableProjection, ReadModelDatabase } from './projection.js';
import { ProjectionRunner, type ProjectionStatus } from './projection-runner.js';
import { openReadModelDatabase } from './read-model-database.js';

export const READ_MODEL_DB = Symbol('READ_MODEL_DB');

export type CommittedListener = (projection: string, events: readonly RecordedEvent[]) => void;

/**
 * Feature modules register their projections while the app initialises; the runner starts once
 * every module is ready (application bootstrap) and stops at shutdown.
 */
@Injectable()
export class Projections implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly registered: RunnableProjection[] = [];
  private readonly committedListeners = new Set<CommittedListener>();
  private readonly invalidatedListeners = new Set<(projection: string) => void>();
  private runner?: ProjectionRunner;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) readonly db: ReadModelDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register(projection: RunnableProjection): void {
    if (this.runner) throw new Error(`Projection ${projection.name} registered after start`);
    this.registered.push(projection);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.runner = new ProjectionRunner(this.store, this.db, this.registered, {
      onLogMismatch: this.config.readModels.onLogMismatch,
      log: (level, msg, details) => console.error(JSON.stringify({ level, msg, ...details })),
      onError: (name, error) => console.error(JSON.stringify({ level: 'error', msg: `Projection ${name} failed`, error: String(error) })),
      onCommitted: (name, events) => {
        for (const listener of this.committedListeners) listener(name, events);
      },
      onInvalidated: (name) => {
        for (const listener of this.invalidatedListeners) listener(name);
      },
    });
    // Before anything reads or serves: read models that followed another log are rebuilt (or the start refused).
    await this.runner.reconcile();
    this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
    this.db.close();
  }

  /** Read your writes: resolves when every read model includes the given position. */
  waitFor(position: Position): Promise<void> {
    return this.started().waitFor(position, { timeoutMs: this.config.readYourWritesTimeoutMs });
  }

  /** Listens to every batch a projection commits; returns the function that stops listening. */
  onCommitted(listener: CommittedListener): () => void {
    this.committedListeners.add(listener);
    return () => this.committedListeners.delete(listener);
  }

  /**
   * Listens for read models changed without an `onCommitted` batch (dropped, rebuilt, or stopped
   * after a partial commit): whoever keeps something derived from one must forget it.
   */
  onInvalidated(listener: (projection: string) => void): () => void {
    this.invalidatedListeners.add(listener);
    return () => this.invalidatedListeners.delete(listener);
  }

  status(): ProjectionStatus[] {
    return this.runner?.status() ?? [];
  }

  private started(): ProjectionRunner {
    if (!this.runner) throw new Error('Projections are not started yet');
    return this.runner;
  }
}

@Global()
@Module({
  providers: [{ provide: READ_MODEL_DB, inject: [APP_CONFIG], useFactory: (config: AppConfig) => openReadModelDatabase(config.readModelPath) }, Projections],
  exports: [READ_MODEL_DB, Projections],
})
export class ProjectionsModule {}
