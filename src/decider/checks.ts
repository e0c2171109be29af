import { invalid } from './errors.js';
import { isCalendarDate } from '../shared/calendar-date.js';

/** Checks deciders share; each rejects with the field path the API reports. */

/** Trimmed, inner whitespace collapsed, not empty, at most `max` characters. */
export function tidyText(raw: string, field: string, max: number): string {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text.length === 0) throw invalid(`${field} must not be empty`, field);
  if (text.length > max) throw invalid(`${field} must be at most ${max} characters`, field);
  return text;
}

export function checkCalendarDate(date: string, field: string): void {
  if (!isCalendarDate(date)) throw invalid(`${field} must be a calendar date YYYY-MM-DD`, field);
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Documents are identified by the SHA-256 of their exact bytes. */
export function checkDocumentHash(hash: string, field = 'documentHash'): void {
  if (!SHA256.test(hash)) throw invalid(`${field} must be the SHA-256 of the document, 64 lower-case hex digits`, field);
}
