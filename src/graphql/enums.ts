import { registerEnumType } from '@nestjs/graphql';

/** A GraphQL enum over domain values: names are upper case (`IN_FORCE`), values the domain's (`in_force`). */
export function graphqlEnum<const Value extends string>(values: readonly Value[], name: string, description?: string): Record<Uppercase<Value>, Value> {
  const enumObject = Object.fromEntries(values.map((value) => [value.toUpperCase(), value])) as Record<Uppercase<Value>, Value>;
  registerEnumType(enumObject, { name, description });
  return enumObject;
}
