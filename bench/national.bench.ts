/**
 * npm run bench:national
 * 1. The national synthesis of 12 semesters for 18 regions, from the received report bytes (each
 *    report parsed, its headline figures read, the previous semester's compared): the issue's
 *    target is ≤ 1 s for all of it.
 * 2. The verification of a submission bundle from a region whose log has 1,000,000 events
 *    (report bytes hashed, issue event re-hashed, inclusion and consistency proofs checked): ≤ 100 ms.
 * The reports are synthetic but shaped like real ones (every section, ~60 headline figures,
 * 2,000 table rows). Not a test.
 */
import { createHash, randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { canonicalJson, eventHash, GENESIS_HASH, type HashedFields } from '../src/event-store/hash-chain.js';
import { consistencyProof, eventLeafHash, inclusionProof, toHex, type Hash } from '../src/integrity/merkle.js';
import { buildNationalSynthesis, type ReceivedReport } from '../src/national/national-synthesis.js';
import { BUNDLE_FORMAT, parseBundle, isVerdict, verifyBundle, type SubmissionBundle } from '../src/national/submission-bundle.js';
import type { ReportContent } from '../src/reports/report-generator.js';

const REGIONS = ['01', '02', '03', '04', '06', '11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93', '94'];
const SECTIONS = ['network-projects', 'conventions', 'commitments', 'operator-commitments', 'white-zones', 'usage-projects', 'concertation'];
const semesters = Array.from({ length: 13 }, (_, i) => `${2020 + Math.floor(i / 2)}-S${(i % 2) + 1}`);

function reportBytes(region: string, semester: string, seed: number): string {
  const content: ReportContent = {
    format: 'scoran-ledger-report/1',
    region: { code: region, name: `Région ${region}` },
    semester,
    period: { from: '2026-01-01', to: '2026-06-30' },
    cutoff: '2026-06-30T22:00:00.000Z',
    previousCutoff: '2025-12-31T23:00:00.000Z',
    sections: SECTIONS.map((key, s) => ({
      key,
      title: key,
      checklist: [],
      summary: Array.from({ length: 9 }, (_, k) => [`figure ${k}`, (seed * 31 + s * 7 + k) % 100_000] as [string, number]),
      tables: [
        {
          name: key,
          title: key,
          columns: ['id', 'name', 'value', 'date'],
          rows: Array.from({ length: 300 }, (_, r) => ({ id: `${key}-${r}`, name: `Enregistrement ${r} de ${region}`, value: r * seed, date: '2026-03-01' })),
        },
      ],
      charts: [],
    })),
    checklist: [],
  };
  return canonicalJson(content);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// 1. Synthesis.
const bytes = new Map<string, string>();
for (const [i, semester] of semesters.entries())
  for (const [j, region] of REGIONS.entries()) bytes.set(`${semester}:${region}`, reportBytes(region, semester, i * 100 + j));
const received = (semester: string) =>
  new Map(
    REGIONS.map((region) => {
      const text = bytes.get(`${semester}:${region}`)!;
      const report: ReceivedReport = {
        region,
        content: JSON.parse(text) as ReportContent,
        sha256: createHash('sha256').update(text).digest('hex'),
        version: 1,
        issuedAt: '2026-07-02T08:00:00.000Z',
        issuedBy: `sgar-${region}`,
        source: 'submitted',
        restated: false,
        seal: null,
      };
      return [region, report];
    }),
  );
const regions = REGIONS.map((code) => ({ code, name: `Région ${code}` }));
const totalBytes = [...bytes.values()].reduce((n, b) => n + b.length, 0);
const synthesisRuns: number[] = [];
for (let run = 0; run < 7; run++) {
  const start = performance.now();
  for (let i = 1; i < semesters.length; i++)
    buildNationalSynthesis({
      semester: semesters[i],
      previousSemester: semesters[i - 1],
      regions,
      current: received(semesters[i]),
      previous: received(semesters[i - 1]),
    });
  synthesisRuns.push(performance.now() - start);
}

// 2. A bundle from a 1,000,000-event log.
const SIZE = 1_000_000;
const ISSUE_AT = SIZE - 1_000;
const PREVIOUS = 600_000;
const report = reportBytes('27', '2026-S1', 7);
const fields: HashedFields = {
  streamId: 'report-27-2026-S1',
  revision: 0,
  id: '00000000-0000-4000-8000-000000000001',
  type: 'ReportIssued',
  data: {
    region: '27',
    semester: '2026-S1',
    sha256: createHash('sha256').update(report).digest('hex'),
    position: String(ISSUE_AT),
    cutoff: '2026-06-30T22:00:00.000Z',
    recipients: ['datar'],
  },
  metadata: { principal: 'person-sgar-27' } as never,
  recordedAt: '2026-07-02T08:00:00.000Z',
  prevHash: GENESIS_HASH,
};
const issue = { ...fields, hash: eventHash(fields) };
const leaves: Hash[] = Array.from({ length: SIZE }, (_, i) => (i === ISSUE_AT ? eventLeafHash(issue.hash) : eventLeafHash(randomBytes(32).toString('hex'))));
const inclusion = await inclusionProof(leaves, ISSUE_AT, SIZE);
const previousRoot = (await inclusionProof(leaves.slice(0, PREVIOUS), 0, PREVIOUS)).root;
const consistency = await consistencyProof(leaves, PREVIOUS, SIZE);
const bundle: SubmissionBundle = {
  format: BUNDLE_FORMAT,
  region: '27',
  semester: '2026-S1',
  report,
  issueEvent: issue,
  leafIndex: ISSUE_AT,
  seal: { treeSize: SIZE, root: toHex(inclusion.root) },
  inclusionPath: inclusion.path.map(toHex),
  previous: { treeSize: PREVIOUS, root: toHex(previousRoot) },
  consistencyPath: consistency.path.map(toHex),
};
const text = JSON.stringify(bundle);
const verifyRuns: number[] = [];
for (let run = 0; run < 51; run++) {
  const start = performance.now();
  const parsed = parseBundle(text);
  if (isVerdict(parsed)) throw new Error('bundle did not parse');
  const verdict = verifyBundle(parsed, '27', { treeSize: PREVIOUS, root: toHex(previousRoot), reports: [] });
  if (!verdict.ok) throw new Error(`bundle refused: ${verdict.reason}`);
  verifyRuns.push(performance.now() - start);
}

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, ${new Date().toISOString()}`,
);
console.log(
  `synthesis, 18 regions × 12 semesters (${(totalBytes / 2 ** 20).toFixed(1)} MiB of report bytes parsed twice): median ${median(synthesisRuns).toFixed(0)} ms (target ≤ 1000 ms)`,
);
console.log(
  `bundle of a 1,000,000-event log (report ${(report.length / 1024).toFixed(0)} KiB, inclusion path ${bundle.inclusionPath.length}, consistency path ${bundle.consistencyPath.length}): verification median ${median(verifyRuns).toFixed(2)} ms, max ${Math.max(...verifyRuns).toFixed(2)} ms (target ≤ 100 ms)`,
);
