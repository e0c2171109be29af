import { escapeText, foldLine, renderICalendar } from './ical.js';
import { splitEvenly } from './feeds.service.js';
import type { CalendarItem } from './feeds.read-model.js';

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
    const text = renderICalendar([item(), item({ uid: 'u2', status: 'withdrawn', date: '2028-02-28' })], 'SCORAN, test');
    const lines = text.split('\r\n');
    expect(lines).toContain('X-WR-CALNAME:SCORAN\\, test');
    expect(lines).toContain('DTSTAMP:20260115T090000Z');
    expect(lines).toContain('DTSTART;VALUE=DATE:20261231');
    expect(lines).toContain('DTEND;VALUE=DATE:20270101');
    expect(lines).toContain('DTEND;VALUE=DATE:20280229');
    expect(lines).toContain('STATUS:TENTATIVE');
    expect(lines).toContain('STATUS:CANCELLED');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(renderICalendar([item()], 'x')).toBe(renderICalendar([item()], 'x'));
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
