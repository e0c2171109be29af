import type { CalendarDate } from '../shared/calendar-date.js';

/** `2026-S1` (January-June) or `2026-S2` (July-December). */
export interface Semester {
  year: number;
  half: 1 | 2;
}

const SEMESTER = /^(\d{4})-S([12])$/;

export function parseSemester(text: string): Semester | undefined {
  const match = SEMESTER.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) return undefined;
  return { year, half: Number(match[2]) as 1 | 2 };
}

export const semesterLabel = ({ year, half }: Semester) => `${year}-S${half}`;

export function firstDayOf({ year, half }: Semester): CalendarDate {
  return half === 1 ? `${year}-01-01` : `${year}-07-01`;
}

export function lastDayOf({ year, half }: Semester): CalendarDate {
  return half === 1 ? `${year}-06-30` : `${year}-12-31`;
}

export function previousSemester({ year, half }: Semester): Semester {
  return half === 1 ? { year: year - 1, half: 2 } : { year, half: 1 };
}

export function nextSemester({ year, half }: Semester): Semester {
  return half === 2 ? { year: year + 1, half: 1 } : { year, half: 2 };
}

/** The semester a calendar day falls in. */
export function semesterOf(date: CalendarDate): Semester {
  return { year: Number(date.slice(0, 4)), half: Number(date.slice(5, 7)) <= 6 ? 1 : 2 };
}

/**
 * The default cut-off: the end of the semester's last day in Europe/Paris, as a UTC instant
 * (`2026-S2` → 2026-12-31T23:00:00.000Z, since Paris is at UTC+1 in winter).
 */
export function cutoffOf(semester: Semester): string {
  const next = firstDayOf(nextSemester(semester));
  return parisMidnight(next).toISOString();
}

/** The UTC instant at which a Paris calendar day begins. */
export function parisMidnight(date: CalendarDate): Date {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  // Paris is UTC+1 or UTC+2; midnight there is 22:00 or 23:00 UTC the day before.
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(utcMidnight - offsetHours * 3_600_000);
    if (parisParts.format(candidate) === `${date} 00:00`) return candidate;
  }
  throw new Error(`No Paris midnight for ${date}`);
}

const parisParts = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
