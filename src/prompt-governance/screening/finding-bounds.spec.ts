import { describe, expect, it } from '@jest/globals';

import type { Finding } from './finding.js';
import { boundFindingText, listFindings, MAX_EXCERPT_CHARS, MAX_LISTED_FINDINGS, MAX_LISTED_PER_RULE } from './finding-bounds.js';

const finding = (rule: string, severity: Finding['severity'], start: number, category: Finding['category'] = 'pii'): Finding => ({
  rule,
  category,
  severity,
  part: 'text',
  start,
  end: start + 1,
  excerpt: 'x',
  reason: 'why',
});

describe('listFindings', () => {
  it('lists every finding of a small evaluation as it is, with nothing omitted', () => {
    const findings = [finding('pii.email', 'medium', 0), finding('injection.role-hijack', 'high', 5, 'injection')];
    expect(listFindings(findings)).toEqual({ findings, findingsOmitted: 0, findingTotals: { toxicity: 0, hallucination: 0, pii: 1, injection: 1, policy: 0 } });
  });

  it(`lists at most ${MAX_LISTED_PER_RULE} findings of one rule and counts the rest`, () => {
    const sut = listFindings(Array.from({ length: 3000 }, (_, i) => finding('pii.email', 'medium', i)));
    expect(sut.findings.map((f) => f.start)).toEqual(Array.from({ length: MAX_LISTED_PER_RULE }, (_, i) => i));
    expect(sut.findingsOmitted).toBe(3000 - MAX_LISTED_PER_RULE);
    expect(sut.findingTotals.pii).toBe(3000);
  });

  it(`lists at most ${MAX_LISTED_FINDINGS} in all, the most severe first, in the order they were found`, () => {
    const many = Array.from({ length: 40 }, (_, r) => Array.from({ length: 20 }, (_, i) => finding(`rule.r${r}`, r === 39 ? 'critical' : 'low', r * 100 + i))).flat();
    const sut = listFindings(many);
    expect(sut.findings).toHaveLength(MAX_LISTED_FINDINGS);
    expect(sut.findings.filter((f) => f.severity === 'critical')).toHaveLength(MAX_LISTED_PER_RULE);
    expect(sut.findings.map((f) => f.start)).toEqual([...sut.findings.map((f) => f.start)].sort((a, b) => a - b));
    expect(sut.findingsOmitted).toBe(800 - MAX_LISTED_FINDINGS);
  });
});

describe('boundFindingText', () => {
  it('cuts a long excerpt and reason, keeping the offsets of the whole match', () => {
    const long = { ...finding('pii.secret', 'critical', 0), end: 100_000, excerpt: 's'.repeat(100_000), reason: 'r'.repeat(5000) };
    const sut = boundFindingText(long);
    expect(sut.excerpt).toHaveLength(MAX_EXCERPT_CHARS);
    expect(sut.excerpt.endsWith('…')).toBe(true);
    expect(sut.reason.length).toBeLessThan(1000);
    expect(sut).toMatchObject({ start: 0, end: 100_000 });
  });

  it('leaves a short finding untouched', () => {
    const short = finding('pii.email', 'medium', 3);
    expect(boundFindingText(short)).toBe(short);
  });
});
