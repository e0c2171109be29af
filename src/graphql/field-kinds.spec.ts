import { plainToInstance, Type } from 'class-transformer';
import { IsNumber, IsOptional, IsString, Length, Matches, ValidateNested, validateSync } from 'class-validator';
import { IsAmount, IsCalendarDate, IsDocumentHash, IsEntityId, IsNested, IsText } from './field-kinds.js';
import { CALENDAR_DATE, CALENDAR_DATE_MESSAGE, DOCUMENT_HASH, DOCUMENT_HASH_MESSAGE, ENTITY_ID, ENTITY_ID_MESSAGE } from './ids.js';

class Inner {
  @Matches(ENTITY_ID, { message: ENTITY_ID_MESSAGE })
  id!: unknown;
}

/** The stacks each field kind replaced, written out as they were on the inputs. */
class Stacked {
  @IsOptional()
  @ValidateNested()
  @Type(() => Inner)
  inner?: unknown;
  @ValidateNested({ each: true })
  @Type(() => Inner)
  inners!: unknown;
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
  @IsNested(() => Inner, { optional: true })
  inner?: unknown;
  @IsNested(() => Inner, { each: true })
  inners!: unknown;
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

/** Every failure as the edge reports it: field path, then the messages in class-validator's order. */
function failures(target: object): [string, string[]][] {
  const flatten = (errors: ReturnType<typeof validateSync>, prefix: string): [string, string[]][] =>
    errors.flatMap((error) => {
      const path = `${prefix}${error.property}`;
      return [[path, Object.values(error.constraints ?? {})] as [string, string[]], ...flatten(error.children ?? [], `${path}.`)];
    });
  return flatten(validateSync(target), '');
}

/** The input as the validation pipe gives it to class-validator: nested objects built as their classes. */
const build = <T extends object>(type: new () => T, input: Record<string, unknown>): T => plainToInstance(type, input);

describe('combined validation decorators per field kind', () => {
  const cases: Record<string, unknown>[] = [
    { id: 'ok', hash: 'a'.repeat(64), amount: 1, title: 'Titre', inners: [{ id: 'ok' }] },
    {
      inner: { id: 'BAD' },
      inners: [{ id: 'ok' }, { id: '' }],
      id: 'Not An Id',
      ids: ['ok', 'BAD ID'],
      date: '2026-1-1',
      hash: 'xyz',
      amount: Number.NaN,
      title: 42,
    },
    { inner: 'x', inners: 'y', id: 7, ids: 'x', date: null, hash: null, amount: '12', title: '' },
    { id: '', ids: null, date: '2026-02-30', hash: 'A'.repeat(64), amount: Infinity, title: 'x'.repeat(21) },
  ];

  it('report the same failures, with the same messages in the same order, as the stacks they replaced', () => {
    for (const input of cases) {
      const expected = failures(build(Stacked, input));
      expect(failures(build(Combined, input))).toEqual(expected);
    }
    expect(failures(build(Combined, cases[0]))).toEqual([]);
    // Nested failures are reported at their path, as the edge names fields (inners.1.id).
    expect(failures(build(Combined, cases[1])).filter(([field]) => field.startsWith('inner'))).toEqual([
      ['inner', []],
      ['inner.id', [ENTITY_ID_MESSAGE]],
      ['inners', []],
      ['inners.1', []],
      ['inners.1.id', [ENTITY_ID_MESSAGE]],
    ]);
    expect(failures(build(Combined, cases[3])).map(([field]) => field)).toEqual(['id', 'hash', 'amount', 'title']);
    expect(failures(build(Combined, cases[2])).find(([field]) => field === 'title')![1]).toHaveLength(1);
    expect(failures(build(Combined, cases[1])).find(([field]) => field === 'title')![1]).toEqual([
      'title must be longer than or equal to 1 and shorter than or equal to 20 characters',
      'title must be a string',
    ]);
  });
});
