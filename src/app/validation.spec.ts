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
});
