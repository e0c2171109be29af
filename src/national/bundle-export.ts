import type { IntegrityService } from '../integrity/integrity.service.js';
import { BUNDLE_FORMAT, type SealHead, type SubmissionBundle } from './submission-bundle.js';

export class BundleUnavailable extends Error {}

/**
 * Builds the submission bundle of a region's issued report: the latest issue event of the report,
 * the latest seal (it covers the event: every issue is sealed), the inclusion proof under it and
 * the consistency proof from the seal the national instance last accepted (`since`).
 */
export async function exportBundle(
  integrity: Pick<IntegrityService, 'leafIndexOf' | 'inclusionProof' | 'consistencyProof' | 'seals'>,
  issueEvents: { id: string; type: string }[],
  report: { region: string; semester: string; json: string; sha256: string },
  since: SealHead | null,
): Promise<SubmissionBundle> {
  const issue = issueEvents.filter((e) => e.type === 'ReportIssued' || e.type === 'ReportReissued').at(-1);
  if (!issue) throw new BundleUnavailable(`The ${report.semester} report of region ${report.region} is not issued: there is nothing to submit`);
  const seal = (await integrity.seals()).at(-1);
  const found = await integrity.leafIndexOf(issue.id);
  if (!found || !seal || seal.treeSize <= found.index) throw new BundleUnavailable('The issue event is not sealed yet: seal the log, then export');
  if ((found.event.data as { sha256?: string }).sha256 !== report.sha256)
    throw new BundleUnavailable('The report generated now differs from the issued one: restate it rather than submit it');
  if (since && since.treeSize > seal.treeSize)
    throw new BundleUnavailable(`The previous seal (${since.treeSize} events) is beyond this log's latest seal (${seal.treeSize})`);
  const inclusion = await integrity.inclusionProof(issue.id, seal.treeSize);
  if (!inclusion) throw new BundleUnavailable('No inclusion proof for the issue event');
  let consistencyPath: string[] = [];
  if (since) {
    const proof = await integrity.consistencyProof(since.treeSize, seal.treeSize);
    if (proof.firstRoot !== since.root)
      throw new BundleUnavailable(`The previous seal's root ${since.root} is not this log's root at ${since.treeSize} events (${proof.firstRoot})`);
    consistencyPath = proof.secondSize === proof.firstSize ? [] : proof.path;
  }
  const e = found.event;
  return {
    format: BUNDLE_FORMAT,
    region: report.region,
    semester: report.semester,
    report: report.json,
    issueEvent: {
      streamId: e.streamId,
      revision: e.revision,
      id: e.id,
      type: e.type,
      data: e.data,
      metadata: e.metadata,
      recordedAt: e.recordedAt,
      prevHash: e.prevHash,
      hash: e.hash,
    },
    leafIndex: found.index,
    seal: { treeSize: seal.treeSize, root: seal.root },
    inclusionPath: inclusion.path,
    previous: since,
    consistencyPath,
  };
}
