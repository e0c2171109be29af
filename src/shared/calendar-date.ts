/**
 * Calendar dates (`YYYY-MM-DD`), as written on the documents the domain records: due dates,
 * signature dates, "as of" dates. Days are counted in Europe/Paris, where the acts take place.
 */
export type CalendarDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const parisDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day an instant falls on in Paris (an act at 23:30 UTC on 31 Dec is dated 1 Jan). */
export function parisDateOf(instant: Date | string): CalendarDate {
  return parisDay.format(typeof instant === 'string' ? new Date(instant) : instant);
}

/** Today in Paris: "not in the future" and "already past" are judged on it. */
export function parisToday(): CalendarDate {
  return parisDateOf(new Date());
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The calendar date `days` later (earlier when negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
