import { givenEvents } from '../../test/fixtures/projection-spec.js';
import type { RestatedReportEvent } from './restated-report.decider.js';
import { restatedReportsProjection } from './restated-reports.projection.js';

describe('restated reports projection', () => {
  const restated = (sha: string, restates: { version: number; sha256: string } | null): RestatedReportEvent & { streamId: string } => ({
    streamId: 'restatedReport-27-2025-S2',
    type: 'ReportRestated',
    data: {
      region: '27',
      semester: '2025-S2',
      sha256: sha.repeat(64),
      position: '300',
      cutoff: '2025-12-31T23:00:00.000Z',
      restates,
      asIssuedSha256: 'f'.repeat(64),
      recordedSince: 4,
    },
  });

  it('numbers the restatements of a report by their revision, with the issued version each restates', () => {
    const then = givenEvents(restatedReportsProjection, [restated('a', null), restated('b', { version: 2, sha256: 'c'.repeat(64) })]);
    expect(then.rows('SELECT number, restates_version, restates_sha256, recorded_since FROM restated_reports ORDER BY number')).toEqual([
      { number: 1, restates_version: null, restates_sha256: null, recorded_since: 4 },
      { number: 2, restates_version: 2, restates_sha256: 'c'.repeat(64), recorded_since: 4 },
    ]);
  });
});
