import { describe, expect, it } from '@jest/globals';

import { HallucinationDetector } from './hallucination.detector.js';

const sut = new HallucinationDetector();
const detect = (text: string, variables: string[] = [], hasContext = false) => sut.detect([{ name: 'text', text }], variables, hasContext);
const rules = (text: string) => detect(text).findings.map((f) => f.rule);

describe(HallucinationDetector.name, () => {
  it('flags requests for figures, citations, dates and forecasts without grounding', () => {
    expect(rules('How much revenue did {{company}} make?')).toEqual(['hallucination.figures', 'hallucination.figures']);
    expect(rules('Cite the studies that prove it.')).toContain('hallucination.citations');
    expect(rules('When did {{company}} list its shares?')).toContain('hallucination.dates');
    expect(rules('Predict the KOSPI level for next quarter.')).toContain('hallucination.forecast');
  });

  it('weighs a request for facts much less when a grounding variable or context is given', () => {
    const prompt = 'How much revenue did the company make? Cite the filing.';
    const ungrounded = detect(prompt);
    const byVariable = detect(prompt, ['filing_excerpt']);
    const byContext = detect(prompt, [], true);
    expect(ungrounded.grounded).toBe(false);
    expect(byVariable.groundedBy).toEqual(['filing_excerpt']);
    expect(byContext.groundedBy).toEqual(['context']);
    expect(byVariable.score).toBeLessThan(ungrounded.score / 2);
    expect(byContext.score).toBe(byVariable.score);
    expect(byVariable.findings[0].reason).toContain('grounded by filing_excerpt');
  });

  it('flags guaranteed and absolute language whatever the grounding', () => {
    const report = detect('This fund offers a guaranteed return and is risk-free.', ['context']);
    expect(report.findings.map((f) => f.rule)).toEqual(['hallucination.guarantee', 'hallucination.guarantee']);
    expect(report.findings[0]).toMatchObject({ severity: 'high', excerpt: 'guaranteed return' });
    expect(rules('Always answer in English.')).toEqual(['hallucination.absolute']);
    expect(rules('원금 보장 상품입니다')).toEqual(['hallucination.guarantee']);
  });

  it('flags a request to answer even when unsure', () => {
    const text = 'Answer even if you are not sure, and never say you don\'t know.';
    const report = detect(text);
    expect(report.findings.map((f) => f.rule)).toEqual(['hallucination.answer-when-unsure', 'hallucination.answer-when-unsure']);
    expect(text.slice(report.findings[0].start, report.findings[0].end)).toBe('even if you are not sure');
    expect(report.score).toBeGreaterThan(0.8);
  });

  it('reports original offsets even when the text has runs of spaces', () => {
    const text = 'Please   PREDICT   the rate.';
    const [finding] = detect(text).findings;
    expect(text.slice(finding.start, finding.end)).toBe('PREDICT');
  });

  it('gives a grounded, plain instruction a score of zero', () => {
    const report = detect('Summarise {{document}} in three bullet points for a client.', ['document']);
    expect(report.findings).toEqual([]);
    expect(report.score).toBe(0);
  });
});
