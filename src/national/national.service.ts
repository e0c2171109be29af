import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ExecuteCommand } from '../runtime/execute-command.js';
import { RegionScope } from '../audit/region-scope.js';
import type { Principal } from '../shared/principal.js';
import { derivedCommandId } from '../decider/command-handler.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore } from '../event-store/event-store.js';
import { apiError, badUserInput } from '../graphql/errors.js';
import { IntegrityService } from '../integrity/integrity.service.js';
import type { ReadModelDatabase } from '../projections/projection.js';
import { READ_MODEL_DB } from '../projections/projections.module.js';
import { StatementCache } from '../projections/statement-cache.js';
import type { ReportContent } from '../reports/report-generator.js';
import { reportStreamId } from '../reports/report.decider.js';
import { ReportsService } from '../reports/reports.service.js';
import { cutoffOf, nextSemester, parseSemester, previousSemester, semesterLabel } from '../reports/semester.js';
import { TerritoryService } from '../territory/territory.service.js';
import { TerritoryKind } from '../territory/territory.types.js';
import { BundleUnavailable, exportBundle } from './bundle-export.js';
import { nationalSynthesisDecider, nationalSynthesisStreamId } from './national-synthesis.decider.js';
import {
  buildNationalSynthesis,
  trendPoint,
  type NationalSynthesis,
  type ReceivedReport,
  type SynthesisContent,
  type SynthesisDocumentExtras,
} from './national-synthesis.js';
import { regionalSubmissionDecider, regionalSubmissionStreamId } from './regional-submission.decider.js';
import { isVerdict, parseBundle, type SealHead, type SubmissionBundle } from './submission-bundle.js';
import { RegionalGovernanceReader, type RegionGovernance } from './regional-governance.js';
import { isCalendarDate } from '../shared/calendar-date.js';

export interface SubmissionRow {
  region: string;
  semester: string;
  number: number;
  sha256: string;
  treeSize: number;
  root: string;
  issuedAt: string;
  issuedBy: string;
  acceptedAt: string;
  acceptedBy: string;
}

export interface IssuedSynthesisRow {
  semester: string;
  version: number;
  sha256: string;
  missing: string[];
  issuedAt: string;
  issuedBy: string;
}

const READS_ALL = new Set(['auditor', 'admin', 'national_body']);

/** The national view: regions side by side, from their issued or submitted reports. */
@Injectable()
export class NationalService {
  private readonly statements: StatementCache;
  private readonly governanceReader: RegionalGovernanceReader;
  /** Issued reports' contents by region, semester and hash: issued bytes never change, regenerating them is the costly part. */
  private readonly issuedContents = new Map<string, ReportContent>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) db: ReadModelDatabase,
    private readonly territories: TerritoryService,
    private readonly commandBus: CommandBus,
    private readonly integrity: IntegrityService,
    private readonly reports: ReportsService,
    private readonly scope: RegionScope,
  ) {
    this.statements = new StatementCache(db);
    this.governanceReader = new RegionalGovernanceReader(db);
  }

  /**
   * Governance figures side by side: national readers any region (all by default); a regional actor
   * its own regions only (by default those; naming another is FORBIDDEN).
   */
  governance(args: { from?: string | null; to?: string | null; regions?: string[] | null }, principal: Principal): RegionGovernance[] {
    for (const field of ['from', 'to'] as const) {
      const value = args[field];
      if (value !== undefined && value !== null && !isCalendarDate(value)) throw badUserInput(`${field} is a calendar date YYYY-MM-DD`, [field]);
    }
    if (args.from && args.to && args.from > args.to) throw badUserInput('to is before from', ['to']);
    const all = this.territories.list({ kind: TerritoryKind.REGION, first: 100 }).map((r) => ({ code: r.code, name: r.name }));
    const unknown = (args.regions ?? []).filter((code) => !all.some((r) => r.code === code));
    if (unknown.length > 0) throw badUserInput(`No region ${unknown.join(', ')} in the official geography`, ['regions']);
    let wanted = args.regions?.length ? all.filter((r) => args.regions!.includes(r.code)) : all;
    if (!READS_ALL.has(principal.role)) {
      const own = this.scope.regionsOfActor(principal.actorId);
      const outside = (args.regions ?? []).filter((code) => !own.has(code));
      if (outside.length > 0)
        throw apiError(
          'FORBIDDEN',
          `Region ${outside.join(', ')} is not yours: auditors, national bodies and admins compare every region; a regional actor its own`,
        );
      wanted = wanted.filter((r) => own.has(r.code));
    }
    return this.governanceReader.read(wanted, { from: args.from ?? null, to: args.to ?? null });
  }

  parseSemester(raw: string) {
    const semester = parseSemester(raw);
    if (!semester) throw badUserInput('semester is written like 2026-S2 (S1: January-June, S2: July-December)', ['semester']);
    return semester;
  }

  /** Regional reports received for a semester: a submitted bundle wins over a report issued here. */
  async received(label: string): Promise<Map<string, ReceivedReport>> {
    const out = new Map<string, ReceivedReport>();
    const restated = new Set(this.reports.restatements({ semester: label }).map((r) => r.region));
    const latest = new Map<string, ReturnType<ReportsService['issued']>[number]>();
    for (const row of this.reports.issued({ semester: label })) latest.set(row.region, row);
    const seals = latest.size ? await this.integrity.seals() : [];
    for (const [region, row] of latest) {
      const key = `${region}:${label}:${row.sha256}`;
      let content = this.issuedContents.get(key);
      if (!content) {
        const report = await this.reports.generate({ region, semester: label });
        // The report is reproducible from the log: the bytes regenerated are the bytes issued.
        if (report.sha256 !== row.sha256) throw apiError('INTERNAL', `The ${label} report of region ${region} no longer regenerates as issued (${row.sha256})`);
        content = report.content;
        if (this.issuedContents.size >= 512) this.issuedContents.delete(this.issuedContents.keys().next().value!);
        this.issuedContents.set(key, content);
      }
      const seal = seals.find((s) => s.recordedAt >= row.issuedAt);
      out.set(region, {
        region,
        content,
        sha256: row.sha256,
        version: row.version,
        issuedAt: row.issuedAt,
        issuedBy: row.issuedBy,
        source: 'issued-here',
        restated: restated.has(region),
        seal: seal ? { treeSize: seal.treeSize, root: seal.root } : null,
      });
    }
    const submitted = this.statements.get(`SELECT * FROM regional_submissions WHERE semester = ? ORDER BY region, number`).all(label) as {
      region: string;
      sha256: string;
      tree_size: number;
      root: string;
      issued_at: string;
      issued_by: string;
      reissue: number;
      report: string;
    }[];
    const versions = new Map<string, number>();
    for (const row of submitted) {
      versions.set(row.region, (versions.get(row.region) ?? 0) + 1);
      const content = JSON.parse(row.report) as ReportContent;
      out.set(row.region, {
        region: row.region,
        content,
        sha256: row.sha256,
        version: row.reissue ? Math.max(2, versions.get(row.region)!) : 1,
        issuedAt: row.issued_at,
        issuedBy: row.issued_by,
        source: 'submitted',
        restated: false,
        seal: { treeSize: row.tree_size, root: row.root },
      });
    }
    return out;
  }

  /** The synthesis of a semester as of now's received reports (pure: same reports, same bytes). */
  async synthesis(raw: string): Promise<NationalSynthesis> {
    const semester = this.parseSemester(raw);
    const label = semesterLabel(semester);
    const previous = semesterLabel(previousSemester(semester));
    const regions = this.territories.list({ kind: TerritoryKind.REGION, first: 100 }).map((r) => ({ code: r.code, name: r.name }));
    return buildNationalSynthesis({
      semester: label,
      previousSemester: previous,
      regions,
      current: await this.received(label),
      previous: await this.received(previous),
    });
  }

  /**
   * The synthesis document's extras: the national trend from the first semester any region
   * reported up to this one (from the received reports, as the synthesis), and the seal of its issue.
   */
  async documentExtras(raw: string): Promise<SynthesisDocumentExtras> {
    const semester = this.parseSemester(raw);
    const label = semesterLabel(semester);
    const known = [...this.reports.issued({}).map((r) => r.semester), ...this.submissions().map((s) => s.semester)].filter((s) => s <= label).sort();
    const trend = [];
    if (known.length > 0) {
      for (let s = parseSemester(known[0])!; semesterLabel(s) <= label; s = nextSemester(s))
        trend.push(trendPoint(semesterLabel(s), await this.received(semesterLabel(s))));
    }
    const issued = this.issued(label).at(-1);
    const seal = issued ? (await this.integrity.seals()).find((s) => s.recordedAt >= issued.issuedAt) : undefined;
    return { trend, seal: seal ? { treeSize: seal.treeSize, root: seal.root } : null };
  }

  /** What a caller may see: national readers everything; a regional actor its regions' rows and the totals. */
  visibleTo(content: SynthesisContent, principal: Principal): SynthesisContent {
    if (READS_ALL.has(principal.role)) return content;
    const own = this.scope.regionsOfActor(principal.actorId);
    return { ...content, regions: content.regions.filter((r) => own.has(r.region)) };
  }

  async issue(raw: string, sender: { principal: Principal; subject: string; commandId?: string }, now = new Date()) {
    const semester = this.parseSemester(raw);
    const synthesis = await this.synthesis(raw);
    const label = semesterLabel(semester);
    const result = await this.commandBus.execute(
      new ExecuteCommand(
        nationalSynthesisDecider,
        nationalSynthesisStreamId(label),
        {
          type: 'IssueNationalSynthesis',
          principal: { actorId: sender.principal.actorId, role: sender.principal.role },
          semester: label,
          sha256: synthesis.sha256,
          sources: synthesis.content.regions.filter((r) => r.sha256 !== null).map((r) => ({ region: r.region, sha256: r.sha256! })),
          missing: synthesis.content.missing,
          cutoffPassed: Date.parse(cutoffOf(semester)) <= now.getTime(),
        },
        {
          commandId: sender.commandId ?? derivedCommandId(`nationalSynthesis:${label}:${synthesis.sha256}`, 'issue'),
          principal: sender.subject,
          actingActorId: sender.principal.actorId,
          occurredAt: now.toISOString(),
        },
      ),
    );
    const seal = result.replayed ? null : await this.integrity.sealNow();
    return { synthesis, replayed: result.replayed, seal };
  }

  issued(semester?: string): IssuedSynthesisRow[] {
    const rows = this.statements
      .get(`SELECT * FROM national_syntheses WHERE (@semester IS NULL OR semester = @semester) ORDER BY semester, version`)
      .all({ semester: semester ?? null }) as Record<string, unknown>[];
    return rows.map((r) => ({
      semester: r.semester as string,
      version: r.version as number,
      sha256: r.sha256 as string,
      missing: JSON.parse(r.missing as string) as string[],
      issuedAt: r.issued_at as string,
      issuedBy: r.issued_by as string,
    }));
  }

  /** The bundle of a region's issued report, with the consistency proof from `since` (the seal last accepted nationally). */
  async bundle(input: { region: string; semester: string; since?: SealHead | null }): Promise<SubmissionBundle> {
    const { region } = this.reports.parse(input);
    const report = await this.reports.generate({ region, semester: input.semester });
    const events = await this.store.readStream(reportStreamId(region, input.semester));
    try {
      return await exportBundle(this.integrity, events, { region, semester: input.semester, json: report.json, sha256: report.sha256 }, input.since ?? null);
    } catch (error) {
      if (error instanceof BundleUnavailable) throw badUserInput(error.message, ['semester']);
      throw error;
    }
  }

  /** Verifies and records a region's bundle; a refused bundle writes nothing and says why. */
  async submit(input: { region: string; bundle: string }, sender: { principal: Principal; subject: string; commandId: string }) {
    if (!this.territories.region(input.region)) throw badUserInput(`No region ${input.region} in the official geography`, ['region']);
    const parsed = parseBundle(input.bundle);
    if (isVerdict(parsed)) throw badUserInput(`Bundle refused (${parsed.ok ? 'malformed' : parsed.refusal}): ${parsed.ok ? '' : parsed.reason}`, ['bundle']);
    const result = await this.commandBus.execute(
      new ExecuteCommand(
        regionalSubmissionDecider,
        regionalSubmissionStreamId(input.region),
        { type: 'SubmitRegionalReport', principal: { actorId: sender.principal.actorId, role: sender.principal.role }, region: input.region, bundle: parsed },
        {
          commandId: sender.commandId,
          principal: sender.subject,
          actingActorId: sender.principal.actorId,
          occurredAt: new Date().toISOString(),
        },
      ),
    );
    return { replayed: result.replayed, submission: this.submissions(input.region).at(-1)! };
  }

  submissions(region?: string): SubmissionRow[] {
    const rows = this.statements
      .get(`SELECT * FROM regional_submissions WHERE (@region IS NULL OR region = @region) ORDER BY region, number`)
      .all({ region: region ?? null }) as Record<string, unknown>[];
    return rows.map((r) => ({
      region: r.region as string,
      semester: r.semester as string,
      number: r.number as number,
      sha256: r.sha256 as string,
      treeSize: r.tree_size as number,
      root: r.root as string,
      issuedAt: r.issued_at as string,
      issuedBy: r.issued_by as string,
      acceptedAt: r.accepted_at as string,
      acceptedBy: r.accepted_by as string,
    }));
  }
}
