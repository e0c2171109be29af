import { invalid } from './errors.js';
import { refusal } from './refusals.js';
import { isCalendarDate } from '../shared/calendar-date.js';

/** Checks deciders share; each rejects with the field path the API reports. */

/** Trimmed, inner whitespace collapsed, not empty, at most `max` characters. */
export function tidyText(raw: string, field: string, max: number): string {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text.length === 0) throw invalid(refusal('check.empty', { field }), field);
  if (text.length > max) throw invalid(refusal('check.tooLong', { field, max }), field);
  return text;
}

export function checkCalendarDate(date: string, field: string): void {
  if (!isCalendarDate(date)) throw invalid(refusal('check.calendarDate', { field }), field);
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Documents are identified by the SHA-256 of their exact bytes. */
export function checkDocumentHash(hash: string, field = 'documentHash'): void {
  if (!SHA256.test(hash)) throw invalid(refusal('check.documentHash', { field }), field);
}
