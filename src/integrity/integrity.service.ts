import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import { Metrics } from '../shared/metrics.js';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { ConcurrencyError } from '../event-store/errors.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore, RecordedEvent } from '../event-store/event-store.js';
import { computeTree, consistencyProofRanges, inclusionPathRanges, MerkleAccumulator, storedEventLeafHash, toHex, type Hash } from './merkle.js';
import { isSealData, logRecords, SEAL_EVENT_TYPE, SEAL_STREAM, verifyLog, type LogRecord, type LogVerdict, type SealData } from './verify-log.js';

export interface Seal extends SealData {
  /** The seal event itself. */
  eventId: string;
  position: string;
  recordedAt: string;
}

export interface InclusionProofResult {
  eventId: string;
  eventHash: string;
  leafIndex: number;
  treeSize: number;
  root: string;
  path: string[];
  /** The seal of this tree size, when there is one. */
  seal: Seal | null;
}

export interface ConsistencyProofResult {
  firstSize: number;
  secondSize: number;
  firstRoot: string;
  secondRoot: string;
  path: string[];
}

const SEAL_TIMER = 'integrity-seal';
const PAGE = 5000;

/** A deterministic UUID for the seal of a tree size: two instances sealing the same size write one event. */
function sealEventId(treeSize: number, root: string): string {
  const h = createHash('sha256').update(`seal:${treeSize}:${root}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function sealOf(event: RecordedEvent): Seal | null {
  if (event.streamId !== SEAL_STREAM || event.type !== SEAL_EVENT_TYPE || !isSealData(event.data)) return null;
  const { treeSize, lastPosition, root } = event.data;
  return { treeSize, lastPosition, root, eventId: event.id, position: event.position.toString(), recordedAt: event.recordedAt };
}

/**
 * Seals the log (periodically and on demand) and answers proofs. Keeps a running Merkle
 * accumulator (O(log N) hashes) over the log so a seal reads only the events added since the last.
 */
@Injectable()
export class IntegrityService implements OnApplicationBootstrap {
  private readonly logger = new Logger('integrity');
  private readonly accumulator = new MerkleAccumulator();
  private after = 0n;
  private lastPosition = '0';
  private sealing: Promise<Seal | null> | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly schedulerRegistry: SchedulerRegistry,
    @Optional() private readonly metrics?: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.integrity.sealIntervalMinutes;
    if (minutes <= 0) return;
    const interval = setInterval(() => {
      this.sealNow().catch((error: unknown) => this.logger.warn(`Could not seal the log: ${error instanceof Error ? error.message : String(error)}`));
    }, minutes * 60_000);
    interval.unref();
    this.schedulerRegistry.addInterval(SEAL_TIMER, interval);
  }

  /**
   * Seals every event recorded so far (the tree of the whole log) unless the log did not grow since
   * the last seal (other than by that seal itself): then returns the last seal. Returns null for an
   * empty log. The report-issuing feature calls this for every issued report.
   */
  sealNow(): Promise<Seal | null> {
    // One seal at a time in this process; other instances are handled by the expected revision.
    this.sealing ??= this.seal().finally(() => (this.sealing = undefined));
    return this.sealing;
  }

  private async seal(): Promise<Seal | null> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const [last] = await this.store.readStream(SEAL_STREAM, { direction: 'backwards', maxCount: 1 });
      const lastSeal = last ? sealOf(last) : null;
      await this.catchUp();
      const treeSize = this.accumulator.size;
      if (treeSize === 0) return null;
      if (lastSeal && last && (lastSeal.treeSize === treeSize || (lastSeal.treeSize + 1 === treeSize && this.lastPosition === lastSeal.position))) {
        return lastSeal;
      }
      const root = toHex(this.accumulator.root());
      const data: SealData = { treeSize, lastPosition: this.lastPosition, root };
      const id = sealEventId(treeSize, root);
      const now = new Date().toISOString();
      try {
        await this.store.append(
          SEAL_STREAM,
          [
            {
              id,
              type: SEAL_EVENT_TYPE,
              data,
              metadata: { commandId: id, correlationId: id, causationId: id, principal: 'system:integrity-seal', occurredAt: now, schemaVersion: 1 },
            },
          ],
          last ? last.revision : 'no_stream',
        );
      } catch (error) {
        if (error instanceof ConcurrencyError) continue; // another instance sealed meanwhile: look again
        throw error;
      }
      const [written] = await this.store.readStream(SEAL_STREAM, { direction: 'backwards', maxCount: 1 });
      return sealOf(written)!;
    }
    throw new Error('Could not seal the log: it kept changing');
  }

  private catching: Promise<void> | undefined;

  /** Brings the running accumulator to the end of the log (one reader at a time). */
  private catchUp(): Promise<void> {
    this.catching ??= this.readNewEvents().finally(() => (this.catching = undefined));
    return this.catching;
  }

  private async readNewEvents(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll({ after: this.after, limit: PAGE });
      for (const event of page.events) {
        this.accumulator.push(storedEventLeafHash(event.hash));
        this.lastPosition = event.position.toString();
      }
      this.after = page.lastPosition;
      if (page.isEnd || page.events.length === 0) return;
    }
  }

  /** Seals, oldest first. */
  async seals(): Promise<Seal[]> {
    const events = await this.store.readStream(SEAL_STREAM);
    return events.map(sealOf).filter((seal): seal is Seal => seal !== null);
  }

  async sealAt(filter: { position?: string; treeSize?: number }): Promise<Seal | null> {
    const seals = await this.seals();
    if (filter.position !== undefined) return seals.find((s) => s.position === filter.position) ?? null;
    if (filter.treeSize !== undefined) return seals.find((s) => s.treeSize === filter.treeSize) ?? null;
    return seals[seals.length - 1] ?? null;
  }

  /** The log's events in order with their leaf indexes, read page by page. */
  records(): AsyncGenerator<LogRecord> {
    return logRecords((after) => this.store.readAll({ after, limit: PAGE }));
  }

  async *leaves(): AsyncGenerator<Hash> {
    for await (const record of this.records()) yield storedEventLeafHash(record.hash);
  }

  /** Leaf index of an event (its ordinal in the log), or undefined. */
  async leafIndexOf(eventId: string): Promise<{ index: number; event: RecordedEvent } | undefined> {
    const wanted = eventId.toLowerCase();
    for await (const record of this.records()) if (record.id.toLowerCase() === wanted) return { index: record.index, event: record };
    return undefined;
  }

  async inclusionProof(eventId: string, treeSize: number): Promise<InclusionProofResult | undefined> {
    const found = await this.leafIndexOf(eventId);
    if (!found || found.index >= treeSize) return undefined;
    const { root, nodes } = await computeTree(this.leaves(), treeSize, inclusionPathRanges(found.index, treeSize));
    const seal = await this.sealAt({ treeSize });
    return { eventId: found.event.id, eventHash: found.event.hash, leafIndex: found.index, treeSize, root: toHex(root), path: nodes.map(toHex), seal };
  }

  async consistencyProof(firstSize: number, secondSize: number): Promise<ConsistencyProofResult> {
    const first = await computeTree(this.leaves(), firstSize);
    const second = await computeTree(this.leaves(), secondSize, consistencyProofRanges(firstSize, secondSize));
    return { firstSize, secondSize, firstRoot: toHex(first.root), secondRoot: toHex(second.root), path: second.nodes.map(toHex) };
  }

  async headSize(): Promise<number> {
    await this.catchUp();
    return this.accumulator.size;
  }

  /**
   * Walks the whole log; with a seal an auditor kept (tree size and root, from before a restore for
   * instance), also checks that the log still holds those events unchanged: a log restored from an
   * older backup is reported as missing the events after its head.
   */
  verify(kept?: { treeSize: number; root: string }): Promise<LogVerdict> {
    const run = () => this.verifyAgainst(kept);
    return this.metrics ? this.metrics.time(this.metrics.verificationDuration, run, (verdict) => ({ verdict: verdict.ok ? 'ok' : 'damaged' })) : run();
  }

  private async verifyAgainst(kept?: { treeSize: number; root: string }): Promise<LogVerdict> {
    const verdict = await verifyLog(() => this.records());
    if (!verdict.ok || !kept) return verdict;
    if (verdict.events < kept.treeSize) {
      const head = (await this.store.headPosition()).toString();
      return {
        ok: false,
        index: verdict.events,
        position: null,
        reason:
          `the log holds ${verdict.events} events (up to position ${head}), the seal you kept covers ${kept.treeSize}: ` +
          `the ${kept.treeSize - verdict.events} events after position ${head} are missing (restored from an older backup, or lost)`,
      };
    }
    const { root } = await computeTree(this.leaves(), kept.treeSize);
    if (toHex(root) !== kept.root) {
      return {
        ok: false,
        index: kept.treeSize - 1,
        position: null,
        reason: `the first ${kept.treeSize} events of the log do not match the seal you kept (root ${toHex(root)}, kept ${kept.root}): another log, or rewritten events`,
      };
    }
    return verdict;
  }

  /** Every event whose stored form does not decode, in log order: the verdict stops at the first problem, this lists them all. */
  async damaged(): Promise<{ position: string; streamId: string; revision: number; reason: string }[]> {
    const found: { position: string; streamId: string; revision: number; reason: string }[] = [];
    for await (const record of this.records()) {
      if (record.damage !== undefined)
        found.push({ position: record.position.toString(), streamId: record.streamId, revision: record.revision, reason: record.damage });
    }
    return found;
  }
}
