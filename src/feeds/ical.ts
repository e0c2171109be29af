import { addDays } from '../shared/calendar-date.js';
import type { Lang } from '../reports/document/format.js';
import { descriptionOf } from './feed-titles.js';
import type { CalendarItem } from './feeds.read-model.js';
import { withoutControls } from '../shared/output-text.js';

/**
 * The calendar feed as an iCalendar object (RFC 5545): one all-day VEVENT per item, UID stable per
 * item, DTSTAMP = when the record last changed (so the same data gives the same bytes, whatever the
 * time of the request), text escaped (§3.3.11), CRLF line ends, lines folded at 75 octets (§3.1).
 */
export function renderICalendar(items: readonly CalendarItem[], name: string, lang: Lang): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//SCORAN Ledger//Calendar feed//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
  ];
  for (const item of items) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(item.uid)}`,
      `DTSTAMP:${icsInstant(item.updatedAt)}`,
      `DTSTART;VALUE=DATE:${icsDate(item.date)}`,
      `DTEND;VALUE=DATE:${icsDate(addDays(item.date, 1))}`,
      `SUMMARY:${escapeText(item.title)}`,
      `DESCRIPTION:${escapeText(descriptionOf(item, lang))}`,
      `CATEGORIES:${escapeText(item.kind.toUpperCase())}`,
      `STATUS:${eventStatus(item.status)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** TEXT values: backslash, semicolon and comma escaped, line breaks as `\n` (RFC 5545 §3.3.11); no control character (CTLs are not TEXT). */
export function escapeText(text: string): string {
  return withoutControls(text)
    .replace(/\t/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Splits a content line into lines of at most 75 octets, continuation lines starting with a space, never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > 75) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n');
}

function eventStatus(status: string): 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED' {
  if (status === 'withdrawn') return 'CANCELLED';
  return status === 'planned' || status === 'due' || status === 'convened' ? 'TENTATIVE' : 'CONFIRMED';
}

const icsDate = (date: string) => date.replace(/-/g, '');

function icsInstant(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}
