import { describe, expect, it } from '@jest/globals';

import type { Finding } from '../finding.js';
import { PolicyDetector } from './policy.detector.js';

const sut = new PolicyDetector();
const part = (text: string, name = 'text') => ({ name, text });

describe(PolicyDetector.name, () => {
  it('requires a financial-advice disclaimer and accepts any default phrase in any case or spacing', () => {
    const missing = sut.detect([{ id: 'financial-advice-disclaimer' }], [part('Recommend a stock for {{client}}.')], []);
    expect(missing).toEqual([expect.objectContaining({ rule: 'policy.financial-advice-disclaimer', category: 'policy', severity: 'high' })]);
    const present = sut.detect([{ id: 'financial-advice-disclaimer' }], [part('Recommend a stock. This is NOT   financial advice.')], []);
    expect(present).toEqual([]);
  });

  it('requires the policy’s own disclaimer when it names one', () => {
    const policy = { id: 'financial-advice-disclaimer' as const, disclaimer: 'Investing involves risk of loss.' };
    expect(sut.detect([policy], [part('This is not financial advice.')], [])).toHaveLength(1);
    expect(sut.detect([policy], [part('Note: investing involves risk of loss.')], [])).toEqual([]);
  });

  it('turns every PII finding into a critical no-pii violation at the same place', () => {
    const pii: Finding = { rule: 'pii.email', category: 'pii', severity: 'medium', part: 'text', start: 3, end: 20, excerpt: 'ja**', reason: 'e-mail address' };
    const [violation] = sut.detect([{ id: 'no-pii' }], [part('to jane@example.com')], [pii]);
    expect(violation).toMatchObject({ rule: 'policy.no-pii', severity: 'critical', start: 3, end: 20 });
    expect(violation.reason).toContain('e-mail address');
    expect(sut.detect([{ id: 'no-pii' }], [part('clean')], [])).toEqual([]);
  });

  it('reports where a prompt crosses its maximum length, across chat messages', () => {
    const [finding] = sut.detect([{ id: 'max-length', maxChars: 12 }], [part('0123456789', 'messages[0]'), part('abcdefgh', 'messages[1]')], []);
    expect(finding).toMatchObject({ rule: 'policy.max-length', part: 'messages[1]', start: 2, end: 8 });
    expect(finding.reason).toBe('policy max-length allows 12 characters; the prompt has 18');
    expect(sut.detect([{ id: 'max-length', maxChars: 18 }], [part('0123456789'), part('abcdefgh')], [])).toEqual([]);
  });

  it('finds nothing when no policy applies', () => {
    expect(sut.detect([], [part('Recommend a stock to jane@example.com')], [])).toEqual([]);
  });
});
