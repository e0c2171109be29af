import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentPrincipal } from '../auth/access.decorators.js';
import type { Principal } from '../shared/principal.js';
import { badUserInput } from '../graphql/errors.js';
import { canonicalJson } from '../event-store/hash-chain.js';
import { ReportsService } from '../reports/reports.service.js';
import { renderSynthesisHtml } from './national-document.js';
import { synthesisCsv, synthesisXlsx } from './national-files.js';
import { synthesisPdf } from './national-pdf.js';
import { NationalService } from './national.service.js';

const FORMATS = ['json', 'html', 'csv', 'xlsx', 'pdf'] as const;

/**
 * GET /national/:semester/synthesis.{json,csv,html,xlsx,pdf}[?lang=fr|en], bearer token, any role. National
 * readers get the whole synthesis (its JSON bytes are the ones `X-Synthesis-SHA256` hashes); a
 * regional actor gets its regions' rows and the totals (then the bytes differ, the header keeps
 * the hash of the whole).
 */
@Controller('national')
export class NationalController {
  constructor(private readonly national: NationalService) {}

  @Get(':semester/synthesis.:format')
  async synthesis(@Param('semester') semester: string, @Param('format') format: string, @Query('lang') rawLang: unknown, @CurrentPrincipal() principal: Principal, @Res() res: Response) {
    if (!(FORMATS as readonly string[]).includes(format)) throw badUserInput(`format is one of ${FORMATS.join(', ')}`, ['format']);
    if (rawLang !== undefined && typeof rawLang !== 'string') throw badUserInput('lang is given once', ['lang']);
    const lang = ReportsService.parseLang(rawLang);
    const synthesis = await this.national.synthesis(semester);
    const visible = this.national.visibleTo(synthesis.content, principal);
    res.setHeader('X-Synthesis-SHA256', synthesis.sha256);
    const machine = format === 'json' || format === 'csv';
    res.setHeader('Content-Disposition', `inline; filename="scoran-national-${synthesis.content.semester}${machine ? '' : `-${lang}`}.${format}"`);
    if (format === 'json') {
      res.type('application/json').send(visible === synthesis.content ? synthesis.json : canonicalJson(visible));
      return;
    }
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8').send(synthesisCsv(visible));
      return;
    }
    res.setHeader('Content-Language', lang);
    if (format === 'pdf') {
      res.type('application/pdf').send(await synthesisPdf(visible, synthesis.sha256, lang));
      return;
    }
    if (format === 'xlsx') {
      res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await synthesisXlsx(visible, lang));
      return;
    }
    res.type('text/html; charset=utf-8').send(renderSynthesisHtml(visible, synthesis.sha256, lang, this.national.issued(synthesis.content.semester).at(-1)));
  }
}
