import { escapeText, foldLine, renderICalendar } from './ical.js';
import { splitEvenly } from './feeds.service.js';
import { calendarName, titleOf } from './feed-titles.js';
import type { CalendarItem, CalendarSubject } from './feeds.read-model.js';

const item = (over: Partial<CalendarItem> = {}): CalendarItem => ({
  uid: 'commitment_due.c-1@scoran-ledger',
  date: '2026-12-31',
  kind: 'commitment_due',
  title: 'Due: FttH',
  recordId: 'c-1',
  streamId: 'commitment-c-1',
  status: 'due',
  territoryCodes: ['commune:44109'],
  updatedAt: '2026-01-15T09:00:00.123Z',
  ...over,
});

describe('iCalendar rendering (RFC 5545)', () => {
  it('escapes backslash, semicolon, comma and line breaks in text', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds at 75 octets with a leading space, never inside a UTF-8 character, and unfolds back to the line', () => {
    const line = `SUMMARY:${'é'.repeat(60)}${'a'.repeat(50)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => Buffer.byteLength(p, 'utf8') <= 75)).toBe(true);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
    expect(foldLine('X'.repeat(75))).toBe('X'.repeat(75));
    expect(foldLine('X'.repeat(76))).toBe(`${'X'.repeat(75)}\r\n X`);
  });

  it('writes all-day events with a deterministic DTSTAMP, the next day as DTEND and the status', () => {
    const text = renderICalendar([item(), item({ uid: 'u2', status: 'withdrawn', date: '2028-02-28' })], 'SCORAN, test', 'en');
    const lines = text.split('\r\n');
    expect(lines).toContain('X-WR-CALNAME:SCORAN\\, test');
    expect(lines).toContain('DTSTAMP:20260115T090000Z');
    expect(lines).toContain('DTSTART;VALUE=DATE:20261231');
    expect(lines).toContain('DTEND;VALUE=DATE:20270101');
    expect(lines).toContain('DTEND;VALUE=DATE:20280229');
    expect(lines).toContain('STATUS:TENTATIVE');
    expect(lines).toContain('STATUS:CANCELLED');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(renderICalendar([item()], 'x', 'en')).toBe(renderICalendar([item()], 'x', 'en'));
  });
});

describe('calendar feed texts (message catalogues)', () => {
  const signature: CalendarSubject = {
    kind: 'convention_signature',
    convention: 'CPSD 44',
    version: 2,
    partyId: 'cd-44',
    signatoryTitle: 'Président',
    place: 'Nantes',
  };

  it('titles every kind of item in French, and in English as the API always did', () => {
    const french: [CalendarSubject, string][] = [
      [
        { kind: 'network_milestone', project: 'RIP 44', milestone: 'State funding decision', achieved: false },
        'RIP 44 : Décision de financement de l’État (prévu)',
      ],
      [{ kind: 'usage_milestone', project: 'Télémédecine', milestone: 'Jalon local', achieved: true }, 'Télémédecine : Jalon local'],
      [{ kind: 'commitment_due', commitment: 'FttH à Nantes', committingActorId: 'cd-44' }, 'Échéance : FttH à Nantes (cd-44)'],
      [signature, 'Signature : CPSD 44 (version 2) par cd-44, Président, à Nantes'],
      [{ kind: 'convention_in_force', convention: 'CPSD 44', version: 2 }, 'Entrée en vigueur : CPSD 44 (version 2)'],
      [{ kind: 'commission_meeting', regionCode: '52', place: 'Nantes' }, 'Séance de la CCRANT (région 52) à Nantes'],
    ];
    for (const [subject, title] of french) expect(titleOf(subject, 'fr')).toBe(title);
    expect(titleOf(french[0][0], 'en')).toBe('RIP 44: State funding decision (planned)');
    expect(titleOf(french[2][0], 'en')).toBe('Due: FttH à Nantes (cd-44)');
    expect(titleOf(signature, 'en')).toBe('Signed: CPSD 44 (version 2) by cd-44, Président, at Nantes');
    expect(titleOf(french[5][0], 'en')).toBe('CCRANT meeting (region 52) at Nantes');
  });

  it('writes the calendar name with dates in the language, and the description in French by default', () => {
    expect(calendarName({ kind: 'departement', code: '44' }, '2015-01-01', '2016-12-31', 'fr')).toBe(
      'SCORAN département 44, du 1er janvier 2015 au 31 décembre 2016',
    );
    expect(calendarName(undefined, '2015-01-01', '2016-12-31', 'en')).toBe('SCORAN France, 1 January 2015 to 31 December 2016');
    const lines = renderICalendar([item()], 'x', 'fr').replace(/\r\n /g, '').split('\r\n');
    expect(lines).toContain('DESCRIPTION:Statut : à échéance\\nFiche : c-1 (flux commitment-c-1)\\nTerritoires : commune:44109');
    expect(renderICalendar([item({ territoryCodes: [] })], 'x', 'en').replace(/\r\n /g, '')).toContain(
      'DESCRIPTION:Status: due\\nRecord: c-1 (stream commitment-c-1)\\nTerritories: none',
    );
  });
});

describe('splitEvenly (multi-départemental attribution)', () => {
  it('keeps the total, the remainder one each to the first shares', () => {
    expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);
    expect(splitEvenly(0, 2)).toEqual([0, 0]);
    expect(splitEvenly(null, 2)).toBeNull();
    expect(splitEvenly(7, 1)).toEqual([7]);
  });
});
