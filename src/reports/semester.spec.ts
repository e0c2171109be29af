import { cutoffOf, firstDayOf, lastDayOf, nextSemester, parisMidnight, parseSemester, previousSemester, semesterLabel, semesterOf } from './semester.js';

describe('Semesters', () => {
  it('parses labels and refuses anything else', () => {
    expect(parseSemester('2026-S2')).toEqual({ year: 2026, half: 2 });
    for (const bad of ['2026-S3', '2026S1', '26-S1', '2026-s1', '1999-S1', '']) expect(parseSemester(bad)).toBeUndefined();
  });

  it('knows its days, neighbours and the semester of a day', () => {
    const s1 = parseSemester('2026-S1')!;
    expect([firstDayOf(s1), lastDayOf(s1)]).toEqual(['2026-01-01', '2026-06-30']);
    expect(semesterLabel(previousSemester(s1))).toBe('2025-S2');
    expect(semesterLabel(nextSemester(nextSemester(s1)))).toBe('2027-S1');
    expect(semesterLabel(semesterOf('2026-06-30'))).toBe('2026-S1');
    expect(semesterLabel(semesterOf('2026-07-01'))).toBe('2026-S2');
  });

  it('cuts off at midnight in Paris, summer time or not', () => {
    expect(cutoffOf(parseSemester('2026-S1')!)).toBe('2026-06-30T22:00:00.000Z');
    expect(cutoffOf(parseSemester('2026-S2')!)).toBe('2026-12-31T23:00:00.000Z');
    // The day clocks go forward (29 March 2026) still starts at 23:00 UTC the day before.
    expect(parisMidnight('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(parisMidnight('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });
});
