import { en } from './catalogue.en.js';
import { fr } from './catalogue.fr.js';
import { fill, Formats, isLang } from './format.js';

const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('French and English report formats', () => {
  const fr_ = new Formats('fr');
  const en_ = new Formats('en');

  it('groups French numbers with narrow no-break spaces and writes euros and percents the French way (ICU puts a no-break space before € and %)', () => {
    expect(fr_.number(533000000)).toBe(`533${NNBSP}000${NNBSP}000`);
    expect(fr_.money(533000000)).toBe(`533${NNBSP}000${NNBSP}000${NBSP}€`);
    expect(fr_.percent(0.425)).toBe(`42,5${NBSP}%`);
    expect(fr_.number(2.5)).toBe('2,5');
    expect(fr_.signed(-1500)).toBe(`\u22121${NNBSP}500`);
    expect(en_.number(533000000)).toBe('533,000,000');
  });

  it('writes dates in words, the first of the month as "1er" in French', () => {
    expect(fr_.date('2018-12-31')).toBe('31 décembre 2018');
    expect(fr_.date('2019-01-01')).toBe('1er janvier 2019');
    expect(en_.date('2018-12-31')).toBe('31 December 2018');
  });

  it('reads a cut-off at Paris midnight as the last minute of the day before, in Paris time', () => {
    expect(fr_.parisDateTime('2018-12-31T23:00:00.000Z')).toEqual({ date: '31 décembre 2018', time: '23 h 59' });
    expect(fr_.parisDateTime('2018-06-30T22:00:00.000Z')).toEqual({ date: '30 juin 2018', time: '23 h 59' });
    expect(fr_.parisDateTime('2018-10-10T12:34:00.000Z')).toEqual({ date: '10 octobre 2018', time: '14 h 34' });
    expect(en_.parisDateTime('2018-12-31T23:00:00.000Z')).toEqual({ date: '31 December 2018', time: '23:59' });
  });

  it('fills placeholders and refuses a missing argument', () => {
    expect(fill(fr.document.cutoffText, { date: '31 décembre 2018', time: '23 h 59' })).toBe('état connu au 31 décembre 2018 à 23 h 59 (heure de Paris)');
    expect(() => fill(fr.document.cutoffText, { date: 'x' })).toThrow(/time/);
  });

  it('knows only fr and en', () => {
    expect(isLang('fr')).toBe(true);
    expect(isLang('en')).toBe(true);
    expect(isLang('de')).toBe(false);
    expect(isLang('FR')).toBe(false);
  });

  it('has the same placeholders in both languages', () => {
    const placeholders = (o: unknown, path = ''): string[] =>
      typeof o === 'string'
        ? [
            `${path}:${[...o.matchAll(/\{(\w+)\}/g)]
              .map((m) => m[1])
              .sort()
              .join(',')}`,
          ]
        : Object.entries(o as object).flatMap(([k, v]) => placeholders(v, `${path}.${k}`));
    expect(placeholders(en)).toEqual(placeholders(fr));
  });
});
