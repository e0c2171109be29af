import { createHash } from 'node:crypto';
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
 * readers get the whole synthesis: `X-Synthesis-SHA256` is its hash (that of the JSON served). A
 * regional actor gets its regions' rows and the totals: no `X-Synthesis-SHA256` then (it would not
 * cover what is served), but `X-Full-Synthesis-SHA256`, the hash of the whole it was cut from.
 * Every answer carries `X-Content-SHA256`, the hash of the bytes served.
 */
@Controller('national')
export class NationalController {
  constructor(private readonly national: NationalService) {}

  @Get(':semester/synthesis.:format')
  async synthesis(
    @Param('semester') semester: string,
    @Param('format') format: string,
    @Query('lang') rawLang: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() res: Response,
  ) {
    if (!(FORMATS as readonly string[]).includes(format)) throw badUserInput(`format is one of ${FORMATS.join(', ')}`, ['format']);
    if (rawLang !== undefined && typeof rawLang !== 'string') throw badUserInput('lang is given once', ['lang']);
    const lang = ReportsService.parseLang(rawLang);
    const synthesis = await this.national.synthesis(semester);
    const visible = this.national.visibleTo(synthesis.content, principal);
    const whole = visible === synthesis.content;
    res.setHeader(whole ? 'X-Synthesis-SHA256' : 'X-Full-Synthesis-SHA256', synthesis.sha256);
    const send = (type: string, body: string | Buffer) => {
      res.setHeader('X-Content-SHA256', createHash('sha256').update(body).digest('hex'));
      res.type(type).send(body);
    };
    const machine = format === 'json' || format === 'csv';
    res.setHeader('Content-Disposition', `inline; filename="scoran-national-${synthesis.content.semester}${machine ? '' : `-${lang}`}.${format}"`);
    if (format === 'json') {
      send('application/json', whole ? synthesis.json : canonicalJson(visible));
      return;
    }
    if (format === 'csv') {
      send('text/csv; charset=utf-8', synthesisCsv(visible));
      return;
    }
    res.setHeader('Content-Language', lang);
    const issued = this.national.issued(synthesis.content.semester).at(-1);
    if (format === 'pdf') {
      send('application/pdf', await synthesisPdf(visible, synthesis.sha256, lang, issued, await this.national.documentExtras(semester)));
      return;
    }
    if (format === 'xlsx') {
      send('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await synthesisXlsx(visible, lang));
      return;
    }
    send('text/html; charset=utf-8', renderSynthesisHtml(visible, synthesis.sha256, lang, issued, await this.national.documentExtras(semester)));
  }
}
