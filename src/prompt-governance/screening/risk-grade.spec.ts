import { describe, expect, it } from '@jest/globals';

import type { Finding } from './finding.js';
import { deriveGrade } from './risk-grade.js';

const finding = (severity: Finding['severity'], rule = 'pii.email'): Finding => ({ rule, category: 'pii', severity, part: 'text', start: 0, end: 4, excerpt: 'x', reason: 'why' });
const calm = { toxicity: 0, hallucination: 0 };

describe('deriveGrade', () => {
  it('grades LOW when nothing reaches MEDIUM, and says so', () => {
    const sut = deriveGrade([finding('low'), finding('info')], { toxicity: 0.2, hallucination: 0.3 });
    expect(sut.grade).toBe('LOW');
    expect(sut.reasons[0]).toContain('no finding above low severity');
  });

  it('takes the highest finding severity and gives only the reasons at that level', () => {
    const sut = deriveGrade([finding('medium', 'pii.email'), finding('high', 'pii.iban')], calm);
    expect(sut).toEqual({ grade: 'HIGH', reasons: ['pii.iban (high) in text at 0-4: why'] });
  });

  it('makes any critical finding CRITICAL', () => {
    expect(deriveGrade([finding('critical', 'pii.secret')], calm).grade).toBe('CRITICAL');
  });

  it('grades by score thresholds: toxicity up to CRITICAL, hallucination up to HIGH', () => {
    expect(deriveGrade([], { toxicity: 0.25, hallucination: 0 }).grade).toBe('MEDIUM');
    expect(deriveGrade([], { toxicity: 0.5, hallucination: 0 }).grade).toBe('HIGH');
    expect(deriveGrade([], { toxicity: 0.95, hallucination: 0 })).toEqual({ grade: 'CRITICAL', reasons: ['toxicity score 0.95 is at least 0.9'] });
    expect(deriveGrade([], { toxicity: 0, hallucination: 0.35 }).grade).toBe('MEDIUM');
    expect(deriveGrade([], { toxicity: 0, hallucination: 0.99 }).grade).toBe('HIGH');
  });

  it('never grades below the level the author declared', () => {
    expect(deriveGrade([], calm, 'HIGH')).toEqual({ grade: 'HIGH', reasons: ['the author declared the risk level HIGH'] });
    expect(deriveGrade([finding('critical')], calm, 'MEDIUM').grade).toBe('CRITICAL');
  });
});
