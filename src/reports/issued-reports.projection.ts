import type { RecordedEvent } from '../event-store/event-store.js';
import type { Projection } from '../projections/projection.js';
import type { ReportEvent } from './report.decider.js';

/** Every issue and re-issue of a report (`issued_reports`), one row per version. */
export const issuedReportsProjection: Projection = {
  name: 'issued-reports',
  version: 1,
  filter: { categories: ['report'] },
  tables: ['issued_reports'],
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
        PRIMARY KEY (region, semester, version)
      ) WITHOUT ROWID;`);
  },
  handler(db) {
    const insert = db.prepare(
      `INSERT INTO issued_reports (region, semester, version, sha256, position, cutoff, recipients, reason, issued_at, issued_by)
       VALUES (@region, @semester, @version, @sha256, @position, @cutoff, @recipients, @reason, @issuedAt, @issuedBy)`,
    );
    return (recorded: RecordedEvent) => {
      const event = recorded as unknown as ReportEvent;
      const data = event.data;
      insert.run({
        region: data.region,
        semester: data.semester,
        version: recorded.revision + 1,
        sha256: data.sha256,
        position: data.position,
        cutoff: data.cutoff,
        recipients: JSON.stringify(data.recipients),
        reason: event.type === 'ReportReissued' ? event.data.reason : null,
        issuedAt: recorded.recordedAt,
        issuedBy: recorded.metadata.principal,
      });
    };
  },
};
