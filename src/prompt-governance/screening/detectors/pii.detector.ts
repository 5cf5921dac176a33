import type { Finding, TextPart } from '../finding.js';
import { ibanValid, luhnValid, rrnPlausible, ssnPlausible } from '../rules/pii.checks.js';
import { PII_KINDS, PII_PATTERNS, SECRET_PATTERNS, type PiiKind } from '../rules/pii.rules.js';

/**
 * Personal data and secrets. Numbers are confirmed by their check digits (Luhn, mod-97, the resident
 * number's date and check digit), so order numbers and references are not reported. Excerpts are masked:
 * a finding never repeats the data it found.
 */
export class PiiDetector {
  detect(parts: TextPart[]): Finding[] {
    return parts.flatMap((part) => this.detectIn(part));
  }

  private detectIn(part: TextPart): Finding[] {
    const text = part.text;
    const found: Finding[] = [];
    // Characters already reported: a later, weaker kind never reports text an earlier one did. Matches of one
    // pattern never overlap, so marking and checking cost at most the text's length per pattern.
    const taken = new Uint8Array(text.length);
    const add = (kind: PiiKind, start: number, end: number, detail: string): void => {
      if (taken.subarray(start, end).includes(1)) return;
      taken.fill(1, start, end);
      found.push({ rule: kind.rule, category: 'pii', severity: kind.severity, part: part.name, start, end, excerpt: mask(text.slice(start, end)), reason: `${kind.label}${detail}` });
    };

    for (const { name, pattern } of SECRET_PATTERNS) {
      for (const m of text.matchAll(pattern)) add(PII_KINDS.secret, m.index, m.index + m[0].length, `: looks like a ${name}`);
    }
    for (const m of text.matchAll(PII_PATTERNS.email)) add(PII_KINDS.email, m.index, m.index + m[0].length, '');
    for (const m of text.matchAll(PII_PATTERNS.rrn)) {
      const digits = m[1] + m[3];
      const { plausible, checksum } = rrnPlausible(digits);
      // Without the hyphen, thirteen digits are only a resident number if the check digit also holds.
      if (plausible && (m[2] === '-' || checksum)) add(PII_KINDS.rrn, m.index, m.index + m[0].length, checksum ? ' (check digit valid)' : ' (valid birth date; issued after 2020 or check digit invalid)');
    }
    for (const m of text.matchAll(PII_PATTERNS.ssn)) {
      if (ssnPlausible(m[1], m[2], m[3])) add(PII_KINDS.ssn, m.index, m.index + m[0].length, '');
    }
    for (const m of text.matchAll(PII_PATTERNS.card)) {
      const digits = m[0].replace(/[ -]/g, '');
      if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits) && !/^(\d)\1+$/.test(digits)) add(PII_KINDS.card, m.index, m.index + m[0].length, '');
    }
    for (const m of text.matchAll(PII_PATTERNS.iban)) {
      if (ibanValid(m[0].replace(/ /g, ''))) add(PII_KINDS.iban, m.index, m.index + m[0].length, '');
    }
    for (const m of text.matchAll(PII_PATTERNS.phone)) {
      if (m[0].replace(/\D/g, '').length >= 9) add(PII_KINDS.phone, m.index, m.index + m[0].length, '');
    }
    return found.sort((a, b) => a.start - b.start);
  }
}

/** Keeps the shape and the first and last two characters: enough to find it, not enough to use it. */
export function mask(value: string): string {
  if (value.length <= 6) return '*'.repeat(value.length);
  return value.slice(0, 2) + value.slice(2, -2).replace(/[^\s@.-]/g, '*') + value.slice(-2);
}
