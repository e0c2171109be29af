import { renderICalendar } from '../feeds/ical.js';
import { renderCsv } from '../reports/render-csv.js';
import { neutraliseFormula, withoutControls } from './output-text.js';

// Text recorded before the edge refused controls can still be in the log: downloads never pass it on.
const HOSTILE = 'A\u0000B\u0007C\u001b[31mD\u0085E\u202eF';

describe('output text', () => {
  it('replaces control and bidi-override characters, keeps tab, line feed and carriage return', () => {
    expect(withoutControls(HOSTILE)).toBe('A\ufffdB\ufffdC\ufffd[31mD\ufffdE\ufffdF');
    expect(withoutControls('a\tb\nc\r\nd')).toBe('a\tb\nc\r\nd');
  });

  it('neutralises spreadsheet formulas (OWASP CSV injection)', () => {
    for (const formula of ['=1+1', '+1', '-1+2', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseFormula(formula)).toBe(`'${formula}`);
    expect(neutraliseFormula('Nantes = 44')).toBe('Nantes = 44');
  });

  it('writes no control character and no formula into a CSV table; numbers stay numbers', () => {
    const csv = renderCsv({ name: 't', title: 't', columns: ['text', 'number'], rows: [{ text: `=HYPERLINK("x")${HOSTILE}`, number: -12 }] });
    // eslint-disable-next-line no-control-regex -- the test looks for control characters
    expect(csv).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"")A\ufffdB\ufffdC\ufffd[31mD\ufffdE\ufffdF",-12`);
  });

  it('writes no control character into iCalendar text', () => {
    const ics = renderICalendar(
      [
        {
          uid: 'u',
          date: '2026-01-02',
          kind: 'commitment_due',
          title: `T\t${HOSTILE}`,
          recordId: 'r',
          streamId: 's',
          status: 'due',
          territoryCodes: [],
          updatedAt: '2026-01-01T00:00:00Z',
        } as never,
      ],
      'cal',
      'fr',
    );
    // eslint-disable-next-line no-control-regex -- idem
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(ics).toContain('SUMMARY:T A\ufffdB');
  });
});
