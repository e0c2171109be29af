import { badUserInput } from '../../graphql/errors.js';
import { en } from './catalogue.en.js';
import { fr, type Catalogue } from './catalogue.fr.js';

export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'fr';

export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

/** The `lang` of a request: fr when absent, else fr or en given once (a typed BAD_USER_INPUT otherwise). */
export function parseLang(raw: unknown): Lang {
  if (raw === undefined || raw === null || raw === '') return DEFAULT_LANG;
  if (typeof raw !== 'string') throw badUserInput('lang is given once', ['lang']);
  if (!isLang(raw)) throw badUserInput('lang is fr or en', ['lang']);
  return raw;
}

export function catalogue(lang: Lang): Catalogue {
  return lang === 'fr' ? fr : en;
}

/** Fills `{name}` placeholders; a missing argument is a programming error, so it throws. */
export function fill(template: string, args: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = args[name];
    if (value === undefined) throw new Error(`Missing message argument ${name} in "${template}"`);
    return String(value);
  });
}

/**
 * Number, money, percent and date formats of one language, fixed (the locale is named, the time
 * zone is Paris, never the machine's), so the same report gives the same text anywhere.
 */
export class Formats {
  private readonly integer: Intl.NumberFormat;
  private readonly decimal: Intl.NumberFormat;
  private readonly euro: Intl.NumberFormat;
  private readonly percentFormat: Intl.NumberFormat;
  private readonly longDate: Intl.DateTimeFormat;
  private readonly parisParts: Intl.DateTimeFormat;

  constructor(readonly lang: Lang) {
    const locale = catalogue(lang).locale;
    this.integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    this.decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    this.euro = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
    this.percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    this.longDate = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    this.parisParts = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  }

  number(value: number): string {
    return Number.isInteger(value) ? this.integer.format(value) : this.decimal.format(value);
  }

  /** A signed change: "+14 115", "−3", or 0 as "0". */
  signed(value: number, unit?: 'eur'): string {
    const text = unit === 'eur' ? this.money(Math.abs(value)) : this.number(Math.abs(value));
    return value > 0 ? `+${text}` : value < 0 ? `\u2212${text}` : text;
  }

  money(value: number): string {
    return this.euro.format(value);
  }

  /** A share (0.425 → "42,5 %"). */
  percent(share: number): string {
    return this.percentFormat.format(share);
  }

  /** A calendar date "2018-12-31" → "31 décembre 2018" ("1er janvier 2019" in French). */
  date(calendarDate: string): string {
    const text = this.longDate.format(new Date(`${calendarDate}T00:00:00Z`));
    return this.lang === 'fr' ? text.replace(/^1 /, '1er ') : text;
  }

  /**
   * An instant as a Paris date and time. A cut-off at Paris midnight is the end of the day before,
   * so it reads "31 décembre 2018 à 23 h 59" rather than "1er janvier 2019 à 0 h 00".
   */
  parisDateTime(instant: string): { date: string; time: string } {
    let ms = Date.parse(instant);
    const parts = (at: number) => Object.fromEntries(this.parisParts.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
    let p = parts(ms);
    if (p.hour === '00' && p.minute === '00') {
      ms -= 60_000;
      p = parts(ms);
    }
    const date = this.date(`${p.year}-${p.month}-${p.day}`);
    const hour = String(Number(p.hour));
    return { date, time: this.lang === 'fr' ? `${hour} h ${p.minute}` : `${p.hour}:${p.minute}` };
  }

  yesNo(value: boolean): string {
    return value ? catalogue(this.lang).document.yes : catalogue(this.lang).document.no;
  }
}
