/** Check-digit and plausibility tests that separate real identifiers from look-alike numbers. */

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** IBAN lengths by country (ISO 13616 registry); unknown countries are checked by mod-97 alone. */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18, FR: 27, GB: 22, GR: 27,
  HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24,
  SA: 24, SE: 24, SI: 19, SK: 24, SM: 27, TR: 26,
};

/** ISO 13616: move the first four characters to the end, letters to 10..35, and the number mod 97 is 1. */
export function ibanValid(iban: string): boolean {
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

/**
 * Korean resident registration number YYMMDD-SBBBBBC: a real birth date and a sex/century digit 1-8.
 * The check digit applies only to numbers issued before October 2020; `checksum` says whether it holds.
 */
export function rrnPlausible(digits: string): { plausible: boolean; checksum: boolean } {
  const [yy, mm, dd, s] = [Number(digits.slice(0, 2)), Number(digits.slice(2, 4)), Number(digits.slice(4, 6)), Number(digits[6])];
  const century = s === 1 || s === 2 || s === 5 || s === 6 ? 1900 : 2000;
  const plausible = s >= 1 && s <= 8 && validDate(century + yy, mm, dd);
  const weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
  return { plausible, checksum: (11 - (sum % 11)) % 10 === Number(digits[12]) };
}

/** US social security number AAA-GG-SSSS: area not 000, 666 or 9xx, group not 00, serial not 0000. */
export function ssnPlausible(area: string, group: string, serial: string): boolean {
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
