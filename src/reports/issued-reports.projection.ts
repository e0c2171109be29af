import type { Projection } from '../projections/projection.js';
import { type ReportNarrative, isReportEvent, type ReportEvent } from './report.decider.js';

/**
 * Every issue and re-issue of a report (`issued_reports`), one row per version, with the text it
 * was issued with; and the secretariat's draft text of each report (`report_narratives`).
 */
export const issuedReportsProjection: Projection<ReportEvent> = {
  name: 'issued-reports',
  version: 2,
  filter: { categories: ['report'] },
  events: isReportEvent,
  tables: ['issued_reports', 'report_narratives'],
  setup(db) {
    db.exec(`
      CREATE TABLE issued_reports (
        region      TEXT NOT NULL,
        semester    TEXT NOT NULL,
        version     INTEGER NOT NULL,
        sha256      TEXT NOT NULL,
        position    TEXT NOT NULL,
        cutoff      TEXT NOT NULL,
        recipients  TEXT NOT NULL,
        reason      TEXT,
        issued_at   TEXT NOT NULL,
        issued_by   TEXT NOT NULL,
        narrative   TEXT,
        PRIMARY KEY (region, semester, version)
      ) WITHOUT ROWID;
      CREATE TABLE report_narratives (
        region      TEXT NOT NULL,
        semester    TEXT NOT NULL,
        narrative   TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        updated_by  TEXT NOT NULL,
        PRIMARY KEY (region, semester)
      ) WITHOUT ROWID;`);
  },
  handler(db) {
    const insert = db.prepare(
      `INSERT INTO issued_reports (region, semester, version, sha256, position, cutoff, recipients, reason, issued_at, issued_by, narrative)
       VALUES (@region, @semester, @version, @sha256, @position, @cutoff, @recipients, @reason, @issuedAt, @issuedBy, @narrative)`,
    );
    const versions = db.prepare(`SELECT COUNT(*) AS n FROM issued_reports WHERE region = ? AND semester = ?`);
    const draft = db.prepare(`SELECT narrative FROM report_narratives WHERE region = ? AND semester = ?`);
    const saveDraft = db.prepare(
      `INSERT INTO report_narratives (region, semester, narrative, updated_at, updated_by) VALUES (@region, @semester, @narrative, @updatedAt, @updatedBy)
       ON CONFLICT (region, semester) DO UPDATE SET narrative = excluded.narrative, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    );
    return (event) => {
      if (event.type === 'ReportSummaryWritten' || event.type === 'ReportChapterCommented') {
        const { region, semester } = event.data;
        const row = draft.get(region, semester) as { narrative: string } | undefined;
        const narrative = row ? (JSON.parse(row.narrative) as ReportNarrative) : { summary: null, comments: {} };
        if (event.type === 'ReportSummaryWritten') narrative.summary = event.data.text;
        else
          narrative.comments = Object.fromEntries(
            Object.entries({ ...narrative.comments, [event.data.chapter]: event.data.text }).sort(([a], [b]) => (a < b ? -1 : 1)),
          );
        saveDraft.run({ region, semester, narrative: JSON.stringify(narrative), updatedAt: event.recordedAt, updatedBy: event.metadata.principal });
        return;
      }
      const data = event.data;
      insert.run({
        region: data.region,
        semester: data.semester,
        version: (versions.get(data.region, data.semester) as { n: number }).n + 1,
        sha256: data.sha256,
        position: data.position,
        cutoff: data.cutoff,
        recipients: JSON.stringify(data.recipients),
        reason: event.type === 'ReportReissued' ? event.data.reason : null,
        issuedAt: event.recordedAt,
        issuedBy: event.metadata.principal,
        narrative: data.narrative ? JSON.stringify(data.narrative) : null,
      });
    };
  },
};
