import { isValidSirenFormat, isValidSiretFormat, LA_POSTE_SIREN, luhnValid, sirenProblem, siretProblem } from './siren.js';

describe('SIREN format', () => {
  it('accepts 9 digits with a valid Luhn key', () => {
    for (const siren of ['732829320', '244400404', '552100554', '130005481', '214401093']) expect(isValidSirenFormat(siren)).toBe(true);
    expect(sirenProblem('732829320')).toBeUndefined();
  });

  it('refuses a single mistyped digit with reason checksum', () => {
    for (const siren of ['732829321', '732829330', '832829320', '244400405', '999999999']) {
      expect(isValidSirenFormat(siren)).toBe(false);
      expect(sirenProblem(siren)).toEqual({ reason: 'checksum', message: expect.stringContaining(siren) });
    }
  });

  it('catches every single-digit change of a valid SIREN', () => {
    const valid = '732829320';
    for (let position = 0; position < 9; position++) {
      for (let digit = 0; digit <= 9; digit++) {
        const changed = valid.slice(0, position) + digit + valid.slice(position + 1);
        if (changed !== valid) expect(isValidSirenFormat(changed)).toBe(false);
      }
    }
  });

  it('refuses anything but 9 digits with reason format', () => {
    for (const value of ['', '73282932', '7328293200', '732 829 320', '73282932A', ' 732829320', 12345678 as unknown, null, undefined]) {
      expect(isValidSirenFormat(value)).toBe(false);
      expect(sirenProblem(value)?.reason).toBe('format');
    }
  });

  it("accepts La Poste's SIREN 356000000", () => {
    expect(LA_POSTE_SIREN).toBe('356000000');
    expect(isValidSirenFormat('356000000')).toBe(true);
  });
});

describe('SIRET format', () => {
  it('accepts 14 digits with a valid Luhn key and refuses a typo', () => {
    expect(isValidSiretFormat('73282932000074')).toBe(true);
    expect(siretProblem('73282932000075')?.reason).toBe('checksum');
    expect(siretProblem('7328293200007')?.reason).toBe('format');
  });

  it('checks La Poste establishments with the "sum of digits multiple of 5" rule, not Luhn', () => {
    expect(luhnValid('35600000049837')).toBe(false);
    expect(isValidSiretFormat('35600000049837')).toBe(true); // sum 45
    expect(isValidSiretFormat('35600000000048')).toBe(true); // head office, Luhn-valid
    expect(isValidSiretFormat('35600000012345')).toBe(false); // sum 29, not Luhn either
  });
});
