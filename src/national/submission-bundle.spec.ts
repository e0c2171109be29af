import { createHash } from 'node:crypto';
import { canonicalJson, eventHash, GENESIS_HASH, type HashedFields } from '../event-store/hash-chain.js';
import { consistencyProof, eventLeafHash, inclusionProof, toHex } from '../integrity/merkle.js';
import { specificationOf } from '../decider/given-when-then.js';
import { regionalSubmissionDecider, type RegionalReportAccepted } from './regional-submission.decider.js';
import { BUNDLE_FORMAT, parseBundle, isVerdict, verifyBundle, type SubmissionBundle } from './submission-bundle.js';

/** A small regional log: filler events, and a report issue event at a given place. */
function regionalLog(size: number, issues: { at: number; semester: string; report: string }[], salt = '') {
  const events: (HashedFields & { hash: string })[] = [];
  for (let i = 0; i < size; i++) {
    const issue = issues.find((x) => x.at === i);
    const base = issue
      ? {
          streamId: `report-27-${issue.semester}`,
          type: 'ReportIssued',
          data: {
            region: '27',
            semester: issue.semester,
            sha256: createHash('sha256').update(issue.report).digest('hex'),
            position: String(i),
            cutoff: 'x',
            recipients: ['datar'],
          },
        }
      : { streamId: `filler-${i}`, type: 'Filled', data: { i, salt } };
    const fields: HashedFields = {
      ...base,
      revision: 0,
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      metadata: { principal: 'sgar-27' } as never,
      recordedAt: `2026-07-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`,
      prevHash: GENESIS_HASH,
    };
    events.push({ ...fields, hash: eventHash(fields) });
  }
  return events;
}

const report = (semester: string, extra = '') => canonicalJson({ region: { code: '27', name: 'Bourgogne-Franche-Comté' }, semester, sections: [], extra });

async function bundleOf(
  log: ReturnType<typeof regionalLog>,
  at: number,
  semester: string,
  reportText: string,
  sealSize: number,
  previous: { treeSize: number; root: string } | null,
): Promise<SubmissionBundle> {
  const leaves = log.map((e) => eventLeafHash(e.hash));
  const proof = await inclusionProof(leaves.slice(0, sealSize), at, sealSize);
  const consistency = previous && previous.treeSize < sealSize ? await consistencyProof(leaves, previous.treeSize, sealSize) : null;
  return {
    format: BUNDLE_FORMAT,
    region: '27',
    semester,
    report: reportText,
    issueEvent: log[at],
    leafIndex: at,
    seal: { treeSize: sealSize, root: toHex(proof.root) },
    inclusionPath: proof.path.map(toHex),
    previous,
    consistencyPath: consistency ? consistency.path.map(toHex) : [],
  };
}

const spec = specificationOf(regionalSubmissionDecider);
const secretariat = { actorId: 'sgar-27', role: 'commission_secretariat' as const };
const accepted = (b: SubmissionBundle): RegionalReportAccepted => ({
  type: 'RegionalReportAccepted',
  data: {
    region: '27',
    semester: b.semester,
    sha256: createHash('sha256').update(b.report).digest('hex'),
    treeSize: b.seal.treeSize,
    root: b.seal.root,
    issuedAt: b.issueEvent.recordedAt,
    issuedBy: 'sgar-27',
    reissue: false,
    report: b.report,
  },
});

describe('Submission bundles (a regional log, RFC 6962 proofs)', () => {
  const s1 = report('2026-S1');
  const s2 = report('2026-S2');
  const log = regionalLog(40, [
    { at: 5, semester: '2026-S1', report: s1 },
    { at: 30, semester: '2026-S2', report: s2 },
  ]);
  let first: SubmissionBundle;
  let second: SubmissionBundle;
  beforeAll(async () => {
    first = await bundleOf(log, 5, '2026-S1', s1, 13, null);
    second = await bundleOf(log, 30, '2026-S2', s2, 37, first.seal);
  });

  it('accepts a first bundle (trust on first submission), then one consistent with it', () => {
    spec
      .given([])
      .when({ type: 'SubmitRegionalReport', principal: secretariat, region: '27', bundle: first })
      .then([accepted(first)]);
    spec
      .given([accepted(first)])
      .when({ type: 'SubmitRegionalReport', principal: secretariat, region: '27', bundle: second })
      .then([accepted(second)]);
  });

  it('refuses changed report bytes, naming both hashes', () => {
    const changed = { ...first, report: first.report.replace('2026-S1"', '2026-S1" ') };
    expect(verifyBundle(changed, '27', null)).toMatchObject({ ok: false, refusal: 'report-bytes-changed' });
    spec
      .given([])
      .when({ type: 'SubmitRegionalReport', principal: secretariat, region: '27', bundle: changed })
      .thenRejects('invalid', /report-bytes-changed/);
  });

  it('refuses a proof for another root', async () => {
    const other = regionalLog(40, [{ at: 5, semester: '2026-S1', report: s1 }], 'another log');
    const foreign = await bundleOf(other, 5, '2026-S1', s1, 13, null);
    expect(verifyBundle({ ...first, seal: foreign.seal }, '27', null)).toMatchObject({ ok: false, refusal: 'inclusion-failed' });
    expect(verifyBundle({ ...first, inclusionPath: foreign.inclusionPath }, '27', null)).toMatchObject({ ok: false, refusal: 'inclusion-failed' });
  });

  it('refuses a seal not consistent with the last accepted one (history rewritten)', async () => {
    const rewritten = regionalLog(
      40,
      [
        { at: 5, semester: '2026-S1', report: s1 },
        { at: 30, semester: '2026-S2', report: s2 },
      ],
      'rewritten',
    );
    // The rewritten log keeps the issue events but not the filler: its seal cannot extend the accepted one.
    const forged = await bundleOf(rewritten, 30, '2026-S2', s2, 37, null);
    const claimingPrevious = { ...forged, previous: first.seal, consistencyPath: second.consistencyPath };
    spec
      .given([accepted(first)])
      .when({ type: 'SubmitRegionalReport', principal: secretariat, region: '27', bundle: claimingPrevious })
      .thenRejects('invalid', /inconsistent.*rewritten/);
    spec
      .given([accepted(first)])
      .when({ type: 'SubmitRegionalReport', principal: secretariat, region: '27', bundle: forged })
      .thenRejects('invalid', /previous-root-mismatch/);
  });

  it('refuses a replayed older bundle and the same bundle twice', () => {
    spec
      .given([accepted(first), accepted(second)])
      .when({ type: 'SubmitRegionalReport', principal: secretariat, region: '27', bundle: first })
      .thenRejects('invalid', /replayed/);
    spec
      .given([accepted(first)])
      .when({ type: 'SubmitRegionalReport', principal: secretariat, region: '27', bundle: first })
      .thenRejects('invalid', /replayed/);
  });

  it('refuses a bundle for another region than the submitter’s, and an altered issue event', () => {
    spec
      .given([])
      .when({ type: 'SubmitRegionalReport', principal: secretariat, region: '52', bundle: first })
      .thenRejects('invalid', /another-region/);
    const altered = { ...first, issueEvent: { ...first.issueEvent, recordedAt: '2026-07-02T00:00:00.000Z' } };
    expect(verifyBundle(altered, '27', null)).toMatchObject({ ok: false, refusal: 'issue-event-altered' });
  });

  it('refuses callers who do not submit, and malformed text with a reason', () => {
    spec
      .given([])
      .when({ type: 'SubmitRegionalReport', principal: { actorId: 'x', role: 'auditor' }, region: '27', bundle: first })
      .thenRejects('forbidden');
    const parsed = parseBundle('{"format":"nope"}');
    expect(isVerdict(parsed) && !parsed.ok && parsed.refusal).toBe('malformed');
    expect(isVerdict(parseBundle(JSON.stringify(first)))).toBe(false);
  });
});
