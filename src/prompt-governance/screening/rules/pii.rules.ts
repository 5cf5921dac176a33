import type { FindingSeverity } from '../../../../libs/contracts/src/index.js';

export interface PiiKind {
  rule: string;
  label: string;
  severity: FindingSeverity;
}

export const PII_KINDS = {
  email: { rule: 'pii.email', label: 'e-mail address', severity: 'medium' },
  phone: { rule: 'pii.phone', label: 'phone number', severity: 'medium' },
  card: { rule: 'pii.credit-card', label: 'credit card number (Luhn-valid)', severity: 'high' },
  iban: { rule: 'pii.iban', label: 'IBAN (mod-97 valid)', severity: 'high' },
  rrn: { rule: 'pii.kr-rrn', label: 'Korean resident registration number', severity: 'high' },
  ssn: { rule: 'pii.us-ssn', label: 'US social security number', severity: 'high' },
  secret: { rule: 'pii.secret', label: 'secret', severity: 'critical' },
} satisfies Record<string, PiiKind>;

export const PII_PATTERNS = {
  /** Bounded parts, and a match starts only where a run of address characters starts: linear on any input. */
  email: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/g,
  /** 13-19 digits, plain or in the printed groupings (4-4-4-4..7, or 4-6-5 for American Express). */
  card: /(?<![\d-])(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -])\d{6}\2\d{4,5})(?![\d-])/g,
  iban: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g,
  rrn: /(?<![\d-])(\d{6})(-?)([1-8]\d{6})(?![\d-])/g,
  ssn: /(?<![\d-])(\d{3})-(\d{2})-(\d{4})(?![\d-])/g,
  /** Needs a separator or a leading +, so that plain order or account numbers are not taken for phones. */
  phone: /(?<![\w+-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?|\d{2,4}[ .-])\d{3,4}[ .-]\d{4}(?![\w-])/g,
};

/** Credentials by shape: vendor key formats, private keys, tokens, and `password = ...` style assignments. */
export const SECRET_PATTERNS: readonly { name: string; pattern: RegExp }[] = [
  { name: 'OpenAI-style API key', pattern: /\bsk-(?:proj-|live-|test-)?[A-Za-z0-9_-]{20,}/g },
  { name: 'AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { name: 'GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g },
  { name: 'Slack token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g },
  { name: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { name: 'private key', pattern: /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/g },
  { name: 'JSON web token', pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g },
  { name: 'credential assignment', pattern: /\b(?:api[_-]?key|secret(?:[_-]?key)?|access[_-]?token|auth[_-]?token|password|passwd)\s*[:=]\s*["']?[^\s"'{}]{8,}/gi },
];
