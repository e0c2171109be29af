import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { badUserInput } from '../graphql/errors.js';
import { cleanInput } from './input-hygiene.js';
import { NULL_MEANS } from '../runtime/null-clears.js';

/**
 * class-validator at the edge: unknown fields refused, every failing field path reported. Before
 * it, every string goes through the text hygiene rules (input-hygiene.ts); after it, an explicit
 * null in an optional field is the same as leaving the field out, except where @NullClears says
 * null has a meaning, so no command ever sees a null it did not ask for.
 */
class EdgeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return value;
    const transformed: unknown = await super.transform(cleanInput(value), metadata);
    return dropNulls(transformed);
  }
}

export function validationPipe(): ValidationPipe {
  return new EdgeValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => {
      const failures = flatten(errors);
      return badUserInput(
        failures.map((f) => f.message).join('; '),
        failures.map((f) => f.path),
      );
    },
  });
}

function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) {
    value.forEach(dropNulls);
    return value;
  }
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const kept = (value as { [NULL_MEANS]?: Set<string | symbol> })[NULL_MEANS];
  for (const [key, item] of Object.entries(value)) {
    if (item === null && !kept?.has(key)) delete (value as Record<string, unknown>)[key];
    else dropNulls(item);
  }
  return value;
}

function flatten(errors: ValidationError[], prefix = ''): { path: string; message: string }[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
