import { isCalendarDate, type CalendarDate } from '../shared/calendar-date.js';
import { normalizeLabel } from './import-kinds.js';
import type { RawValue } from './import-file.js';

/** A cell read as its column's type, or the reason it cannot be, in words a spreadsheet user reads. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (message: string): Parsed<never> => ({ ok: false, message });

export function asText(value: RawValue, max: number): Parsed<string> {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value).replace(/\s+/g, ' ').trim();
  if (text.length > max) return bad(`Texte trop long (${text.length} caractères, ${max} au plus).`);
  return ok(text);
}

const ID = /^[a-z0-9][a-z0-9_.-]{0,62}$/;
export function asId(value: RawValue): Parsed<string> {
  const text = String(value).trim();
  if (!ID.test(text)) return bad(`« ${text} » n’est pas un identifiant valable : minuscules, chiffres, - _ . seulement, 63 caractères au plus, sans espace.`);
  return ok(text);
}

/**
 * 31/12/2018, 31/12/18 is refused (ambiguous century), 2018-12-31, or an Excel date cell. Excel date
 * cells come as midnight UTC of the day shown, so the UTC day is the day written.
 */
export function asDate(value: RawValue): Parsed<CalendarDate> {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return bad('Date illisible.');
    return ok(value.toISOString().slice(0, 10));
  }
  if (typeof value === 'number') return bad(`« ${value} » n’est pas une date : écrivez-la 31/12/2018 ou mettez la cellule au format date.`);
  const text = String(value).trim();
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:T00:00(?::00(?:\.000)?)?Z?)?$/.exec(text);
  const date = french ? `${french[3]}-${french[2].padStart(2, '0')}-${french[1].padStart(2, '0')}` : iso ? `${iso[1]}-${iso[2]}-${iso[3]}` : undefined;
  if (!date) return bad(`« ${text} » n’est pas une date : écrivez-la 31/12/2018 (jour/mois/année) ou 2018-12-31.`);
  if (!isCalendarDate(date)) return bad(`« ${text} » n’existe pas dans le calendrier.`);
  return ok(date);
}

/** 1234.5, 1 234,5 (French, with normal or narrow no-break spaces), 1.234,5. */
export function asNumber(value: RawValue): Parsed<number> {
  if (typeof value === 'number') return Number.isFinite(value) ? ok(value) : bad('Nombre invalide.');
  if (typeof value !== 'string') return bad(`« ${String(value)} » n’est pas un nombre.`);
  let text = value
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/€$/, '');
  if (text.includes(',') && text.includes('.')) text = text.replace(/\./g, '');
  text = text.replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return bad(`« ${value.trim()} » n’est pas un nombre (écrivez par ex. 1234,5 ou 1 234).`);
  return ok(Number(text));
}

export function asInteger(value: RawValue): Parsed<number> {
  const number = asNumber(value);
  if (!number.ok) return number;
  if (!Number.isSafeInteger(number.value) || number.value < 0) return bad(`« ${String(value).trim()} » doit être un nombre entier positif ou nul.`);
  return number;
}

/** A value of the domain's enum by its code (`ftth_premises`), English words or French label. */
export function asEnum(value: RawValue, values: readonly string[], labels: Record<string, readonly string[]>): Parsed<string> {
  const wanted = normalizeLabel(String(value));
  const found = values.find((code) => normalizeLabel(code) === wanted || (labels[code] ?? []).some((label) => normalizeLabel(label) === wanted));
  if (!found) {
    const choices = values.map((code) => labels[code]?.[0] ?? code).join(', ');
    return bad(`« ${String(value).trim()} » n’est pas une valeur permise ; valeurs possibles : ${choices}.`);
  }
  return ok(found);
}

/** A list in one cell: separated by ';' (or ',' or new lines when the items hold no comma). */
export function asList(value: RawValue): string[] {
  return String(value)
    .split(/[;\n|]|,(?!\d)/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

const TERRITORY_WORDS: Record<string, 'region' | 'departement' | 'epci' | 'commune'> = {
  region: 'region',
  reg: 'region',
  departement: 'departement',
  department: 'departement',
  dep: 'departement',
  dept: 'departement',
  epci: 'epci',
  commune: 'commune',
  com: 'commune',
};

/** "région 52; département 44; EPCI 244400404; commune 44109" (also "departement:44"). */
export function asTerritories(value: RawValue): Parsed<{ kind: 'region' | 'departement' | 'epci' | 'commune'; code: string }[]> {
  const refs: { kind: 'region' | 'departement' | 'epci' | 'commune'; code: string }[] = [];
  for (const item of asList(value)) {
    const match = /^([^\d:]+?)\s*[: ]\s*([0-9AB]{2,9})$/i.exec(item);
    const kind = match && TERRITORY_WORDS[normalizeLabel(match[1])];
    if (!match || !kind)
      return bad(`« ${item} » : écrivez le type puis le code, par ex. « région 52 », « département 44 », « EPCI 244400404 », « commune 44109 ».`);
    refs.push({ kind, code: match[2].toUpperCase() });
  }
  return ok(refs);
}
