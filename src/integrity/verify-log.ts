import type { RecordedEvent } from '../event-store/event-store.js';
import { eventHash, GENESIS_HASH } from '../event-store/hash-chain.js';
import { eventLeafHash, MerkleAccumulator, toHex, type Hash } from './merkle.js';

/** Seals live in one stream of the log, like every other fact. */
export const SEAL_STREAM = 'seal-log';
export const SEAL_EVENT_TYPE = 'LogSealed';

export interface SealData {
  /** The sealed tree covers the first `treeSize` events of the global log (leaf indexes 0..treeSize-1). */
  treeSize: number;
  /** Global position of the last sealed event (leaf treeSize-1), as a decimal string; "0" for an empty tree. */
  lastPosition: string;
  /** RFC 6962 root (hex) of that tree. */
  root: string;
}

/** An event with its leaf index: its ordinal in the global log (0-based). */
export type LogRecord = RecordedEvent & { index: number };

export type LogVerdict = { ok: true; events: number; seals: number; root: string } | { ok: false; index: number; position: string | null; reason: string };

export interface VerifyLogOptions {
  /**
   * The log is expected to hold exactly this many events (an export sealed at this size): fewer is a
   * removal, and the root over them must equal `root` when given.
   */
  expected?: { treeSize: number; root?: string };
  /**
   * How an event's hash is recomputed (default `eventHash`). Tests over immutable in-memory records
   * pass a memoized one so a thousand mutated copies of one log do not rehash the untouched events.
   */
  hashOf?: (event: RecordedEvent) => string;
  /** How an event's Merkle leaf hash is computed (default `eventLeafHash(event.hash)`), memoizable likewise. */
  leafOf?: (event: RecordedEvent) => Hash;
}

const defaultLeaf = (event: RecordedEvent) => eventLeafHash(event.hash);

/** Sync sources are walked without an await per record. */
async function* walk(source: Source): AsyncGenerator<LogRecord[]> {
  if (Symbol.iterator in source) {
    const batch: LogRecord[] = [];
    for (const record of source) {
      batch.push(record);
      if (batch.length === 4096) yield batch.splice(0);
    }
    if (batch.length > 0) yield batch;
    return;
  }
  for await (const record of source) yield [record];
}

type Source = Iterable<LogRecord> | AsyncIterable<LogRecord>;

interface PendingSeal {
  index: number;
  position: string;
  data: SealData;
}

/**
 * Checks the global log in order. Pass 1: leaf indexes contiguous from 0, positions strictly
 * increasing, every stream's chain (revisions contiguous from 0, prevHash links, hash recomputed).
 * Pass 2 (`open` is called again): every seal's root and last position against the events it covers,
 * and the expected root. Reports the first bad leaf index and why.
 */
export async function verifyLog(open: () => Source, options: VerifyLogOptions = {}): Promise<LogVerdict> {
  const checker = new ChainChecker(options.hashOf);
  let count = 0;
  for await (const batch of walk(open())) {
    for (const record of batch) {
      const failure = checker.push(record, count);
      count += 1;
      if (failure) return resolveDuplicate(open, failure, options);
    }
  }
  const expectedSize = options.expected?.treeSize;
  if (expectedSize !== undefined && count < expectedSize) {
    return { ok: false, index: count, position: null, reason: `the log ends after ${count} events, the seal covers ${expectedSize} (events removed)` };
  }
  if (expectedSize !== undefined && count > expectedSize) {
    return { ok: false, index: expectedSize, position: null, reason: `the log holds ${count} events, the seal covers only ${expectedSize} (events added)` };
  }
  return checkSeals(open, checker.seals, count, options.expected?.root, options.leafOf ?? defaultLeaf);
}

interface Failure {
  index: number;
  position: string | null;
  reason: string;
  /** Two events claim one leaf index: which one does not belong is settled by the roots. */
  duplicateOf?: number;
}

export class ChainChecker {
  private readonly streams = new Map<string, { next: number; last: string }>();
  private previous: { index: number; position: bigint } | undefined;
  readonly seals: PendingSeal[] = [];

  constructor(private readonly hashOf: (event: RecordedEvent) => string = eventHash) {}

  /** Checks the record at ordinal `at`; a failure stops the walk. */
  push(record: LogRecord, at: number): Failure | undefined {
    const shape = shapeProblem(record);
    const fail = (reason: string, duplicateOf?: number): Failure => ({
      index: at,
      position: typeof record?.position === 'bigint' ? record.position.toString() : null,
      reason,
      duplicateOf,
    });
    if (shape) return fail(`unreadable event: ${shape}`);
    if (record.damage !== undefined) return fail(`unreadable event (stream ${record.streamId} revision ${record.revision}): ${record.damage}`);
    if (record.index !== at) {
      if (this.previous && record.index === this.previous.index) return fail(`two events claim leaf index ${record.index}`, at - 1);
      return fail(`expected the event at leaf index ${at}, found leaf index ${record.index} (an event was removed, inserted or moved)`);
    }
    if (this.previous && record.position <= this.previous.position) {
      return fail(`position ${record.position} is not after ${this.previous.position} (events reordered or duplicated)`);
    }
    const stream = this.streams.get(record.streamId) ?? { next: 0, last: GENESIS_HASH };
    if (record.revision !== stream.next) {
      return fail(`stream ${record.streamId}: expected revision ${stream.next}, found ${record.revision} (event removed, inserted or reordered)`);
    }
    if (record.prevHash !== stream.last) return fail(`stream ${record.streamId} revision ${record.revision}: prevHash does not link to the previous event`);
    let hash: string;
    try {
      hash = this.hashOf(record);
    } catch (error) {
      return fail(`unreadable event: ${(error as Error).message}`);
    }
    if (hash !== record.hash) return fail(`stream ${record.streamId} revision ${record.revision}: hash does not match the event content`);
    if (record.streamId === SEAL_STREAM && record.type === SEAL_EVENT_TYPE) {
      const data = record.data as SealData;
      if (!isSealData(data)) return fail('seal event is malformed (no tree size, last position or root)');
      if (data.treeSize > at) {
        // A seal is appended after the events it covers: fewer before it means some were removed.
        return fail(
          `the seal covers ${data.treeSize} events up to position ${data.lastPosition}, only ${at} precede it: ` +
            `${data.treeSize - at} sealed event(s) removed from the log`,
        );
      }
      this.seals.push({ index: at, position: record.position.toString(), data });
    }
    stream.next += 1;
    stream.last = record.hash;
    this.streams.set(record.streamId, stream);
    this.previous = { index: record.index, position: record.position };
    return undefined;
  }
}

export function isSealData(data: unknown): data is SealData {
  const d = data as SealData;
  return (
    !!d &&
    typeof d === 'object' &&
    Number.isSafeInteger(d.treeSize) &&
    d.treeSize >= 0 &&
    typeof d.lastPosition === 'string' &&
    /^\d+$/.test(d.lastPosition) &&
    typeof d.root === 'string' &&
    /^[0-9a-f]{64}$/.test(d.root)
  );
}

function shapeProblem(record: LogRecord): string | undefined {
  if (!record || typeof record !== 'object') return 'not an object';
  if (!Number.isSafeInteger(record.index) || record.index < 0) return 'no leaf index';
  if (typeof record.position !== 'bigint') return 'no position';
  if (typeof record.streamId !== 'string' || !Number.isSafeInteger(record.revision)) return 'no stream or revision';
  // Length only: a non-hex hash cannot equal the recomputed one, nor a non-hex prevHash the previous hash.
  if (typeof record.hash !== 'string' || record.hash.length !== 64) return 'hash is not 64 hex characters';
  if (typeof record.prevHash !== 'string' || record.prevHash.length !== 64) return 'prevHash is not 64 hex characters';
  return undefined;
}

/** Pass 2: roots at every sealed size, and at the end. */
async function checkSeals(
  open: () => Source,
  seals: PendingSeal[],
  count: number,
  expectedRoot: string | undefined,
  leafOf: (event: RecordedEvent) => Hash,
): Promise<LogVerdict> {
  const bySize = [...seals].sort((a, b) => a.data.treeSize - b.data.treeSize);
  const accumulator = new MerkleAccumulator();
  let next = 0;
  let lastRecord: LogRecord | undefined;
  let previousGood = 0;
  const check = (): LogVerdict | undefined => {
    while (next < bySize.length && bySize[next].data.treeSize === accumulator.size) {
      const seal = bySize[next];
      const root = toHex(accumulator.root());
      const lastPosition = lastRecord?.position.toString() ?? '0';
      if (seal.data.root !== root || seal.data.lastPosition !== lastPosition) {
        return {
          ok: false,
          index: seal.index,
          position: seal.position,
          reason:
            `seal of ${seal.data.treeSize} events does not match them ` +
            `(root ${seal.data.root === root ? 'matches' : 'differs'}, last position ${seal.data.lastPosition === lastPosition ? 'matches' : 'differs'}): ` +
            `an event between leaf ${previousGood} and leaf ${seal.data.treeSize - 1} was rewritten with its chain recomputed, or the seal is forged`,
        };
      }
      previousGood = seal.data.treeSize;
      next += 1;
    }
    return undefined;
  };
  let failure = check();
  if (failure) return failure;
  for await (const batch of walk(open())) {
    for (const record of batch) {
      accumulator.push(leafOf(record));
      lastRecord = record;
      failure = check();
      if (failure) return failure;
    }
  }
  const root = toHex(accumulator.root());
  if (expectedRoot !== undefined && expectedRoot !== root) {
    return {
      ok: false,
      index: Math.max(0, count - 1),
      position: lastRecord?.position.toString() ?? null,
      reason: `the root over the ${count} events is ${root}, the seal says ${expectedRoot}: an event after leaf ${previousGood} was rewritten with its chain recomputed, or the seal is forged`,
    };
  }
  return { ok: true, events: count, seals: seals.length, root };
}

/**
 * Two consecutive events claim the same leaf index: either the second is a duplicate, or the
 * first was inserted. Skipping each in turn, the root that matches the expected one tells which.
 */
async function resolveDuplicate(open: () => Source, failure: Failure, options: VerifyLogOptions): Promise<LogVerdict> {
  const { duplicateOf, ...verdict } = failure;
  const expectedRoot = options.expected?.root;
  const size = options.expected?.treeSize;
  if (duplicateOf === undefined || expectedRoot === undefined || size === undefined) return { ok: false, ...verdict };
  const leafOf = options.leafOf ?? defaultLeaf;
  // The prefix before the two candidates is shared: hash it once, then continue both ways.
  const withoutFirst = new MerkleAccumulator();
  let withoutSecond = withoutFirst;
  let at = 0;
  let firstPosition: string | null = null;
  for await (const batch of walk(open())) {
    for (const record of batch) {
      let leaf: Hash;
      try {
        leaf = leafOf(record);
      } catch {
        return { ok: false, ...verdict };
      }
      if (at < duplicateOf) {
        withoutFirst.push(leaf);
      } else {
        if (at === duplicateOf) {
          firstPosition = typeof record.position === 'bigint' ? record.position.toString() : null;
          withoutSecond = withoutFirst.clone();
        }
        if (at !== duplicateOf && withoutFirst.size < size) withoutFirst.push(leaf);
        if (at !== duplicateOf + 1 && withoutSecond.size < size) withoutSecond.push(leaf);
      }
      at += 1;
    }
  }
  if (toHex(withoutSecond.root()) !== expectedRoot && toHex(withoutFirst.root()) === expectedRoot) {
    return {
      ok: false,
      index: duplicateOf,
      position: firstPosition,
      reason: `an event was inserted at leaf index ${duplicateOf} (the log matches its seal without it)`,
    };
  }
  return { ok: false, ...verdict, reason: `${verdict.reason}: a duplicate or inserted event` };
}

/** The store's events in global order, with their leaf indexes. */
export async function* logRecords(
  readPage: (after: bigint) => Promise<{ events: RecordedEvent[]; lastPosition: bigint; isEnd: boolean }>,
): AsyncGenerator<LogRecord> {
  let after = 0n;
  let index = 0;
  for (;;) {
    const page = await readPage(after);
    for (const event of page.events) yield { ...event, index: index++ };
    if (page.isEnd || page.lastPosition === after) return;
    after = page.lastPosition;
  }
}
