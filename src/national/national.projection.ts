import { eitherEvent, type Projection } from '../projections/projection.js';
import { isNationalSynthesisEvent, type NationalSynthesisEvent } from './national-synthesis.decider.js';
import { isRegionalReportAcceptedEvent, type RegionalReportAccepted } from './regional-submission.decider.js';

/** Accepted regional submissions (`regional_submissions`) and issued national syntheses (`national_syntheses`). */
export const nationalProjection: Projection<RegionalReportAccepted | NationalSynthesisEvent> = {
  name: 'national',
  version: 1,
  filter: { categories: ['regionalSubmission', 'nationalSynthesis'] },
  events: eitherEvent(isRegionalReportAcceptedEvent, isNationalSynthesisEvent),
  tables: ['regional_submissions', 'national_syntheses'],
  setup(db) {
    db.exec(`
      CREATE TABLE regional_submissions (
        region      TEXT NOT NULL,
        semester    TEXT NOT NULL,
        number      INTEGER NOT NULL,
        sha256      TEXT NOT NULL,
        tree_size   INTEGER NOT NULL,
        root        TEXT NOT NULL,
        issued_at   TEXT NOT NULL,
        issued_by   TEXT NOT NULL,
        reissue     INTEGER NOT NULL,
        report      TEXT NOT NULL,
        accepted_at TEXT NOT NULL,
        accepted_by TEXT NOT NULL,
        PRIMARY KEY (region, number)
      ) WITHOUT ROWID;
      CREATE TABLE national_syntheses (
        semester    TEXT NOT NULL,
        version     INTEGER NOT NULL,
        sha256      TEXT NOT NULL,
        missing     TEXT NOT NULL,
        issued_at   TEXT NOT NULL,
        issued_by   TEXT NOT NULL,
        PRIMARY KEY (semester, version)
      ) WITHOUT ROWID;`);
  },
  handler(db) {
    const count = db.prepare(`SELECT COUNT(*) AS n FROM regional_submissions WHERE region = ?`);
    const insert = db.prepare(
      `INSERT INTO regional_submissions VALUES (@region, @semester, @number, @sha256, @treeSize, @root, @issuedAt, @issuedBy, @reissue, @report, @acceptedAt, @acceptedBy)`,
    );
    const versions = db.prepare(`SELECT COUNT(*) AS n FROM national_syntheses WHERE semester = ?`);
    const issue = db.prepare(`INSERT INTO national_syntheses VALUES (@semester, @version, @sha256, @missing, @issuedAt, @issuedBy)`);
    return (event) => {
      if (event.type === 'RegionalReportAccepted') {
        const d = event.data;
        insert.run({
          ...d,
          number: (count.get(d.region) as { n: number }).n + 1,
          reissue: d.reissue ? 1 : 0,
          acceptedAt: event.recordedAt,
          acceptedBy: event.metadata.principal,
        });
        return;
      }
      const d = event.data;
      issue.run({
        semester: d.semester,
        version: (versions.get(d.semester) as { n: number }).n + 1,
        sha256: d.sha256,
        missing: JSON.stringify(d.missing),
        issuedAt: event.recordedAt,
        issuedBy: event.metadata.principal,
      });
    };
  },
};
