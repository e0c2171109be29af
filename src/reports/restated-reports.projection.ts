import type { Projection } from '../projections/projection.js';
import { isRestatedReportEvent, type RestatedReportEvent } from './restated-report.decider.js';

/** Every restated report (`restated_reports`), one row per restatement. */
export const restatedReportsProjection: Projection<RestatedReportEvent> = {
  name: 'restated-reports',
  version: 1,
  filter: { categories: ['restatedReport'] },
  events: isRestatedReportEvent,
  tables: ['restated_reports'],
  setup(db) {
    db.exec(`
      CREATE TABLE restated_reports (
        region           TEXT NOT NULL,
        semester         TEXT NOT NULL,
        number           INTEGER NOT NULL,
        sha256           TEXT NOT NULL,
        position         TEXT NOT NULL,
        cutoff           TEXT NOT NULL,
        restates_version INTEGER,
        restates_sha256  TEXT,
        as_issued_sha256 TEXT NOT NULL,
        recorded_since   INTEGER NOT NULL,
        issued_at        TEXT NOT NULL,
        issued_by        TEXT NOT NULL,
        PRIMARY KEY (region, semester, number)
      ) WITHOUT ROWID;`);
  },
  handler(db) {
    const insert = db.prepare(
      `INSERT INTO restated_reports (region, semester, number, sha256, position, cutoff, restates_version, restates_sha256, as_issued_sha256, recorded_since, issued_at, issued_by)
       VALUES (@region, @semester, @number, @sha256, @position, @cutoff, @restatesVersion, @restatesSha256, @asIssuedSha256, @recordedSince, @issuedAt, @issuedBy)`,
    );
    return (event) => {
      const { data } = event;
      insert.run({
        region: data.region,
        semester: data.semester,
        number: event.revision + 1,
        sha256: data.sha256,
        position: data.position,
        cutoff: data.cutoff,
        restatesVersion: data.restates?.version ?? null,
        restatesSha256: data.restates?.sha256 ?? null,
        asIssuedSha256: data.asIssuedSha256,
        recordedSince: data.recordedSince,
        issuedAt: event.recordedAt,
        issuedBy: event.metadata.principal,
      });
    };
  },
};
