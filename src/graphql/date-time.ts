import { isScalarType, type GraphQLSchema } from 'graphql';

/** On a served Date: the string it was last written as, and the time it was then. */
const WRITTEN = Symbol('writtenAs');
const WRITTEN_AT = Symbol('writtenAt');
type Written = Date & { [WRITTEN]?: string; [WRITTEN_AT]?: number };

/**
 * `Date.toISOString()` costs about 0.6 µs, and a page of 50 actors writes 100 dates: 5 % of the
 * page's CPU in the profile. A page kept by a list's result cache serves the same Date objects again,
 * so each remembers the string it was written as (on a symbol: no WeakMap, whose entries slow the
 * garbage collector) with its time, so a Date changed since (setTime) is written afresh.
 */
export function writeDateTime(value: unknown): string | null {
  if (!(value instanceof Date)) return null;
  const date = value as Written;
  const time = date.getTime();
  if (date[WRITTEN_AT] === time) return date[WRITTEN]!;
  const written = date.toISOString();
  date[WRITTEN] = written;
  date[WRITTEN_AT] = time;
  return written;
}

/** The schema's `DateTime` scalar (Nest's GraphQLISODateTime: the same output) writing through writeDateTime. */
export function rememberWrittenDates(schema: GraphQLSchema): GraphQLSchema {
  const type = schema.getType('DateTime');
  if (isScalarType(type)) type.serialize = writeDateTime;
  return schema;
}
