import { givenEvents, type GivenEvent } from '../../test/fixtures/projection-spec.js';
import { issuedReportsProjection } from './issued-reports.projection.js';
import type { ReportEvent } from './report.decider.js';

describe('issued reports projection', () => {
  const streamId = 'report-27-2026-S1';
  const scope = { region: '27', semester: '2026-S1' };
  const issued: GivenEvent<ReportEvent> = {
    streamId,
    type: 'ReportIssued',
    data: { ...scope, sha256: 'a'.repeat(64), position: '120', cutoff: '2026-06-30T22:00:00.000Z', recipients: ['prefet'] },
    metadata: { principal: 'sgar-27' },
  };

  it('keeps one row per version, the re-issue with its reason', () => {
    const then = givenEvents(issuedReportsProjection, [
      issued,
      {
        streamId,
        type: 'ReportReissued',
        data: {
          ...scope,
          previousSha256: 'a'.repeat(64),
          sha256: 'b'.repeat(64),
          position: '140',
          cutoff: '2026-06-30T22:00:00.000Z',
          recipients: ['prefet'],
          reason: 'erratum',
        },
      },
    ]);
    expect(then.rows('SELECT version, position, reason, issued_by, narrative FROM issued_reports ORDER BY version')).toEqual([
      { version: 1, position: '120', reason: null, issued_by: 'sgar-27', narrative: null },
      { version: 2, position: '140', reason: 'erratum', issued_by: 'spec', narrative: null },
    ]);
  });

  it('drafts the narrative from the summary and the chapter comments, the comments in chapter order', () => {
    const then = givenEvents(issuedReportsProjection, [
      { streamId, type: 'ReportSummaryWritten', data: { ...scope, text: 'Synthèse' } },
      { streamId, type: 'ReportChapterCommented', data: { ...scope, chapter: 'zones', text: 'Zones' } },
      { streamId, type: 'ReportChapterCommented', data: { ...scope, chapter: 'conventions', text: 'Conventions' } },
    ]);
    expect(then.rows('SELECT narrative FROM report_narratives')).toEqual([
      { narrative: JSON.stringify({ summary: 'Synthèse', comments: { conventions: 'Conventions', zones: 'Zones' } }) },
    ]);
  });
});
