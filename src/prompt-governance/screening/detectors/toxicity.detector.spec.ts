import { describe, expect, it } from '@jest/globals';

import { ToxicityDetector } from './toxicity.detector.js';

const sut = new ToxicityDetector();
const detect = (text: string) => sut.detect([{ name: 'text', text }]);
const rules = (text: string) => detect(text).findings.map((f) => f.rule);

describe(ToxicityDetector.name, () => {
  it('finds a listed word and reports its offsets and category', () => {
    const text = 'You are an idiot, frankly.';
    const [finding] = detect(text).findings;
    expect(finding).toMatchObject({ rule: 'toxicity.insult', category: 'toxicity', severity: 'medium', part: 'text', start: 11, end: 16 });
    expect(text.slice(finding.start, finding.end)).toBe('idiot');
    expect(finding.reason).toContain('insult');
  });

  it.each([
    ['upper case', 'WHAT THE FUCK'],
    ['spaced letters', 'what the f u c k'],
    ['dotted letters', 'what the f.u.c.k'],
    ['repeated letters', 'what the fuuuuuck'],
    ['digit substitutions', 'this is sh1t'],
    ['symbol substitutions', 'this is $h!t'],
    ['mixed substitutions', 'this is 5h|7'],
    ['masked letters', 'what the f*ck'],
    ['look-alike Cyrillic letters', 'what the fuсk'],
    ['a suffix on a listed stem', 'fucking hell'],
  ])('survives %s', (_, text) => {
    expect(rules(text).some((r) => r === 'toxicity.profanity')).toBe(true);
  });

  it.each([
    ['Scunthorpe', 'The Scunthorpe office reported on time.'],
    ['assess', 'Please assess the class of assets as a whole.'],
    ['cocktail and analysis', 'An analysis of the cocktail of hedges.'],
    ['shiitake', 'Shiitake mushrooms and the title of the pass.'],
    ['kill a process', 'Kill the process and skill up on Essex.'],
    ['numbers', 'Order 5318008 totals $100 and 3 apples.'],
  ])('does not flag %s', (_, text) => {
    expect(detect(text).findings).toEqual([]);
    expect(detect(text).score).toBe(0);
  });

  it('covers every category', () => {
    expect(rules('I will kill you')).toContain('toxicity.threat');
    expect(rules('they are subhuman')).toContain('toxicity.hate');
    expect(rules('send nudes')).toContain('toxicity.sexual');
    expect(rules('I want to end my life')).toContain('toxicity.self-harm');
    expect(rules('shut up, loser')).toEqual(['toxicity.insult', 'toxicity.insult']);
  });

  it('matches Korean words with particles attached', () => {
    expect(rules('이 병신아')).toContain('toxicity.insult');
  });

  it('counts overlapping matches of one category once', () => {
    expect(rules('you son of a bitch')).toEqual(['toxicity.insult']);
    const [threat] = detect('I will kill you now').findings;
    expect(threat).toMatchObject({ rule: 'toxicity.threat', start: 0, end: 15 });
  });

  it('scores in [0, 1], rising with the number and weight of matches', () => {
    const mild = detect('shit happens').score;
    const worse = detect('shit, you idiot, I will kill you').score;
    expect(mild).toBeGreaterThan(0);
    expect(worse).toBeGreaterThan(mild);
    expect(worse).toBeLessThanOrEqual(1);
    expect(detect('shit, you idiot, I will kill you').byCategory.threat).toBe(0.8);
  });

  it('handles a very long masked or substituted word without failing', () => {
    expect(detect('f*'.repeat(50_000)).findings).toEqual([]);
    expect(detect('$h!t'.repeat(25_000)).findings).toEqual([]);
  });

  it('reports offsets in the part it found them in', () => {
    const report = sut.detect([
      { name: 'messages[0]', text: 'Be polite.' },
      { name: 'messages[1]', text: 'Hello moron' },
    ]);
    expect(report.findings).toEqual([expect.objectContaining({ part: 'messages[1]', start: 6, end: 11, excerpt: 'moron' })]);
  });
});
