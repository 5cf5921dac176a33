import { describe, expect, it } from '@jest/globals';

import { mask, PiiDetector } from './pii.detector.js';

const sut = new PiiDetector();
const detect = (text: string) => sut.detect([{ name: 'text', text }]);
const rules = (text: string) => detect(text).map((f) => f.rule);

describe(PiiDetector.name, () => {
  it('finds an e-mail address at its offsets and masks it in the excerpt', () => {
    const text = 'Write to jane.doe@example.co.kr today.';
    const [finding] = detect(text);
    expect(finding).toMatchObject({ rule: 'pii.email', category: 'pii', severity: 'medium' });
    expect(text.slice(finding.start, finding.end)).toBe('jane.doe@example.co.kr');
    expect(finding.excerpt).not.toContain('jane.doe');
  });

  it('finds an address at the end of a long run of address characters, and none in a run without @', () => {
    const text = `${'x'.repeat(5000)} ops@example.com`;
    expect(detect(text)).toEqual([expect.objectContaining({ rule: 'pii.email', start: 5001, end: text.length })]);
    expect(detect('a.'.repeat(20_000))).toEqual([]);
  });

  it('finds phone numbers written with separators or a country code', () => {
    expect(rules('Call 010-1234-5678')).toEqual(['pii.phone']);
    expect(rules('Call +82 10-1234-5678')).toEqual(['pii.phone']);
    expect(rules('Call (555) 123-4567')).toEqual(['pii.phone']);
  });

  it('does not take dates, amounts or plain references for phone numbers', () => {
    expect(detect('On 2024-01-15 the fund returned 12.5% on 1,234,567 KRW, ref 20240115')).toEqual([]);
  });

  it('finds a Luhn-valid card number with or without separators', () => {
    expect(rules('card 4111 1111 1111 1111')).toEqual(['pii.credit-card']);
    expect(rules('card 5500-0000-0000-0004')).toEqual(['pii.credit-card']);
    expect(rules('card 4111111111111111')).toEqual(['pii.credit-card']);
  });

  it('ignores order numbers that fail the Luhn check', () => {
    expect(detect('order 4111111111111112 and 1234567890123')).toEqual([]);
  });

  it('finds an IBAN only when its mod-97 check holds', () => {
    expect(rules('IBAN GB82 WEST 1234 5698 7654 32')).toEqual(['pii.iban']);
    expect(rules('IBAN DE89370400440532013000')).toEqual(['pii.iban']);
    expect(detect('IBAN DE89370400440532013001')).toEqual([]);
  });

  it('finds a Korean resident registration number with a real birth date', () => {
    expect(rules('주민번호 900101-1234568')).toEqual(['pii.kr-rrn']);
    expect(detect('주민번호 900101-1234568')[0].reason).toContain('check digit valid');
    // Numbers issued since 2020 carry no check digit: the hyphenated form with a real date is enough.
    expect(rules('주민번호 900101-1234560')).toEqual(['pii.kr-rrn']);
  });

  it('does not take impossible dates or unhyphenated numbers failing the check digit for resident numbers', () => {
    expect(detect('code 901301-1234568')).toEqual([]);
    expect(detect('code 900230-2234567')).toEqual([]);
    expect(detect('code 9001011234560')).toEqual([]);
    expect(rules('code 9001011234568')).toEqual(['pii.kr-rrn']);
  });

  it('finds a plausible US social security number and ignores impossible ones', () => {
    expect(rules('SSN 123-45-6789')).toEqual(['pii.us-ssn']);
    expect(detect('SSN 666-45-6789 and 123-00-6789')).toEqual([]);
  });

  it('finds secrets by shape and rates them critical', () => {
    const found = detect('key sk-abcdefghijklmnopqrstuvwx12 and AKIAIOSFODNN7EXAMPLE and password = hunter2hunter2');
    expect(found.map((f) => f.rule)).toEqual(['pii.secret', 'pii.secret', 'pii.secret']);
    expect(found.every((f) => f.severity === 'critical')).toBe(true);
    expect(found[1].reason).toContain('AWS');
  });

  it('does not take a placeholder for a credential', () => {
    expect(detect('Use api_key = {{api_key}} from the vault')).toEqual([]);
  });

  it('masks all but the first and last two characters', () => {
    expect(mask('4111 1111 1111 1111')).toBe('41** **** **** **11');
    expect(mask('abc')).toBe('***');
  });
});
