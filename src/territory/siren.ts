/**
 * SIREN (9 digits) and SIRET (SIREN + 5-digit NIC) format checks: digits and Luhn checksum.
 *
 * La Poste is the known exception. Its SIREN 356000000 happens to pass Luhn (3 + 1 + 6 = 10), but
 * its establishments' SIRET numbers (356000000xxxxx) do not follow Luhn: INSEE checks them with
 * "sum of the digits is a multiple of 5". Both are handled here.
 */

export const LA_POSTE_SIREN = '356000000';

export type IdentifierProblemReason = 'format' | 'checksum';

export interface IdentifierProblem {
  reason: IdentifierProblemReason;
  message: string;
}

/** Luhn checksum over a string of digits (the caller checks it is digits only). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Why `value` is not a well-formed SIREN, or undefined when it is (9 digits, Luhn checksum). */
export function sirenProblem(value: unknown): IdentifierProblem | undefined {
  if (typeof value !== 'string' || !/^\d{9}$/.test(value)) {
    return { reason: 'format', message: 'A SIREN number is exactly 9 digits (no spaces)' };
  }
  if (value === LA_POSTE_SIREN) return undefined;
  if (!luhnValid(value)) return { reason: 'checksum', message: `SIREN ${value} fails its checksum (Luhn key): check for a mistyped digit` };
  return undefined;
}

/** 9 digits with a valid Luhn checksum (La Poste's 356000000 accepted explicitly). */
export function isValidSirenFormat(value: unknown): value is string {
  return sirenProblem(value) === undefined;
}

/** Why `value` is not a well-formed SIRET (14 digits), or undefined when it is. */
export function siretProblem(value: unknown): IdentifierProblem | undefined {
  if (typeof value !== 'string' || !/^\d{14}$/.test(value)) {
    return { reason: 'format', message: 'A SIRET number is exactly 14 digits (SIREN + 5-digit NIC, no spaces)' };
  }
  const ok = value.startsWith(LA_POSTE_SIREN) ? laPosteSiretValid(value) : luhnValid(value);
  return ok ? undefined : { reason: 'checksum', message: `SIRET ${value} fails its checksum: check for a mistyped digit` };
}

export function isValidSiretFormat(value: unknown): value is string {
  return siretProblem(value) === undefined;
}

/** La Poste establishments: the sum of the 14 digits is a multiple of 5 (INSEE rule); its head office's SIRET also passes Luhn. */
function laPosteSiretValid(value: string): boolean {
  let sum = 0;
  for (const char of value) sum += char.charCodeAt(0) - 48;
  return sum % 5 === 0 || luhnValid(value);
}
