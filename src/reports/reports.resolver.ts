import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, RequireRoles } from '../auth/access.decorators.js';
import type { Principal } from '../auth/principal.js';
import { commandContext } from '../graphql/command-input.js';
import type { SemestrialReport } from './report-generator.js';
import {
  IssuedReportModel,
  IssuedReportsArgs,
  IssueReportInput,
  IssueReportPayload,
  ReissueReportInput,
  ReportArgs,
  SemestrialReportModel,
} from './report.model.js';
import { ReportsService, type IssuedReport } from './reports.service.js';

/** Reports are for the State and the region's partners: any authenticated caller reads them. */
@Resolver()
export class ReportsResolver {
  constructor(private readonly reports: ReportsService) {}

  @Query(() => SemestrialReportModel, { description: 'A region’s semestrial report as known at the cut-off (generated from the log; identical every time).' })
  async semestrialReport(@Args() args: ReportArgs): Promise<SemestrialReportModel> {
    const report = await this.reports.generate(args);
    return toModel(report, this.reports.isProvisional(report), this.reports.issued({ region: args.region, semester: args.semester }), args.cutoff);
  }

  @Query(() => [IssuedReportModel], { description: 'Issued reports and re-issues, by region and semester.' })
  issuedReports(@Args() args: IssuedReportsArgs): IssuedReportModel[] {
    return this.reports.issued(args).map(toIssuedModel);
  }

  @RequireRoles('admin', 'commission_secretariat')
  @Mutation(() => IssueReportPayload, { description: 'Issues the report at its semester’s cut-off (once the semester is over). Admin or commission secretariat.' })
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
    return { issued: toIssuedModel(versions[versions.length - 1]!), replayed };
  }
}

function toIssuedModel(issued: IssuedReport): IssuedReportModel {
  return { ...issued, cutoff: new Date(issued.cutoff), issuedAt: new Date(issued.issuedAt) };
}

export function reportLinks(region: string, semester: string, cutoff?: Date) {
  const base = `/reports/${region}/${semester}`;
  const query = cutoff ? `?cutoff=${encodeURIComponent(cutoff.toISOString())}` : '';
  return { json: `${base}/report.json${query}`, html: `${base}/report.html${query}`, pdf: `${base}/report.pdf${query}`, csv: `${base}/tables/{table}.csv${query}` };
}

function toModel(report: SemestrialReport, provisional: boolean, issued: IssuedReport[], cutoff?: Date): SemestrialReportModel {
  const { content } = report;
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
    sections: content.sections.map((section) => ({ ...section, summary: section.summary.map(([label, value]) => ({ label, value })) })),
    checklist: content.checklist,
    issued: issued.map(toIssuedModel),
    links: reportLinks(content.region.code, content.semester, cutoff),
  };
}
