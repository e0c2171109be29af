import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { badUserInput } from '../graphql/errors.js';

/** class-validator at the edge: unknown fields refused, every failing field path reported. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => {
      const failures = flatten(errors);
      return badUserInput(failures.map((f) => f.message).join('; '), failures.map((f) => f.path));
    },
  });
}

function flatten(errors: ValidationError[], prefix = ''): { path: string; message: string }[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
