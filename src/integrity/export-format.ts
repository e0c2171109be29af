import { categoryOf, type RecordedEvent } from '../event-store/event-store.js';
import { eventHash } from '../event-store/hash-chain.js';
import { eventLeafHash, fromHex, verifyConsistency, verifyInclusion, type TreeHead } from './merkle.js';
import { isSealData, verifyLog, type LogRecord, type SealData } from './verify-log.js';

/**
 * The NDJSON export (`GET /integrity/export`), one JSON object a line:
 *
 *   {"kind":"header","format":"scoran-ledger-export/1","exportedAt":…,"filter":{…},"complete":true|false}
 *   {"kind":"event","index":<leaf index>,"position":"<decimal>","streamId",…,"prevHash","hash"}   (0..n)
 *   {"kind":"seal","treeSize","lastPosition","root","eventId","position","recordedAt"}
 *   {"kind":"inclusion","index":<leaf index>,"path":[hex…]}        (filtered exports: one per event)
 *   {"kind":"consistency","firstSize","firstRoot","secondSize","path":[hex…]}   (one per earlier seal)
 *
 * A complete export holds every event of the sealed tree (leaf indexes 0..treeSize-1): the verifier
 * recomputes every chain and the root. A filtered one holds some events: each is checked by its hash
 * and its inclusion proof against the seal.
 */
export const EXPORT_FORMAT = 'scoran-ledger-export/1';

export interface ExportFilter {
  stream?: string;
  category?: string;
  type?: string;
  recordedFrom?: string;
  recordedTo?: string;
  occurredFrom?: string;
  occurredTo?: string;
  /** Acting actor id (metadata.actingActorId). */
  actor?: string;
  /** Token subject (metadata.principal). */
  principal?: string;
  correlationId?: string;
}

export const isFiltered = (filter: ExportFilter) => Object.values(filter).some((v) => v !== undefined);

export function matchesFilter(event: RecordedEvent, filter: ExportFilter): boolean {
  if (filter.stream !== undefined && event.streamId !== filter.stream) return false;
  if (filter.category !== undefined && categoryOf(event.streamId) !== filter.category) return false;
  if (filter.type !== undefined && event.type !== filter.type) return false;
  if (filter.recordedFrom !== undefined && Date.parse(event.recordedAt) < Date.parse(filter.recordedFrom)) return false;
  if (filter.recordedTo !== undefined && Date.parse(event.recordedAt) > Date.parse(filter.recordedTo)) return false;
  const metadata = event.metadata ?? ({} as RecordedEvent['metadata']);
  if (filter.occurredFrom !== undefined && !(Date.parse(metadata.occurredAt) >= Date.parse(filter.occurredFrom))) return false;
  if (filter.occurredTo !== undefined && !(Date.parse(metadata.occurredAt) <= Date.parse(filter.occurredTo))) return false;
  if (filter.actor !== undefined && metadata.actingActorId !== filter.actor) return false;
  if (filter.principal !== undefined && metadata.principal !== filter.principal) return false;
  if (filter.correlationId !== undefined && metadata.correlationId?.toLowerCase() !== filter.correlationId.toLowerCase()) return false;
  return true;
}

/** A damaged event is written as found (undecodable text as a string) and marked with `damage`, which every verifier refuses. */
export function eventLine(record: LogRecord): string {
  const { index, position, streamId, revision, id, type, data, metadata, recordedAt, prevHash, hash, damage } = record;
  return JSON.stringify({
    kind: 'event',
    index,
    position: position.toString(),
    streamId,
    revision,
    id,
    type,
    data,
    metadata,
    recordedAt,
    prevHash,
    hash,
    damage,
  });
}

/** An export line back into a record (position as bigint); malformed values are left for the verifier to refuse. */
export function recordOf(line: Record<string, unknown>): LogRecord {
  const position = typeof line.position === 'string' && /^\d+$/.test(line.position) ? BigInt(line.position) : undefined;
  const { kind: _kind, ...rest } = line;
  return { ...rest, position } as unknown as LogRecord;
}

export type ExportVerdict =
  | { ok: true; events: number; complete: boolean; treeSize: number; root: string; trustedRootMatched: 'seal' | 'earlier seal' | null }
  | { ok: false; index: number | null; position: string | null; line: number | null; reason: string };

interface Parsed {
  header?: { format?: string; complete?: boolean };
  events: { line: number; record: LogRecord }[];
  seal?: SealData & { position?: string };
  inclusions: Map<number, unknown[]>;
  consistencies: { firstSize: number; firstRoot: string; secondSize: number; path: unknown[] }[];
  error?: { line: number; reason: string };
}

/**
 * Verifies an export from its lines alone. `trustedRoot`: a root the auditor kept (the export's
 * seal or any earlier seal, then tied to it by a consistency proof).
 */
export async function verifyExport(lines: () => AsyncIterable<string> | Iterable<string>, trustedRoot?: string): Promise<ExportVerdict> {
  const parsed = await parse(lines());
  const fail = (reason: string, at?: { line: number; record?: LogRecord }): ExportVerdict => ({
    ok: false,
    index: typeof at?.record?.index === 'number' ? at.record.index : null,
    position: typeof at?.record?.position === 'bigint' ? at.record.position.toString() : null,
    line: at?.line ?? null,
    reason,
  });
  if (parsed.error) {
    const event = parsed.events.find((e) => e.line === parsed.error!.line);
    return fail(parsed.error.reason, { line: parsed.error.line, record: event?.record });
  }
  if (parsed.header?.format !== EXPORT_FORMAT) return fail(`not a ${EXPORT_FORMAT} export (no header line)`, { line: 1 });
  const seal = parsed.seal;
  if (!seal || !isSealData(seal)) return fail('the export has no valid seal line');
  const head: TreeHead = { treeSize: seal.treeSize, root: fromHex(seal.root) };

  if (parsed.header.complete) {
    const verdict = await verifyLog(() => parsed.events.map((e) => e.record), { expected: { treeSize: seal.treeSize, root: seal.root } });
    if (!verdict.ok) {
      const at = parsed.events[Math.min(verdict.index, parsed.events.length - 1)];
      return { ok: false, index: verdict.index, position: verdict.position, line: at?.line ?? null, reason: verdict.reason };
    }
  } else {
    const lastOfStream = new Map<string, LogRecord>();
    let previousIndex = -1;
    for (const { line, record } of parsed.events) {
      const at = { line, record };
      if (!Number.isSafeInteger(record.index) || record.index <= previousIndex || record.index >= seal.treeSize) {
        return fail('leaf index missing, out of order or beyond the seal', at);
      }
      previousIndex = record.index;
      if (record.damage !== undefined) return fail(`unreadable event (exported as found): ${String(record.damage)}`, at);
      let hash: string;
      try {
        hash = eventHash(record);
      } catch (error) {
        return fail(`unreadable event: ${(error as Error).message}`, at);
      }
      if (hash !== record.hash) return fail('hash does not match the event content', at);
      const before = lastOfStream.get(record.streamId);
      if (before && before.revision + 1 === record.revision && record.prevHash !== before.hash)
        return fail('prevHash does not link to the previous event of its stream', at);
      if (before && record.revision <= before.revision) return fail('revision out of order in its stream', at);
      lastOfStream.set(record.streamId, record);
      const path = parsed.inclusions.get(record.index);
      let valid: boolean;
      try {
        valid =
          !!path &&
          verifyInclusion(eventLeafHash(record.hash), { leafIndex: record.index, treeSize: seal.treeSize, path: path.map((h) => fromHex(h as string)) }, head);
      } catch {
        valid = false;
      }
      if (!valid) return fail('the inclusion proof does not tie this event to the sealed root', at);
    }
  }

  let trustedRootMatched: 'seal' | 'earlier seal' | null = null;
  for (const proof of parsed.consistencies) {
    let valid: boolean;
    try {
      valid =
        proof.secondSize === seal.treeSize &&
        verifyConsistency(
          { firstSize: proof.firstSize, secondSize: proof.secondSize, path: proof.path.map((h) => fromHex(h as string)) },
          { treeSize: proof.firstSize, root: fromHex(proof.firstRoot) },
          head,
        );
    } catch {
      valid = false;
    }
    if (!valid) return fail(`the consistency proof from the seal of ${proof.firstSize} events does not verify`);
    if (trustedRoot !== undefined && proof.firstRoot === trustedRoot.toLowerCase()) trustedRootMatched = 'earlier seal';
  }
  if (trustedRoot !== undefined) {
    if (trustedRoot.toLowerCase() === seal.root) trustedRootMatched = 'seal';
    if (!trustedRootMatched) return fail(`the trusted root ${trustedRoot} is neither the export's seal nor an earlier seal proven consistent with it`);
  }
  return { ok: true, events: parsed.events.length, complete: !!parsed.header.complete, treeSize: seal.treeSize, root: seal.root, trustedRootMatched };
}

async function parse(lines: AsyncIterable<string> | Iterable<string>): Promise<Parsed> {
  const parsed: Parsed = { events: [], inclusions: new Map(), consistencies: [] };
  let number = 0;
  for await (const text of lines) {
    number += 1;
    if (text.trim() === '') continue;
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      parsed.error = { line: number, reason: 'line is not JSON' };
      return parsed;
    }
    switch (line?.kind) {
      case 'header':
        parsed.header = line;
        break;
      case 'event':
        parsed.events.push({ line: number, record: recordOf(line) });
        break;
      case 'seal':
        parsed.seal = line as unknown as Parsed['seal'];
        break;
      case 'inclusion':
        if (Array.isArray(line.path)) parsed.inclusions.set(line.index as number, line.path);
        break;
      case 'consistency':
        parsed.consistencies.push({ ...(line as unknown as Parsed['consistencies'][number]), path: Array.isArray(line.path) ? line.path : [] });
        break;
      default:
        parsed.error = { line: number, reason: 'unknown line kind' };
        return parsed;
    }
  }
  return parsed;
}
