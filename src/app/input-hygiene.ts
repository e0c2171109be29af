import { badUserInput } from '../graphql/errors.js';
import { DEFAULT_MAX_TEXT } from '../graphql/length-descriptions.js';

/**
 * Text hygiene at the edge, once for every string a client sends (GraphQL arguments and REST
 * parameters alike, through the global validation pipe): Unicode NFC; no C0/C1 control character
 * (tab and line feed only in the multi-line fields below); no bidirectional override or isolate;
 * not made only of invisible or space characters; at most DEFAULT_MAX_TEXT characters (fields with a
 * tighter bound state it in the schema). Lengths are checked after normalisation.
 */

/** Free-text fields where a person may write several lines (tab and line feed allowed). */
export const MULTI_LINE_FIELDS: ReadonlySet<string> = new Set([
  'reason',
  'note',
  'notes',
  'description',
  'summary',
  'minutes',
  'text',
  'legalReason',
  'comment',
]);

/**
 * Whole files sent as text (a CSV) or as base64 (a workbook): line breaks of every platform (CR LF
 * from Excel on Windows) and tabs are allowed, and their size bound is their own (stated in the
 * field's description and checked by the field's validator), not the one of a text field. A
 * submission bundle (JSON text carrying a whole report and its proofs) is such a file.
 */
export const FILE_FIELDS: ReadonlySet<string> = new Set(['content', 'contentBase64', 'bundle']);

// C0 (except nothing), DEL and C1.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
// eslint-disable-next-line no-control-regex -- idem, line breaks and tab allowed
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;
// eslint-disable-next-line no-control-regex -- idem, CR/LF and tab allowed
const CONTROL_FILE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
// Embeddings/overrides U+202A–U+202E and isolates U+2066–U+2069 (Trojan Source, "Facture \u202Efdp.exe").
const BIDI = /[\u202a-\u202e\u2066-\u2069]/u;
// Whitespace, format characters (zero-width space/joiners, word joiner, BOM, soft hyphen…) and the
// Hangul/Braille blanks that render as nothing.
const INVISIBLE_ONLY = /^[\s\p{Cf}\u115f\u1160\u3164\uffa0\u2800\u180e]+$/u;

const LONE_SURROGATE = /\p{Cs}/u;

export interface TextProblem {
  path: string;
  message: string;
}

/** Why this string is refused, or undefined when it is acceptable (before normalisation). */
export function textProblem(value: string, field: string): string | undefined {
  const leaf =
    field
      .replace(/\[\d+\]$/, '')
      .split('.')
      .at(-1) ?? field;
  const file = FILE_FIELDS.has(leaf);
  const multiLine = MULTI_LINE_FIELDS.has(leaf);
  if (file) {
    if (CONTROL_FILE.test(value)) return `${field} must not contain control characters (tab, carriage return and line feed are allowed)`;
  } else if ((multiLine ? CONTROL_MULTI_LINE : CONTROL).test(value)) {
    return `${field} must not contain control characters${multiLine ? ' (tab and line feed are allowed)' : ''}`;
  }
  if (BIDI.test(value)) return `${field} must not contain bidirectional override or isolate characters (U+202A–U+202E, U+2066–U+2069)`;
  if (!file && value.length > DEFAULT_MAX_TEXT) return `${field} must be at most ${DEFAULT_MAX_TEXT} characters`;
  if (value.length > 0 && INVISIBLE_ONLY.test(value)) return `${field} must not be made only of spaces or invisible characters`;
  if (LONE_SURROGATE.test(value)) return `${field} must be well-formed Unicode (no lone surrogate)`;
  return undefined;
}

/**
 * Returns a copy of the value with every string in NFC, or throws BAD_USER_INPUT naming every
 * refused field. Plain objects and arrays are walked; other values are kept as they are.
 */
export function cleanInput<T>(value: T, field = ''): T {
  const problems: TextProblem[] = [];
  const cleaned = walk(value, field, problems);
  if (problems.length)
    throw badUserInput(
      problems.map((p) => p.message).join('; '),
      problems.map((p) => p.path),
    );
  return cleaned as T;
}

function walk(value: unknown, path: string, problems: TextProblem[]): unknown {
  if (typeof value === 'string') {
    const problem = textProblem(value, path || 'value');
    if (problem) {
      problems.push({ path: path || 'value', message: problem });
      return value;
    }
    return value.normalize('NFC');
  }
  if (Array.isArray(value)) return value.map((item, i) => walk(item, `${path}[${i}]`, problems));
  if (value !== null && typeof value === 'object' && isPlain(value)) {
    const out = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
    for (const [key, item] of Object.entries(value)) out[key] = walk(item, path ? `${path}.${key}` : key, problems);
    return out;
  }
  return value;
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || proto === Object.prototype;
}
