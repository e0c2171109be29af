/**
 * A loosely typed value (an error code, a metadata field, a spreadsheet cell) as text: strings,
 * numbers, booleans and dates as `String` writes them; anything else is `fallback`, never
 * "[object Object]".
 */
export function scalarText(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value instanceof Date) return String(value);
  return fallback;
}
