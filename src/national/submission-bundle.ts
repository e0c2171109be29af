import { createHash } from 'node:crypto';
import type { HashedFields } from '../event-store/hash-chain.js';
import { eventHash } from '../event-store/hash-chain.js';
import { eventLeafHash, fromHex, verifyConsistency, verifyInclusion } from '../integrity/merkle.js';
import { reportStreamId } from '../reports/report.decider.js';
import { scalarText } from '../shared/scalar-text.js';

export const BUNDLE_FORMAT = 'scoran-ledger-submission/1';

/** A tree head as a seal records it (hex root). */
export interface SealHead {
  treeSize: number;
  root: string;
}

/**
 * What a regional instance sends to the national one: the report bytes, the event that issued
 * them, the seal covering that event with the inclusion proof, and the consistency proof from the
 * seal the region last submitted (RFC 6962: the national instance checks the log only grew).
 */
export interface SubmissionBundle {
  format: typeof BUNDLE_FORMAT;
  region: string;
  semester: string;
  /** Canonical JSON of the report content: the bytes the issue event's sha256 covers. */
  report: string;
  /** The issue event as recorded (every field its hash covers, and the hash). */
  issueEvent: HashedFields & { hash: string };
  leafIndex: number;
  seal: SealHead;
  inclusionPath: string[];
  /** The seal previously submitted, and the consistency proof from it to `seal`; null on a first submission. */
  previous: SealHead | null;
  consistencyPath: string[];
}

export type BundleRefusal =
  'malformed' | 'another-region' | 'report-bytes-changed' | 'issue-event-altered' | 'inclusion-failed' | 'replayed' | 'previous-root-mismatch' | 'inconsistent';

export type BundleVerdict =
  | { ok: true; region: string; semester: string; sha256: string; seal: SealHead; issuedAt: string; issuedBy: string; reissue: boolean }
  | { ok: false; refusal: BundleRefusal; reason: string };

/** What the national instance remembers of a region's submissions. */
export interface AcceptedHead extends SealHead {
  /** Reports already accepted, as `semester:sha256`. */
  reports: readonly string[];
}

const HEX64 = /^[0-9a-f]{64}$/;
const refuse = (refusal: BundleRefusal, reason: string): BundleVerdict => ({ ok: false, refusal, reason });
const isHead = (h: unknown): h is SealHead =>
  !!h &&
  typeof h === 'object' &&
  Number.isSafeInteger((h as SealHead).treeSize) &&
  (h as SealHead).treeSize > 0 &&
  typeof (h as SealHead).root === 'string' &&
  HEX64.test((h as SealHead).root);
const isPath = (p: unknown): p is string[] => Array.isArray(p) && p.length <= 64 && p.every((h) => typeof h === 'string' && HEX64.test(h));

/** Parses a bundle's text; a shape error names what is wrong. */
export function parseBundle(text: string): SubmissionBundle | BundleVerdict {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refuse('malformed', 'The bundle is not JSON');
  }
  const b = value as Partial<SubmissionBundle> | null;
  if (!b || typeof b !== 'object' || b.format !== BUNDLE_FORMAT) return refuse('malformed', `The bundle's format is not ${BUNDLE_FORMAT}`);
  if (typeof b.region !== 'string' || typeof b.semester !== 'string' || typeof b.report !== 'string')
    return refuse('malformed', 'The bundle has no region, semester or report');
  const e = b.issueEvent as Record<string, unknown> | undefined;
  if (!e || typeof e !== 'object' || typeof e.hash !== 'string' || typeof e.streamId !== 'string' || typeof e.data !== 'object' || e.data === null)
    return refuse('malformed', 'The bundle has no issue event');
  if (!Number.isSafeInteger(b.leafIndex) || (b.leafIndex as number) < 0) return refuse('malformed', 'leafIndex is a non-negative integer');
  if (!isHead(b.seal) || !isPath(b.inclusionPath) || !isPath(b.consistencyPath))
    return refuse('malformed', 'The seal or a proof path is malformed (tree size, 64-hex hashes)');
  if (b.previous !== null && !isHead(b.previous)) return refuse('malformed', 'previous is null or a seal (treeSize, root)');
  return b as SubmissionBundle;
}

export const isVerdict = (x: SubmissionBundle | BundleVerdict): x is BundleVerdict => 'ok' in x;

/**
 * Every check a national instance makes before it accepts a bundle, in order; pure (no store, no
 * clock) so the service, the decider and `npm run verify` decide alike. `submitter` is the region
 * the caller submits for; `last` what was accepted before from that region (null: first time).
 */
export function verifyBundle(bundle: SubmissionBundle, submitter: string | null, last: AcceptedHead | null): BundleVerdict {
  const event = bundle.issueEvent;
  const data = event.data as Record<string, unknown>;
  if (submitter !== null && bundle.region !== submitter)
    return refuse('another-region', `The bundle is region ${bundle.region}'s report; it is submitted for region ${submitter}`);
  if (data.region !== bundle.region || data.semester !== bundle.semester || event.streamId !== reportStreamId(bundle.region, bundle.semester)) {
    return refuse(
      'another-region',
      `The issue event is for ${String(data.region)} ${String(data.semester)}, the bundle says ${bundle.region} ${bundle.semester}`,
    );
  }
  if (event.type !== 'ReportIssued' && event.type !== 'ReportReissued') return refuse('malformed', `The event ${event.type} does not issue a report`);
  const sha256 = createHash('sha256').update(bundle.report, 'utf8').digest('hex');
  if (sha256 !== data.sha256)
    return refuse(
      'report-bytes-changed',
      `The report bytes hash to ${sha256}, the issue event recorded ${String(data.sha256)}: the report was changed after it was issued`,
    );
  let content: { region?: { code?: string }; semester?: string };
  try {
    content = JSON.parse(bundle.report) as typeof content;
  } catch {
    return refuse('malformed', 'The report bytes are not JSON');
  }
  if (content.region?.code !== bundle.region || content.semester !== bundle.semester)
    return refuse('another-region', 'The report content is for another region or semester than the bundle');
  if (!HEX64.test(event.hash) || eventHash(event) !== event.hash)
    return refuse('issue-event-altered', 'The issue event does not hash to its recorded hash: it was altered');
  const head = { treeSize: bundle.seal.treeSize, root: fromHex(bundle.seal.root) };
  const proof = { leafIndex: bundle.leafIndex, treeSize: bundle.seal.treeSize, path: bundle.inclusionPath.map(fromHex) };
  if (!verifyInclusion(eventLeafHash(event.hash), proof, head)) {
    return refuse(
      'inclusion-failed',
      `The inclusion proof of the issue event (leaf ${bundle.leafIndex}) does not lead to the seal's root ${bundle.seal.root} (tree of ${bundle.seal.treeSize}): a proof for another root`,
    );
  }
  if (last) {
    const known = last.reports.includes(`${bundle.semester}:${sha256}`);
    const sameSeal = bundle.seal.treeSize === last.treeSize && bundle.seal.root === last.root;
    if (bundle.seal.treeSize < last.treeSize || (sameSeal && known)) {
      return refuse(
        'replayed',
        `A replayed or older bundle: region ${bundle.region} already submitted a seal of ${last.treeSize} events${known ? ' and this very report' : ''}`,
      );
    }
    if (!bundle.previous || bundle.previous.treeSize !== last.treeSize || bundle.previous.root !== last.root) {
      return refuse(
        'previous-root-mismatch',
        `The consistency proof must start from the last accepted seal of region ${bundle.region} (${last.treeSize} events, root ${last.root})`,
      );
    }
    const first = { treeSize: last.treeSize, root: fromHex(last.root) };
    const consistency = { firstSize: last.treeSize, secondSize: bundle.seal.treeSize, path: bundle.consistencyPath.map(fromHex) };
    if (!verifyConsistency(consistency, first, head)) {
      return refuse(
        'inconsistent',
        `The seal of ${bundle.seal.treeSize} events is not consistent with the last accepted seal of ${last.treeSize} events: the region's log was rewritten, not appended to`,
      );
    }
    if (known) return refuse('replayed', `Region ${bundle.region}'s ${bundle.semester} report with these very bytes was already accepted`);
  }
  const metadata = event.metadata as { principal?: unknown };
  return {
    ok: true,
    region: bundle.region,
    semester: bundle.semester,
    sha256,
    seal: bundle.seal,
    issuedAt: event.recordedAt,
    issuedBy: scalarText(metadata.principal),
    reissue: event.type === 'ReportReissued',
  };
}
