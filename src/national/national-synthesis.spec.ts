import { specificationOf } from '../decider/given-when-then.js';
import type { ReportContent } from '../reports/report-generator.js';
import { buildNationalSynthesis, type ReceivedReport } from './national-synthesis.js';
import { nationalSynthesisDecider, type IssueNationalSynthesis } from './national-synthesis.decider.js';

const content = (region: string, semester: string, planned: number, inForce: number): ReportContent => ({
  format: 'x',
  region: { code: region, name: region },
  semester,
  period: { from: '', to: '' },
  cutoff: '',
  previousCutoff: '',
  sections: [
    {
      key: 'network-projects',
      title: '',
      checklist: [],
      summary: [
        ['FttH premises planned', planned],
        ['lead', 'texte'],
      ],
      tables: [],
      charts: [],
    },
    { key: 'conventions', title: '', checklist: [], summary: [['in force', inForce]], tables: [], charts: [] },
  ],
  checklist: [],
});
const received = (region: string, semester: string, planned: number, inForce: number, extra: Partial<ReceivedReport> = {}): ReceivedReport => ({
  region,
  content: content(region, semester, planned, inForce),
  sha256: `${region}${semester}`,
  version: 1,
  issuedAt: '2026-07-02T08:00:00.000Z',
  issuedBy: `sgar-${region}`,
  source: 'issued-here',
  restated: false,
  seal: null,
  ...extra,
});
const regions = [
  { code: '52', name: 'Pays de la Loire' },
  { code: '27', name: 'Bourgogne-Franche-Comté' },
  { code: '11', name: 'Île-de-France' },
];

describe('National synthesis', () => {
  const input = {
    semester: '2026-S1',
    previousSemester: '2025-S2',
    regions,
    current: new Map([
      ['52', received('52', '2026-S1', 1000, 3)],
      ['27', received('27', '2026-S1', 500, 1, { source: 'submitted', version: 2 })],
    ]),
    previous: new Map([['52', received('52', '2025-S2', 900, 3)]]),
  };

  it('puts every region side by side, with the missing ones listed', () => {
    const { content } = buildNationalSynthesis(input);
    expect(content.regions.map((r) => [r.region, r.status, r.source])).toEqual([
      ['11', 'missing', null],
      ['27', 'reissued', 'submitted'],
      ['52', 'issued', 'issued-here'],
    ]);
    expect(content.missing).toEqual(['11']);
    expect(content.reported).toBe(2);
  });

  it('takes each numeric headline figure of the report as sent, with its change since the previous semester', () => {
    const row = buildNationalSynthesis(input).content.regions.find((r) => r.region === '52')!;
    expect(row.figures).toEqual([
      { key: 'network-projects: FttH premises planned', value: 1000, previous: 900, change: 100 },
      { key: 'conventions: in force', value: 3, previous: 3, change: 0 },
    ]);
    const bfc = buildNationalSynthesis(input).content.regions.find((r) => r.region === '27')!;
    expect(bfc.figures[0]).toEqual({ key: 'network-projects: FttH premises planned', value: 500, previous: null, change: null });
  });

  it('sums national totals (no change when a region had no previous report)', () => {
    expect(buildNationalSynthesis(input).content.totals).toEqual([
      { key: 'network-projects: FttH premises planned', value: 1500, previous: null, change: null },
      { key: 'conventions: in force', value: 4, previous: null, change: null },
    ]);
  });

  it('ranks the regions that reported on the Mission’s figures, highest first', () => {
    const { rankings } = buildNationalSynthesis(input).content;
    expect(rankings).toEqual([
      { key: 'network-projects: FttH premises planned', regions: ['52', '27'] },
      { key: 'conventions: in force', regions: ['52', '27'] },
    ]);
    const tied = buildNationalSynthesis({
      ...input,
      current: new Map([
        ['52', received('52', '2026-S1', 500, 1)],
        ['27', received('27', '2026-S1', 500, 9)],
      ]),
    }).content.rankings;
    expect(tied).toEqual([
      { key: 'network-projects: FttH premises planned', regions: ['27', '52'] },
      { key: 'conventions: in force', regions: ['27', '52'] },
    ]);
  });

  it('is byte-identical whatever the order the reports came in', () => {
    const a = buildNationalSynthesis(input);
    const b = buildNationalSynthesis({ ...input, regions: [...regions].reverse(), current: new Map([...input.current].reverse()) });
    expect(b.json).toBe(a.json);
    expect(b.sha256).toBe(a.sha256);
    expect(buildNationalSynthesis({ ...input, current: new Map([['52', input.current.get('52')!]]) }).sha256).not.toBe(a.sha256);
  });
});

describe('Issuing the national synthesis', () => {
  const spec = specificationOf(nationalSynthesisDecider);
  const issue: IssueNationalSynthesis = {
    type: 'IssueNationalSynthesis',
    principal: { actorId: 'datar', role: 'national_body' },
    semester: '2026-S1',
    sha256: 'a'.repeat(64),
    sources: [{ region: '52', sha256: 'b'.repeat(64) }],
    missing: ['11'],
    cutoffPassed: true,
  };
  const issued = {
    type: 'NationalSynthesisIssued' as const,
    data: { semester: '2026-S1', sha256: 'a'.repeat(64), sources: [{ region: '52', sha256: 'b'.repeat(64) }], missing: ['11'] },
  };

  it('is issued by a national body or an admin, once the semester is over', () => {
    spec.given([]).when(issue).then([issued]);
    spec
      .given([])
      .when({ ...issue, principal: { actorId: 'root', role: 'admin' } })
      .then([issued]);
    spec
      .given([])
      .when({ ...issue, principal: { actorId: 'sgar-52', role: 'commission_secretariat' } })
      .thenRejects('forbidden', /national body/);
    spec
      .given([])
      .when({ ...issue, principal: { actorId: 'cc', role: 'auditor' } })
      .thenRejects('forbidden');
    spec
      .given([])
      .when({ ...issue, cutoffPassed: false })
      .thenRejects('conflict', /not over/);
  });

  it('is re-issued only when the figures changed (a late report arrived)', () => {
    spec
      .given([issued])
      .when(issue)
      .thenRejects('conflict', /already issued with these very figures/);
    spec
      .given([issued])
      .when({ ...issue, sha256: 'c'.repeat(64), missing: [] })
      .then([
        {
          type: 'NationalSynthesisReissued',
          data: { semester: '2026-S1', sha256: 'c'.repeat(64), previousSha256: 'a'.repeat(64), sources: issue.sources, missing: [] },
        },
      ]);
  });
});
