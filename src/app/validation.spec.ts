import { Type } from 'class-transformer';
import { IsInt, IsString, MaxLength, ValidateNested } from 'class-validator';
import { validationPipe } from './validation.js';

class Target {
  @IsInt()
  quantity!: number;
}

class Input {
  @IsString()
  @MaxLength(5)
  name!: string;

  @ValidateNested()
  @Type(() => Target)
  target!: Target;
}

class Base {
  @IsString()
  id!: string;
}

class Derived extends Base {
  @IsInt()
  count!: number;
}

/** The same failures as an error's message and field paths, in the order the pipe reports them. */
async function failures(value: unknown, metatype: new () => object): Promise<{ message: string; code: unknown; paths: unknown }> {
  try {
    await validationPipe().transform(value, { type: 'body', metatype });
  } catch (error) {
    const { message, extensions } = error as { message: string; extensions: { code?: unknown; fields?: unknown } };
    return { message, code: extensions.code, paths: extensions.fields };
  }
  throw new Error('the input was accepted');
}

describe('validation pipe with remembered rules', () => {
  it('reports the same typed failures every time a class is validated', async () => {
    const bad = { name: 'much too long', target: { quantity: 'x' }, extra: 1 };
    const first = await failures(bad, Input);
    expect(first.message).toMatch(/name must be shorter than or equal to 5 characters/);
    expect(first.message).toMatch(/quantity must be an integer number/);
    expect(first.message).toMatch(/property extra should not exist/);
    expect(first).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['extra', 'name', 'target.quantity'] });
    for (let i = 0; i < 3; i++) expect(await failures(bad, Input)).toEqual(first);
    await expect(validationPipe().transform({ name: 'ok', target: { quantity: 3 } }, { type: 'body', metatype: Input })).resolves.toBeInstanceOf(Input);
  });

  it('applies inherited rules, and a rule added after a class was validated', async () => {
    expect((await failures({ id: 7, count: 1 }, Derived)).message).toMatch(/id must be a string/);
    expect((await failures({ id: 'a', count: 'many' }, Derived)).message).toMatch(/count must be an integer number/);
    await expect(validationPipe().transform({ id: 'a', count: 2 }, { type: 'body', metatype: Derived })).resolves.toBeInstanceOf(Derived);
    // A decorator applied late (a class defined after the first validation does this): the remembered rules are dropped.
    MaxLength(1)(Derived.prototype, 'id');
    expect((await failures({ id: 'abc', count: 2 }, Derived)).message).toMatch(/id must be shorter than or equal to 1 characters/);
  });

  it('gives flat arguments accepted before a copy of the same instance, and still refuses what fails', async () => {
    class Page {
      @IsInt()
      first!: number;
      @IsString()
      @MaxLength(8)
      after!: string;
    }
    const pipe = validationPipe();
    const metadata = { type: 'query', metatype: Page } as const;
    const first = (await pipe.transform({ first: 50, after: 'abc' }, metadata)) as Page;
    const again = (await pipe.transform({ first: 50, after: 'abc' }, metadata)) as Page & { extra?: number };
    expect(again).toBeInstanceOf(Page);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
    // A copy: what a resolver does to its arguments is not seen by the next request.
    again.extra = 1;
    expect(await pipe.transform({ first: 50, after: 'abc' }, metadata)).not.toHaveProperty('extra');
    for (let i = 0; i < 2; i++) expect((await failures({ first: 50, after: 'far too long' }, Page)).message).toMatch(/after must be shorter/);
    expect((await failures({ first: 50, after: 'abc', extra: true }, Page)).message).toMatch(/property extra should not exist/);
    // A rule added later applies to arguments accepted before it.
    MaxLength(2)(Page.prototype, 'after');
    expect((await failures({ first: 50, after: 'abc' }, Page)).message).toMatch(/after must be shorter than or equal to 2 characters/);
  });
});
