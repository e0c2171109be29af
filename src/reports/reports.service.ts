import { Inject, Injectable, Optional } from '@nestjs/common';
import { Metrics } from '../metrics/metrics.js';
import { CommandBus } from '@nestjs/cqrs';
import { ExecuteCommand } from '../app/execute-command.js';
import type { Principal } from '../auth/principal.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import type { CommandResult } from '../decider/command-handler.js';
import { derivedCommandId } from '../decider/command-handler.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore } from '../event-store/event-store.js';
import { badUserInput } from '../graphql/errors.js';
import type { ReadModelDatabase } from '../projections/projection.js';
import { READ_MODEL_DB } from '../projections/projections.module.js';
import { StatementCache } from '../projections/statement-cache.js';
import { IntegrityService } from '../integrity/integrity.service.js';
import { TerritoryService } from '../territory/territory.service.js';
import { generateReport, type SemestrialReport } from './report-generator.js';
import { SqliteReportCheckpoints } from './sqlite-report-checkpoints.js';
import { reportSections } from './report-sections.js';
import { reportDecider, reportStreamId, type ReportEvent, type ReportState } from './report.decider.js';
import { cutoffOf, parseSemester, type Semester } from './semester.js';

export interface IssuedReport {
  region: string;
  semester: string;
  version: number;
  sha256: string;
  position: string;
  cutoff: string;
  recipients: string[];
  reason: string | null;
  issuedAt: string;
  issuedBy: string;
}

export interface ReportRequestInput {
  region: string;
  semester: string;
  cutoff?: Date;
}

/** Generates reports from the log, and issues them as events. */
@Injectable()
export class ReportsService {
  private readonly sections;
  private readonly statements: StatementCache;
  private readonly checkpoints: SqliteReportCheckpoints;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) db: ReadModelDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly territories: TerritoryService,
    private readonly commandBus: CommandBus,
    private readonly integrity: IntegrityService,
    @Optional() private readonly metrics?: Metrics,
  ) {
    this.sections = reportSections(config);
    this.statements = new StatementCache(db);
    this.checkpoints = new SqliteReportCheckpoints(db);
  }

  /** Checks the request at the edge: an unknown region or a malformed semester writes nothing and says which field. */
  parse(input: ReportRequestInput): { region: string; semester: Semester; cutoff?: string } {
    const semester = parseSemester(input.semester);
    if (!semester) throw badUserInput('semester is written like 2026-S2 (S1: January-June, S2: July-December)', ['semester']);
    if (!/^\d{2}$/.test(input.region) || !this.territories.region(input.region)) throw badUserInput(`No region ${input.region} in the official geography`, ['region']);
    if (input.cutoff && Number.isNaN(input.cutoff.getTime())) throw badUserInput('cutoff is an ISO-8601 instant', ['cutoff']);
    return { region: input.region, semester, cutoff: input.cutoff?.toISOString() };
  }

  generate(input: ReportRequestInput): Promise<SemestrialReport> {
    const request = this.parse(input);
    return this.timed(() => generateReport(this.store, this.sections, this.territories, request, { checkpoints: this.checkpoints }));
  }

  private timed(run: () => Promise<SemestrialReport>): Promise<SemestrialReport> {
    return this.metrics ? this.metrics.time(this.metrics.reportDuration, run) : run();
  }

  /** Whether the report's cut-off is still ahead: its figures may still change. */
  isProvisional(report: SemestrialReport, now = new Date()): boolean {
    return Date.parse(report.content.cutoff) > now.getTime();
  }

  /**
   * Generates and issues the report at the semester's own cut-off. The command id derives from the
   * region and semester, so a retry, a restart or a second instance issuing at the same time
   * records it once (the stream is created with "no stream" expected).
   */
  async issue(input: { region: string; semester: string }, sender: { principal: Principal; subject: string; commandId?: string }, now = new Date()) {
    const { region, semester } = this.parse(input);
    const report = await this.timed(() => generateReport(this.store, this.sections, this.territories, { region, semester }, { checkpoints: this.checkpoints }));
    const label = input.semester;
    const result = await this.execute(region, label, sender, sender.commandId ?? derivedCommandId(`report:${region}:${label}`, 'issue'), {
      type: 'IssueReport',
      ...this.generated(region, label, report, now),
      principal: { actorId: sender.principal.actorId, role: sender.principal.role },
    });
    return { report, result, seal: await this.sealIssue(result.replayed) };
  }

  async reissue(input: { region: string; semester: string; reason: string }, sender: { principal: Principal; subject: string; commandId: string }, now = new Date()) {
    const { region, semester } = this.parse(input);
    const report = await this.timed(() => generateReport(this.store, this.sections, this.territories, { region, semester }, { checkpoints: this.checkpoints }));
    const result = await this.execute(region, input.semester, sender, sender.commandId, {
      type: 'ReissueReport',
      reason: input.reason,
      ...this.generated(region, input.semester, report, now),
      principal: { actorId: sender.principal.actorId, role: sender.principal.role },
    });
    return { report, result, seal: await this.sealIssue(result.replayed) };
  }

  /** Every issued report is sealed: a Merkle root over the log, the issue event included. */
  private async sealIssue(replayed: boolean) {
    return replayed ? null : this.integrity.sealNow();
  }

  issued(filter: { region?: string; semester?: string }): IssuedReport[] {
    const rows = this.statements
      .get(
        `SELECT * FROM issued_reports WHERE (@region IS NULL OR region = @region) AND (@semester IS NULL OR semester = @semester)
         ORDER BY region, semester, version`,
      )
      .all({ region: filter.region ?? null, semester: filter.semester ?? null }) as (Omit<IssuedReport, 'recipients' | 'issuedAt' | 'issuedBy'> & { recipients: string; issued_at: string; issued_by: string })[];
    return rows.map(({ recipients, issued_at, issued_by, ...row }) => ({ ...row, recipients: JSON.parse(recipients) as string[], issuedAt: issued_at, issuedBy: issued_by }));
  }

  /** Semesters whose cut-off has passed, from `first` up to now. */
  static endedSemesters(first: Semester, now: Date): Semester[] {
    const ended: Semester[] = [];
    for (let s = first; Date.parse(cutoffOf(s)) <= now.getTime(); s = s.half === 1 ? { year: s.year, half: 2 } : { year: s.year + 1, half: 1 }) ended.push(s);
    return ended;
  }

  private generated(region: string, semester: string, report: SemestrialReport, now: Date) {
    return { region, semester, sha256: report.sha256, position: report.position.toString(), cutoff: report.content.cutoff, recipients: this.config.reports.recipients, cutoffPassed: Date.parse(report.content.cutoff) <= now.getTime() };
  }

  private execute(
    region: string,
    semester: string,
    sender: { principal: Principal; subject: string },
    commandId: string,
    command: Parameters<typeof reportDecider.decide>[0],
  ): Promise<CommandResult<ReportState, ReportEvent>> {
    return this.commandBus.execute(
      new ExecuteCommand(reportDecider, reportStreamId(region, semester), command, {
        commandId,
        principal: sender.subject,
        actingActorId: sender.principal.actorId,
        occurredAt: new Date().toISOString(),
      }),
    );
  }
}
