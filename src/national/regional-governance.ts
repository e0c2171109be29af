import type { ReadModelDatabase } from '../projections/projection.js';
import { StatementCache } from '../projections/statement-cache.js';

/** How a region's CCRANT governs, in figures that compare from one region to another. */
export interface RegionGovernance {
  region: string;
  name: string;
  meetings: number;
  decisions: number;
  byVote: number;
  byConsensus: number;
  adopted: number;
  rejected: number;
  /** Votes the members present or represented could not carry: under the quorum, the vote cannot adopt. */
  quorumFailures: number;
  /** Commitments made on a decision of the commission (its action requests). */
  commitmentsFromDecisions: number;
  /** Days from the meeting that decided to the commitment being made: median and longest, null without any. */
  medianDaysDecisionToCommitment: number | null;
  maxDaysDecisionToCommitment: number | null;
  /** Commitments concerning the region (made in the period), and how many of them are breached now. */
  commitments: number;
  commitmentsBreached: number;
}

export interface GovernancePeriod {
  /** First and last day (YYYY-MM-DD, inclusive) of the meetings and commitments counted; null: unbounded. */
  from: string | null;
  to: string | null;
}

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Reads the figures from the commission and commitment read models (decisions with their mode,
 * outcome and quorum; commitments with their origin), each commitment in the regions its record
 * concerns (the audit trail's region index), so every region is counted the same way.
 */
export class RegionalGovernanceReader {
  private readonly statements: StatementCache;

  constructor(db: ReadModelDatabase) {
    this.statements = new StatementCache(db);
  }

  read(regions: readonly { code: string; name: string }[], period: GovernancePeriod): RegionGovernance[] {
    const bounds = { from: period.from, to: period.to };
    const decisions = this.statements
      .get(
        `SELECT region_code AS region, count(DISTINCT meeting_id) AS meetings, count(*) AS decisions,
                sum(mode = 'vote') AS byVote, sum(mode = 'consensus') AS byConsensus,
                sum(outcome = 'adopted') AS adopted, sum(outcome = 'rejected') AS rejected,
                sum(mode = 'vote' AND json_extract(quorum, '$.reached') = 0) AS quorumFailures
           FROM commission_decisions
          WHERE (@from IS NULL OR meeting_date >= @from) AND (@to IS NULL OR meeting_date <= @to)
          GROUP BY region_code`,
      )
      .all(bounds) as {
      region: string;
      meetings: number;
      decisions: number;
      byVote: number;
      byConsensus: number;
      adopted: number;
      rejected: number;
      quorumFailures: number;
    }[];
    const delays = this.statements
      .get(
        `SELECT d.region_code AS region, julianday(c.made_on) - julianday(d.meeting_date) AS days
           FROM commitments c JOIN commission_decisions d ON d.id = json_extract(c.stems_from, '$.decisionId')
          WHERE json_extract(c.stems_from, '$.kind') = 'commission_decision'
            AND (@from IS NULL OR d.meeting_date >= @from) AND (@to IS NULL OR d.meeting_date <= @to)`,
      )
      .all(bounds) as { region: string; days: number }[];
    const commitments = this.statements
      .get(
        `SELECT r.region AS region, count(*) AS commitments, sum(c.status = 'breached') AS breached
           FROM commitments c JOIN audit_stream_regions r ON r.stream_id = 'commitment-' || c.id
          WHERE (@from IS NULL OR c.made_on >= @from) AND (@to IS NULL OR c.made_on <= @to)
          GROUP BY r.region`,
      )
      .all(bounds) as { region: string; commitments: number; breached: number }[];
    return regions.map(({ code, name }) => {
      const d = decisions.find((row) => row.region === code);
      const days = delays.filter((row) => row.region === code).map((row) => Math.round(row.days));
      const c = commitments.find((row) => row.region === code);
      return {
        region: code,
        name,
        meetings: d?.meetings ?? 0,
        decisions: d?.decisions ?? 0,
        byVote: d?.byVote ?? 0,
        byConsensus: d?.byConsensus ?? 0,
        adopted: d?.adopted ?? 0,
        rejected: d?.rejected ?? 0,
        quorumFailures: d?.quorumFailures ?? 0,
        commitmentsFromDecisions: days.length,
        medianDaysDecisionToCommitment: median(days),
        maxDaysDecisionToCommitment: days.length ? Math.max(...days) : null,
        commitments: c?.commitments ?? 0,
        commitmentsBreached: c?.breached ?? 0,
      };
    });
  }
}
