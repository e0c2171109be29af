import { IsNumber, IsOptional, IsString, Length, Matches, validateSync } from 'class-validator';
import { IsAmount, IsCalendarDate, IsDocumentHash, IsEntityId, IsText } from './field-kinds.js';
import { CALENDAR_DATE, CALENDAR_DATE_MESSAGE, DOCUMENT_HASH, DOCUMENT_HASH_MESSAGE, ENTITY_ID, ENTITY_ID_MESSAGE } from './ids.js';

/** The stacks each field kind replaced, written out as they were on the inputs. */
class Stacked {
  @Matches(ENTITY_ID, { message: ENTITY_ID_MESSAGE })
  id!: unknown;
  @IsOptional()
  @Matches(ENTITY_ID, { each: true, message: ENTITY_ID_MESSAGE })
  ids?: unknown;
  @IsOptional()
  @Matches(CALENDAR_DATE, { message: CALENDAR_DATE_MESSAGE })
  date?: unknown;
  @Matches(DOCUMENT_HASH, { message: DOCUMENT_HASH_MESSAGE })
  hash!: unknown;
  @IsNumber({ allowNaN: false, allowInfinity: false })
  amount!: unknown;
  @IsString()
  @Length(1, 20)
  title!: unknown;
}

class Combined {
  @IsEntityId()
  id!: unknown;
  @IsEntityId({ optional: true, each: true })
  ids?: unknown;
  @IsCalendarDate({ optional: true })
  date?: unknown;
  @IsDocumentHash()
  hash!: unknown;
  @IsAmount()
  amount!: unknown;
  @IsText(20)
  title!: unknown;
}

/** Every failure as the edge reports it: field, then the messages in class-validator's order. */
function failures(target: object): [string, string[]][] {
  return validateSync(target).map((error) => [error.property, Object.values(error.constraints ?? {})]);
}

describe('combined validation decorators per field kind', () => {
  const cases: Record<string, unknown>[] = [
    { id: 'ok', hash: 'a'.repeat(64), amount: 1, title: 'Titre' },
    { id: 'Not An Id', ids: ['ok', 'BAD ID'], date: '2026-1-1', hash: 'xyz', amount: Number.NaN, title: 42 },
    { id: 7, ids: 'x', date: null, hash: null, amount: '12', title: '' },
    { id: '', ids: null, date: '2026-02-30', hash: 'A'.repeat(64), amount: Infinity, title: 'x'.repeat(21) },
  ];

  it('report the same failures, with the same messages in the same order, as the stacks they replaced', () => {
    for (const input of cases) {
      const expected = failures(Object.assign(new Stacked(), input));
      expect(failures(Object.assign(new Combined(), input))).toEqual(expected);
    }
    expect(failures(Object.assign(new Combined(), cases[0]))).toEqual([]);
    expect(failures(Object.assign(new Combined(), cases[3])).map(([field]) => field)).toEqual(['id', 'hash', 'amount', 'title']);
    expect(failures(Object.assign(new Combined(), cases[2])).find(([field]) => field === 'title')![1]).toHaveLength(1);
    expect(failures(Object.assign(new Combined(), cases[1])).find(([field]) => field === 'title')![1]).toEqual([
      'title must be longer than or equal to 1 and shorter than or equal to 20 characters',
      'title must be a string',
    ]);
  });
});
