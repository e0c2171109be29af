import { givenEvents, type GivenEvent } from '../../test/fixtures/projection-spec.js';
import type { NationalSynthesisEvent } from './national-synthesis.decider.js';
import { nationalProjection } from './national.projection.js';
import type { RegionalReportAccepted } from './regional-submission.decider.js';

describe('national projection', () => {
  const accepted = (region: string, sha: string, reissue: boolean): GivenEvent<RegionalReportAccepted> => ({
    streamId: `regionalSubmission-${region}`,
    type: 'RegionalReportAccepted',
    data: {
      region,
      semester: '2026-S1',
      sha256: sha.repeat(64),
      treeSize: 10,
      root: 'r'.repeat(64),
      issuedAt: '2026-07-15T10:00:00.000Z',
      issuedBy: 'sgar',
      reissue,
      report: '{}',
    },
    metadata: { principal: 'national-admin' },
  });

  it('numbers the accepted submissions of each region in order, with who accepted them', () => {
    const then = givenEvents(nationalProjection, [accepted('27', 'a', false), accepted('53', 'b', false), accepted('27', 'c', true)]);
    expect(then.rows('SELECT region, number, reissue, accepted_by FROM regional_submissions ORDER BY region, number')).toEqual([
      { region: '27', number: 1, reissue: 0, accepted_by: 'national-admin' },
      { region: '27', number: 2, reissue: 1, accepted_by: 'national-admin' },
      { region: '53', number: 1, reissue: 0, accepted_by: 'national-admin' },
    ]);
  });

  it('versions the syntheses of a semester, issue and reissue alike, with the regions missing', () => {
    const synthesis: (NationalSynthesisEvent & { streamId: string })[] = [
      {
        streamId: 'nationalSynthesis-2026-S1',
        type: 'NationalSynthesisIssued',
        data: { semester: '2026-S1', sha256: 'd'.repeat(64), sources: [], missing: ['53'] },
      },
      {
        streamId: 'nationalSynthesis-2026-S1',
        type: 'NationalSynthesisReissued',
        data: { semester: '2026-S1', sha256: 'e'.repeat(64), previousSha256: 'd'.repeat(64), sources: [], missing: [] },
      },
    ];
    const then = givenEvents(nationalProjection, synthesis);
    expect(then.rows('SELECT semester, version, missing FROM national_syntheses ORDER BY version')).toEqual([
      { semester: '2026-S1', version: 1, missing: '["53"]' },
      { semester: '2026-S1', version: 2, missing: '[]' },
    ]);
  });
});
