import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { apiError, badUserInput } from '../graphql/errors.js';
import { renderCsv, reportTables } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderPdf } from './render-pdf.js';
import { ReportsService } from './reports.service.js';

const FORMATS = ['json', 'html', 'pdf'] as const;
type Format = (typeof FORMATS)[number];

/**
 * The report in the formats people read, over authenticated HTTP (a bearer token, any role):
 * GET /reports/:region/:semester/report.{json,html,pdf} and /reports/:region/:semester/tables/:table.csv,
 * each with an optional ?cutoff=<ISO instant>, or ?basis=known-now[&asKnownAt=<position>] for a past
 * semester restated as known now. The SHA-256 of the JSON bytes is in `X-Report-SHA256`.
 */
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get(':region/:semester/report.:format')
  async report(
    @Param('region') region: string,
    @Param('semester') semester: string,
    @Param('format') format: string,
    @Query('cutoff') cutoff: string | undefined,
    @Query('basis') basis: string | undefined,
    @Query('asKnownAt') asKnownAt: string | undefined,
    @Res() res: Response,
  ) {
    if (!(FORMATS as readonly string[]).includes(format)) throw badUserInput(`format is one of ${FORMATS.join(', ')}`, ['format']);
    const report = await this.generate(region, semester, cutoff, basis, asKnownAt);
    this.headers(res, report.sha256, report.position, this.reports.isProvisional(report), `scoran-${region}-${semester}.${format}`);
    switch (format as Format) {
      case 'json':
        res.type('application/json').send(report.json);
        return;
      case 'html':
        res.type('text/html; charset=utf-8').send(renderHtml(report.content, report.sha256));
        return;
      case 'pdf':
        res.type('application/pdf').send(await renderPdf(report.content, report.sha256));
        return;
    }
  }

  @Get(':region/:semester/tables/:table.csv')
  async table(
    @Param('region') region: string,
    @Param('semester') semester: string,
    @Param('table') name: string,
    @Query('cutoff') cutoff: string | undefined,
    @Query('basis') basis: string | undefined,
    @Query('asKnownAt') asKnownAt: string | undefined,
    @Res() res: Response,
  ) {
    const report = await this.generate(region, semester, cutoff, basis, asKnownAt);
    const tables = reportTables(report.content);
    const table = tables.get(name);
    if (!table) throw apiError('NOT_FOUND', `No table ${name}; the report has: ${[...tables.keys()].join(', ')}`);
    this.headers(res, report.sha256, report.position, this.reports.isProvisional(report), `scoran-${region}-${semester}-${name}.csv`);
    res.type('text/csv; charset=utf-8').send(renderCsv(table));
  }

  /** As issued (the default, optionally at another cut-off) or, with basis=known-now, restated as known now. */
  private async generate(region: string, semester: string, cutoff: string | undefined, basis: string | undefined, asKnownAt: string | undefined) {
    if (basis !== undefined && basis !== 'issued' && basis !== 'known-now') throw badUserInput('basis is issued (default) or known-now', ['basis']);
    if (basis !== 'known-now') {
      if (asKnownAt !== undefined) throw badUserInput('asKnownAt goes with basis=known-now', ['asKnownAt']);
      return this.reports.generate({ region, semester, cutoff: parseCutoff(cutoff) });
    }
    if (cutoff !== undefined) throw badUserInput('a report restated as known now has its semester’s own cut-off', ['cutoff']);
    if (asKnownAt !== undefined && !/^\d{1,20}$/.test(asKnownAt)) throw badUserInput('asKnownAt is a log position: decimal digits', ['asKnownAt']);
    return (await this.reports.restated({ region, semester, asKnownAt })).asKnownNow;
  }

  private headers(res: Response, sha256: string, position: bigint, provisional: boolean, filename: string) {
    res.setHeader('X-Report-SHA256', sha256);
    res.setHeader('X-Report-Position', position.toString());
    res.setHeader('X-Report-Provisional', String(provisional));
    res.setHeader('Content-Disposition', `inline; filename="${filename}"`);
  }
}

function parseCutoff(raw: string | undefined): Date | undefined {
  if (raw === undefined) return undefined;
  const date = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(date.getTime())) throw badUserInput('cutoff is an ISO-8601 instant such as 2026-12-31T23:00:00Z', ['cutoff']);
  return date;
}
