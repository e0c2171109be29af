import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, RequireRoles } from '../auth/access.decorators.js';
import type { Principal } from '../shared/principal.js';
import { commandContext } from '../graphql/command-input.js';
import type { SemestrialReport } from './report-generator.js';
import {
  IssuedReportModel,
  IssuedReportsArgs,
  IssueReportInput,
  IssueReportPayload,
  ReissueReportInput,
  ReportArgs,
  ReportDraftArgs,
  ReportDraftModel,
  ReportDraftPayload,
  CommentReportChapterInput,
  WriteReportSummaryInput,
  SemestrialReportModel,
} from './report.model.js';
import { catalogue, type Lang } from './document/format.js';
import { ReportsService, type IssuedReport, type RestatementRow } from './reports.service.js';
import { RestatedReportArgs, RestatedReportModel, RestatementModel, RestateReportPayload } from './restated-report.model.js';

/** Reports are for the State and the region's partners: any authenticated caller reads them. */
@Resolver()
export class ReportsResolver {
  constructor(private readonly reports: ReportsService) {}

  @Query(() => SemestrialReportModel, { description: 'A region’s semestrial report as known at the cut-off (generated from the log; identical every time).' })
  async semestrialReport(@Args() args: ReportArgs): Promise<SemestrialReportModel> {
    const lang = ReportsService.parseLang(args.lang);
    const report = await this.reports.generate(args);
    return toModel(report, this.reports.isProvisional(report), this.reports.issued({ region: args.region, semester: args.semester }), lang, args.cutoff);
  }

  @Query(() => ReportDraftModel, { description: 'The secretariat’s draft text (summary and chapter comments) of a report; any authenticated caller reads it.' })
  reportDraft(@Args() args: ReportDraftArgs): ReportDraftModel {
    this.reports.parse(args);
    return this.draft(args.region, args.semester);
  }

  @RequireRoles('admin', 'commission_secretariat')
  @Mutation(() => ReportDraftPayload, {
    description: 'Writes the summary of the semester on the draft of a report not yet issued. Admin or commission secretariat.',
  })
  async writeReportSummary(@Args('input') input: WriteReportSummaryInput, @CurrentPrincipal() principal: Principal): Promise<ReportDraftPayload> {
    const context = commandContext(input, principal);
    const result = await this.reports.writeNarrative(input, { principal, subject: context.principal, commandId: input.commandId });
    return { draft: this.draft(input.region, input.semester), replayed: result.replayed };
  }

  @RequireRoles('admin', 'commission_secretariat')
  @Mutation(() => ReportDraftPayload, {
    description: 'Writes the comment of one chapter on the draft of a report not yet issued. Admin or commission secretariat.',
  })
  async commentReportChapter(@Args('input') input: CommentReportChapterInput, @CurrentPrincipal() principal: Principal): Promise<ReportDraftPayload> {
    const context = commandContext(input, principal);
    const result = await this.reports.writeNarrative(input, { principal, subject: context.principal, commandId: input.commandId });
    return { draft: this.draft(input.region, input.semester), replayed: result.replayed };
  }

  private draft(region: string, semester: string): ReportDraftModel {
    const draft = this.reports.draftNarrative(region, semester);
    return {
      region,
      semester,
      summary: draft?.summary ?? null,
      comments: Object.entries(draft?.comments ?? {}).map(([chapter, text]) => ({ chapter, text })),
      updatedAt: draft ? new Date(draft.updatedAt) : null,
      updatedBy: draft?.updatedBy ?? null,
    };
  }

  @Query(() => [IssuedReportModel], { description: 'Issued reports and re-issues, by region and semester.' })
  issuedReports(@Args() args: IssuedReportsArgs): IssuedReportModel[] {
    return this.reports.issued(args).map(toIssuedModel);
  }

  @Query(() => RestatedReportModel, {
    description:
      'A past semester’s report as issued (as known at the cut-off) and as known now (every fact that occurred before the cut-off, imports and late recordings included), side by side.',
  })
  async restatedReport(@Args() args: RestatedReportArgs): Promise<RestatedReportModel> {
    const { asIssued, asKnownNow } = await this.reports.restated(args);
    const issued = this.reports.issued({ region: args.region, semester: args.semester });
    const knownNow = toModel(asKnownNow, false, issued, 'fr');
    knownNow.links = reportLinks(args.region, args.semester, undefined, 'fr', asKnownNow.content.basis.asKnownAt);
    return {
      asIssued: toModel(asIssued, false, issued, 'fr'),
      asKnownNow: knownNow,
      asKnownAt: asKnownNow.content.basis.asKnownAt,
      recordedUntil: asKnownNow.content.basis.recordedUntil ? new Date(asKnownNow.content.basis.recordedUntil) : null,
      recordedSince: ReportsService.recordedSince(asKnownNow),
      restatements: this.reports.restatements(args).map(toRestatementModel),
    };
  }

  @RequireRoles('admin', 'commission_secretariat')
  @Mutation(() => RestateReportPayload, {
    description: 'Issues a past semester’s report as known now as an event of its own, referencing the issued original. Admin or commission secretariat.',
  })
  async issueRestatedReport(@Args('input') input: IssueReportInput, @CurrentPrincipal() principal: Principal): Promise<RestateReportPayload> {
    const context = commandContext(input, principal);
    const { result } = await this.reports.restate(input, { principal, subject: context.principal, commandId: input.commandId });
    const restatements = this.reports.restatements(input);
    return { restatement: toRestatementModel(restatements[restatements.length - 1]), replayed: result.replayed };
  }

  @RequireRoles('admin', 'commission_secretariat')
  @Mutation(() => IssueReportPayload, {
    description: 'Issues the report at its semester’s cut-off (once the semester is over). Admin or commission secretariat.',
  })
  async issueSemestrialReport(@Args('input') input: IssueReportInput, @CurrentPrincipal() principal: Principal): Promise<IssueReportPayload> {
    const context = commandContext(input, principal);
    const { result } = await this.reports.issue(input, { principal, subject: context.principal, commandId: input.commandId });
    return this.payload(input, result.replayed);
  }

  @RequireRoles('admin', 'commission_secretariat')
  @Mutation(() => IssueReportPayload, { description: 'Supersedes an issued report with a new issue, for a stated reason.' })
  async reissueSemestrialReport(@Args('input') input: ReissueReportInput, @CurrentPrincipal() principal: Principal): Promise<IssueReportPayload> {
    const context = commandContext(input, principal);
    const { result } = await this.reports.reissue(input, { principal, subject: context.principal, commandId: input.commandId });
    return this.payload(input, result.replayed);
  }

  private payload(input: { region: string; semester: string }, replayed: boolean): IssueReportPayload {
    const versions = this.reports.issued(input);
    return { issued: toIssuedModel(versions[versions.length - 1]), replayed };
  }
}

function toIssuedModel(issued: IssuedReport): IssuedReportModel {
  return { ...issued, cutoff: new Date(issued.cutoff), issuedAt: new Date(issued.issuedAt) };
}

function toRestatementModel(row: RestatementRow): RestatementModel {
  return { ...row, issuedAt: new Date(row.issuedAt) };
}

/** Download links: the documents carry their language; a report restated as known now is pinned to its log position. */
export function reportLinks(region: string, semester: string, cutoff?: Date, lang: Lang = 'fr', asKnownAt?: string) {
  const base = `/reports/${region}/${semester}`;
  const query = asKnownAt ? `?basis=known-now&asKnownAt=${asKnownAt}` : cutoff ? `?cutoff=${encodeURIComponent(cutoff.toISOString())}` : '';
  const doc = `${query ? `${query}&` : '?'}lang=${lang}`;
  return {
    json: `${base}/report.json${query}`,
    html: `${base}/report.html${doc}`,
    pdf: `${base}/report.pdf${doc}`,
    xlsx: `${base}/report.xlsx${doc}`,
    csv: `${base}/tables/{table}.csv${query}`,
  };
}

function toModel(report: SemestrialReport, provisional: boolean, issued: IssuedReport[], lang: Lang, cutoff?: Date): SemestrialReportModel {
  const { content } = report;
  const t = catalogue(lang);
  const pick = (group: Record<string, string>, key: string) => group[key] ?? key;
  return {
    region: content.region.code,
    regionName: content.region.name,
    semester: content.semester,
    period: content.period,
    cutoff: new Date(content.cutoff),
    previousCutoff: new Date(content.previousCutoff),
    position: report.position.toString(),
    sha256: report.sha256,
    provisional,
    sections: content.sections.map((section) => ({
      ...section,
      label: pick(t.sections, section.key),
      summary: section.summary.map(([label, value]) => ({ label, text: pick(t.summary, label), value })),
      tables: section.tables.map((table) => ({ ...table, label: pick(t.tables, table.name), columnLabels: table.columns.map((c) => pick(t.columns, c)) })),
    })),
    checklist: content.checklist,
    issued: issued.map(toIssuedModel),
    links: reportLinks(content.region.code, content.semester, cutoff, lang),
  };
}
