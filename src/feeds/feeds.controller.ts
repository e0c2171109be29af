import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { badUserInput } from '../graphql/errors.js';
import { parseLang } from '../reports/document/format.js';
import { calendarName } from './feed-titles.js';
import { renderICalendar } from './ical.js';
import { FeedsService } from './feeds.service.js';

const KINDS = ['region', 'departement', 'commune', 'epci'];

/**
 * The calendar feed as an iCalendar file over authenticated HTTP (a bearer token, any role, as for
 * the report downloads): GET /feeds/calendar.ics?from=YYYY-MM-DD&to=YYYY-MM-DD[&territory=<kind>:<code>][&lang=fr|en].
 * Titles and descriptions are French unless `lang=en` (message catalogues); any other lang is refused. Errors are the typed ones (BAD_USER_INPUT → 400, UNAUTHENTICATED → 401) through the global filter.
 */
@Controller('feeds')
export class FeedsController {
  constructor(private readonly feeds: FeedsService) {}

  @Get('calendar.ics')
  calendar(
    @Query('from') from: unknown,
    @Query('to') to: unknown,
    @Query('territory') territory: unknown,
    @Query('lang') rawLang: unknown,
    @Res() res: Response,
  ) {
    const lang = parseLang(rawLang);
    if (typeof from !== 'string') throw badUserInput('from is required: a calendar date YYYY-MM-DD', ['from']);
    if (typeof to !== 'string') throw badUserInput('to is required: a calendar date YYYY-MM-DD', ['to']);
    const ref = territory === undefined ? undefined : parseTerritory(territory);
    const items = this.feeds.calendar({ from, to, territory: ref }, lang);
    const name = calendarName(ref, from, to, lang);
    res.setHeader('Content-Disposition', `inline; filename="scoran-calendar${ref ? `-${ref.kind}-${ref.code}` : ''}-${from}-${to}.ics"`);
    res.setHeader('Content-Language', lang);
    res.type('text/calendar; charset=utf-8').send(renderICalendar(items, name, lang));
  }
}

function parseTerritory(raw: unknown): { kind: string; code: string } {
  const match = typeof raw === 'string' ? /^([a-z]+):([0-9AB]{2,9})$/.exec(raw) : null;
  if (!match || !KINDS.includes(match[1]))
    throw badUserInput('territory is <kind>:<code>, kind one of region, departement, commune, epci (e.g. departement:44)', ['territory']);
  return { kind: match[1], code: match[2] };
}
