import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { apiError, badUserInput } from '../graphql/errors.js';
import { renderCsv, renderCsvExcelFr, reportTables } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderPdf } from './render-pdf.js';
import { renderXlsx } from './render-xlsx.js';
import { ReportsService } from './reports.service.js';

const FORMATS = ['json', 'html', 'pdf', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];
const DIALECTS = ['rfc4180', 'excel-fr'] as const;

/**
 * The report in the formats people read, over authenticated HTTP (a bearer token, any role):
 * GET /reports/:region/:semester/report.{json,html,pdf,xlsx} and /reports/:region/:semester/tables/:table.csv,
 * each with an optional ?cutoff=<ISO instant>, or ?basis=known-now[&asKnownAt=<position>] for a past
 * semester restated as known now; the documents (html, pdf, xlsx, and the excel-fr CSV) with ?lang=fr
 * (default) or en. The JSON is the data contract: machine keys, no language. The SHA-256 of the JSON
 * bytes is in `X-Report-SHA256`.
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
    @Query('lang') rawLang: string | undefined,
    @Query('basis') basis: string | undefined,
    @Query('asKnownAt') asKnownAt: string | undefined,
    @Res() res: Response,
  ) {
    if (!(FORMATS as readonly string[]).includes(format)) throw badUserInput(`format is one of ${FORMATS.join(', ')}`, ['format']);
    const lang = ReportsService.parseLang(single(rawLang, 'lang'));
    const report = await this.generate(region, semester, single(cutoff, 'cutoff'), single(basis, 'basis'), single(asKnownAt, 'asKnownAt'));
    const suffix = format === 'json' ? '' : `-${lang}`;
    this.headers(res, report.sha256, report.position, this.reports.isProvisional(report), `scoran-${region}-${semester}${suffix}.${format}`);
    if (format !== 'json') res.setHeader('Content-Language', lang);
    switch (format as Format) {
      case 'json':
        res.type('application/json').send(report.json);
        return;
      case 'html':
        res.type('text/html; charset=utf-8').send(renderHtml(await this.reports.document(report, lang, await this.reports.narrativeFor(report))));
        return;
      case 'pdf':
        res.type('application/pdf').send(await renderPdf(await this.reports.document(report, lang, await this.reports.narrativeFor(report))));
        return;
      case 'xlsx':
        res
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .send(await renderXlsx(await this.reports.document(report, lang, await this.reports.narrativeFor(report))));
        return;
    }
  }

  @Get(':region/:semester/tables/:table.csv')
  async table(
    @Param('region') region: string,
    @Param('semester') semester: string,
    @Param('table') name: string,
    @Query('cutoff') cutoff: string | undefined,
    @Query('dialect') rawDialect: string | undefined,
    @Query('lang') rawLang: string | undefined,
    @Query('basis') basis: string | undefined,
    @Query('asKnownAt') asKnownAt: string | undefined,
    @Res() res: Response,
  ) {
    const dialect = single(rawDialect, 'dialect') ?? 'rfc4180';
    if (!(DIALECTS as readonly string[]).includes(dialect)) throw badUserInput(`dialect is one of ${DIALECTS.join(', ')}`, ['dialect']);
    const lang = ReportsService.parseLang(single(rawLang, 'lang'));
    const report = await this.generate(region, semester, single(cutoff, 'cutoff'), single(basis, 'basis'), single(asKnownAt, 'asKnownAt'));
    const tables = reportTables(report.content);
    const table = tables.get(name);
    if (!table) throw apiError('NOT_FOUND', `No table ${name}; the report has: ${[...tables.keys()].join(', ')}`);
    this.headers(
      res,
      report.sha256,
      report.position,
      this.reports.isProvisional(report),
      `scoran-${region}-${semester}-${name}${dialect === 'excel-fr' ? `-${lang}` : ''}.csv`,
    );
    if (dialect === 'rfc4180') {
      res.type('text/csv; charset=utf-8').send(renderCsv(table));
      return;
    }
    const document = await this.reports.document(report, lang);
    const shown = [...document.chapters.flatMap((c) => c.tables), ...document.annexes.flatMap((a) => a.tables)].find((t) => t.key === name)!;
    res.type('text/csv; charset=utf-8').send(renderCsvExcelFr(shown));
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

/** A repeated query parameter (?lang=fr&lang=en) is refused rather than guessed. */
function single(raw: unknown, field: string): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw badUserInput(`${field} is given once`, [field]);
  return raw;
}

function parseCutoff(raw: string | undefined): Date | undefined {
  if (raw === undefined) return undefined;
  const date = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(date.getTime()))
    throw badUserInput('cutoff is an ISO-8601 instant such as 2026-12-31T23:00:00Z', ['cutoff']);
  return date;
}
