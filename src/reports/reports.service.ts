import { CODE_FIELDS, type CodeFields } from '../runtime/feature.js';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { Metrics } from '../shared/metrics.js';
import { CommandBus } from '@nestjs/cqrs';
import { ExecuteCommand } from '../runtime/execute-command.js';
import type { Principal } from '../shared/principal.js';
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
import { REPORT_SECTIONS, type ReportSection } from './report-section.js';
import { reportDecider, reportStreamId, type ReportEvent, type ReportNarrative, type ReportState } from './report.decider.js';
import { cutoffOf, parseSemester, previousSemester, semesterLabel, type Semester } from './semester.js';
import { buildDocument, type IssueInfo, type Narrative, type ReportDocument } from './document/report-document.js';
import { parseLang, type Lang } from './document/format.js';
import { generateRestatedReport, type RestatedReport } from './restated-report.js';
import { restatedReportDecider, restatedReportStreamId } from './restated-report.decider.js';

export interface RestatementRow {
  region: string;
  semester: string;
  number: number;
  sha256: string;
  position: string;
  restatesVersion: number | null;
  restatesSha256: string | null;
  asIssuedSha256: string;
  recordedSince: number;
  issuedAt: string;
  issuedBy: string;
}

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
  private readonly statements: StatementCache;
  private readonly checkpoints: SqliteReportCheckpoints;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) db: ReadModelDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REPORT_SECTIONS) private readonly sections: readonly ReportSection[],
    private readonly territories: TerritoryService,
    @Inject(CODE_FIELDS) private readonly codeFields: CodeFields,
    private readonly commandBus: CommandBus,
    private readonly integrity: IntegrityService,
    @Optional() private readonly metrics?: Metrics,
  ) {
    this.statements = new StatementCache(db);
    this.checkpoints = new SqliteReportCheckpoints(db);
  }

  /** Checks the request at the edge: an unknown region or a malformed semester writes nothing and says which field. */
  parse(input: ReportRequestInput): { region: string; semester: Semester; cutoff?: string } {
    const semester = parseSemester(input.semester);
    if (!semester) throw badUserInput('semester is written like 2026-S2 (S1: January-June, S2: July-December)', ['semester']);
    if (!/^\d{2}$/.test(input.region) || !this.territories.region(input.region))
      throw badUserInput(`No region ${input.region} in the official geography`, ['region']);
    if (input.cutoff && Number.isNaN(input.cutoff.getTime())) throw badUserInput('cutoff is an ISO-8601 instant', ['cutoff']);
    return { region: input.region, semester, cutoff: input.cutoff?.toISOString() };
  }

  generate(input: ReportRequestInput): Promise<SemestrialReport> {
    const request = this.parse(input);
    return this.timed(() => generateReport(this.store, this.sections, this.territories, this.codeFields, request, { checkpoints: this.checkpoints }));
  }

  private timed(run: () => Promise<SemestrialReport>): Promise<SemestrialReport> {
    return this.metrics ? this.metrics.time(this.metrics.reportDuration, run) : run();
  }

  /** Checks a `lang` parameter: fr (default) or en; anything else is refused, naming the field. */
  static parseLang(raw: string | undefined | null): Lang {
    return parseLang(raw);
  }

  /**
   * The report as a document in one language: with the previous semester's figures (the change of
   * the key figures), place names, and the issue (cover, seal) when these exact bytes were issued.
   */
  async document(report: SemestrialReport, lang: Lang, narrative?: Narrative): Promise<ReportDocument> {
    const { region, semester } = report.content;
    const parsed = parseSemester(semester)!;
    const previous = await generateReport(
      this.store,
      this.sections,
      this.territories,
      this.codeFields,
      { region: region.code, semester: previousSemester(parsed) },
      { checkpoints: this.checkpoints },
    );
    const all = this.issued({ region: region.code, semester: semesterLabel(parsed) });
    const versions = all.filter((v) => v.sha256 === report.sha256);
    const issued = versions[versions.length - 1];
    const superseded = issued ? all.find((v) => v.version === issued.version - 1) : undefined;
    let issue: IssueInfo | undefined;
    if (issued) {
      const seal = (await this.integrity.seals()).find((s) => s.recordedAt >= issued.issuedAt) ?? null;
      issue = {
        version: issued.version,
        issuedAt: issued.issuedAt,
        issuedBy: issued.issuedBy,
        recipients: issued.recipients,
        reason: issued.reason,
        seal: seal ? { root: seal.root, size: seal.treeSize } : null,
        supersedes: superseded ? { version: superseded.version, sha256: superseded.sha256 } : null,
      };
    }
    return buildDocument({
      content: report.content,
      sha256: report.sha256,
      lang,
      previous: previous.content,
      places: { departement: (code) => this.territories.departement(code)?.name, commune: (code) => this.territories.commune(code)?.name },
      issue,
      narrative,
      provisional: this.isProvisional(report),
    });
  }

  /**
   * The semester's report as issued (as known at the cut-off) and as known now (or at `asKnownAt`):
   * every fact that occurred before the cut-off, whenever recorded. Refused before the cut-off.
   */
  async restated(
    input: { region: string; semester: string; asKnownAt?: string },
    now = new Date(),
  ): Promise<{ asIssued: SemestrialReport; asKnownNow: RestatedReport }> {
    const { region, semester } = this.parse(input);
    if (Date.parse(cutoffOf(semester)) > now.getTime())
      throw badUserInput(`The semester ${input.semester} is not over: it has no report as issued yet`, ['semester']);
    const asIssued = await generateReport(
      this.store,
      this.sections,
      this.territories,
      this.codeFields,
      { region, semester },
      { checkpoints: this.checkpoints },
    );
    const upTo = input.asKnownAt === undefined ? undefined : BigInt(input.asKnownAt);
    const asKnownNow = await generateRestatedReport(this.store, this.sections, this.territories, this.codeFields, { region, semester, upTo }, asIssued);
    return { asIssued, asKnownNow };
  }

  /** Facts about the semester or earlier recorded after its cut-off, as the restated report lists them. */
  static recordedSince(report: RestatedReport): number {
    const corrections = report.content.sections.find((s) => s.key === 'corrections');
    return corrections
      ? corrections.tables.reduce((n, t) => n + (t.name === 'import-batches' ? t.rows.reduce((m, r) => m + Number(r.facts), 0) : t.rows.length), 0)
      : 0;
  }

  /** Issues the report as known now as an event of its own (`ReportRestated`), referencing the issued original. */
  async restate(input: { region: string; semester: string }, sender: { principal: Principal; subject: string; commandId: string }, now = new Date()) {
    const { region, semester } = this.parse(input);
    const { asIssued, asKnownNow } = await this.restated(input, now);
    const original = this.issued({ region, semester: input.semester }).at(-1);
    const result = await this.commandBus.execute(
      new ExecuteCommand(
        restatedReportDecider,
        restatedReportStreamId(region, input.semester),
        {
          type: 'RestateReport',
          principal: { actorId: sender.principal.actorId, role: sender.principal.role },
          region,
          semester: input.semester,
          cutoffPassed: Date.parse(cutoffOf(semester)) <= now.getTime(),
          sha256: asKnownNow.sha256,
          position: asKnownNow.position.toString(),
          cutoff: asKnownNow.content.cutoff,
          restates: original ? { version: original.version, sha256: original.sha256 } : null,
          asIssuedSha256: asIssued.sha256,
          recordedSince: ReportsService.recordedSince(asKnownNow),
        },
        { commandId: sender.commandId, principal: sender.subject, actingActorId: sender.principal.actorId, occurredAt: now.toISOString() },
      ),
    );
    return { report: asKnownNow, result, seal: await this.sealIssue(result.replayed) };
  }

  restatements(filter: { region?: string; semester?: string }): RestatementRow[] {
    const rows = this.statements
      .get(
        `SELECT * FROM restated_reports WHERE (@region IS NULL OR region = @region) AND (@semester IS NULL OR semester = @semester)
         ORDER BY region, semester, number`,
      )
      .all({ region: filter.region ?? null, semester: filter.semester ?? null }) as Record<string, unknown>[];
    return rows.map((row) => ({
      region: row.region as string,
      semester: row.semester as string,
      number: row.number as number,
      sha256: row.sha256 as string,
      position: row.position as string,
      restatesVersion: row.restates_version as number | null,
      restatesSha256: row.restates_sha256 as string | null,
      asIssuedSha256: row.as_issued_sha256 as string,
      recordedSince: row.recorded_since as number,
      issuedAt: row.issued_at as string,
      issuedBy: row.issued_by as string,
    }));
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
    const report = await this.timed(() =>
      generateReport(this.store, this.sections, this.territories, this.codeFields, { region, semester }, { checkpoints: this.checkpoints }),
    );
    const label = input.semester;
    const result = await this.execute(region, label, sender, sender.commandId ?? derivedCommandId(`report:${region}:${label}`, 'issue'), {
      type: 'IssueReport',
      ...this.generated(region, label, report, now),
      principal: { actorId: sender.principal.actorId, role: sender.principal.role },
    });
    return { report, result, seal: await this.sealIssue(result.replayed) };
  }

  async reissue(
    input: { region: string; semester: string; reason: string; summary?: string | null; comments?: { chapter: string; text: string }[] | null },
    sender: { principal: Principal; subject: string; commandId: string },
    now = new Date(),
  ) {
    const { region, semester } = this.parse(input);
    const report = await this.timed(() =>
      generateReport(this.store, this.sections, this.territories, this.codeFields, { region, semester }, { checkpoints: this.checkpoints }),
    );
    const result = await this.execute(region, input.semester, sender, sender.commandId, {
      type: 'ReissueReport',
      reason: input.reason,
      ...(input.summary != null || input.comments != null
        ? {
            text: {
              ...(input.summary != null ? { summary: input.summary } : {}),
              ...(input.comments != null ? { comments: input.comments.map(({ chapter, text }) => ({ chapter, text })) } : {}),
            },
          }
        : {}),
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
      .all({ region: filter.region ?? null, semester: filter.semester ?? null }) as (Omit<IssuedReport, 'recipients' | 'issuedAt' | 'issuedBy'> & {
      recipients: string;
      issued_at: string;
      issued_by: string;
      narrative: string | null;
    })[];
    return rows.map(({ recipients, issued_at, issued_by, narrative: _narrative, ...row }) => ({
      ...row,
      recipients: JSON.parse(recipients) as string[],
      issuedAt: issued_at,
      issuedBy: issued_by,
    }));
  }

  /** The secretariat's draft text of a report, as written so far (null when nothing is written). */
  draftNarrative(region: string, semester: string): (ReportNarrative & { updatedAt: string; updatedBy: string }) | null {
    const row = this.statements
      .get(`SELECT narrative, updated_at, updated_by FROM report_narratives WHERE region = ? AND semester = ?`)
      .get(region, semester) as { narrative: string; updated_at: string; updated_by: string } | undefined;
    return row ? { ...(JSON.parse(row.narrative) as ReportNarrative), updatedAt: row.updated_at, updatedBy: row.updated_by } : null;
  }

  /**
   * The text a document shows: as issued when these bytes were issued (and which parts changed
   * since the version before), else the draft.
   */
  async narrativeFor(report: SemestrialReport): Promise<Narrative | undefined> {
    const region = report.content.region.code;
    const semester = report.content.semester;
    const rows = this.statements
      .get(`SELECT version, sha256, narrative FROM issued_reports WHERE region = ? AND semester = ? ORDER BY version`)
      .all(region, semester) as { version: number; sha256: string; narrative: string | null }[];
    const index = rows.map((r) => r.sha256).lastIndexOf(report.sha256);
    const toNarrative = (n: ReportNarrative | null | undefined): Narrative | undefined => (n ? { summary: n.summary ?? '', comments: n.comments } : undefined);
    if (index < 0) return toNarrative(this.draftNarrative(region, semester));
    const parse = (text: string | null) => (text ? (JSON.parse(text) as ReportNarrative) : null);
    const now = parse(rows[index].narrative);
    const narrative = toNarrative(now);
    if (!narrative || index === 0) return narrative;
    const before = parse(rows[index - 1].narrative);
    const keys = new Set([...Object.keys(now?.comments ?? {}), ...Object.keys(before?.comments ?? {})]);
    const changed = [...(now?.summary !== before?.summary ? ['summary'] : []), ...[...keys].filter((k) => now?.comments[k] !== before?.comments[k])];
    return {
      ...narrative,
      changedSince: { version: rows[index - 1].version, keys: changed, previous: { summary: before?.summary ?? '', comments: before?.comments ?? {} } },
    };
  }

  /** Writes the summary of the semester, or a chapter's comment, on the draft (an event each). */
  async writeNarrative(
    input: { region: string; semester: string; chapter?: string; text: string },
    sender: { principal: Principal; subject: string; commandId: string },
  ) {
    const { region } = this.parse(input);
    const principal = { actorId: sender.principal.actorId, role: sender.principal.role };
    const command: Parameters<typeof reportDecider.decide>[0] =
      input.chapter === undefined
        ? { type: 'WriteReportSummary', region, semester: input.semester, text: input.text, principal }
        : { type: 'CommentReportChapter', region, semester: input.semester, chapter: input.chapter, text: input.text, principal };
    return this.execute(region, input.semester, sender, sender.commandId, command);
  }

  /** Semesters whose cut-off has passed, from `first` up to now. */
  static endedSemesters(first: Semester, now: Date): Semester[] {
    const ended: Semester[] = [];
    for (let s = first; Date.parse(cutoffOf(s)) <= now.getTime(); s = s.half === 1 ? { year: s.year, half: 2 } : { year: s.year + 1, half: 1 }) ended.push(s);
    return ended;
  }

  private generated(region: string, semester: string, report: SemestrialReport, now: Date) {
    return {
      region,
      semester,
      sha256: report.sha256,
      position: report.position.toString(),
      cutoff: report.content.cutoff,
      recipients: this.config.reports.recipients,
      cutoffPassed: Date.parse(report.content.cutoff) <= now.getTime(),
    };
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
