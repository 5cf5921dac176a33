import { describe, expect, it } from '@jest/globals';

import { MODEL_STAGES, type ModelStage } from '../../../libs/contracts/src/index.js';
import { isAllowedTransition, touchesProduction } from './stage-transitions.js';

describe(isAllowedTransition.name, () => {
  const sut = isAllowedTransition;

  it.each<[ModelStage, ModelStage]>([
    ['NONE', 'STAGING'],
    ['NONE', 'ARCHIVED'],
    ['STAGING', 'PRODUCTION'],
    ['STAGING', 'NONE'],
    ['STAGING', 'ARCHIVED'],
    ['PRODUCTION', 'ARCHIVED'],
    ['ARCHIVED', 'STAGING'],
  ])('allows %s -> %s', (from, to) => {
    expect(sut(from, to)).toBe(true);
  });

  it.each<[ModelStage, ModelStage]>([
    ['NONE', 'PRODUCTION'],
    ['PRODUCTION', 'STAGING'],
    ['PRODUCTION', 'NONE'],
    ['ARCHIVED', 'PRODUCTION'],
    ['ARCHIVED', 'NONE'],
  ])('refuses %s -> %s', (from, to) => {
    expect(sut(from, to)).toBe(false);
  });

  it('refuses staying in the same stage', () => {
    for (const stage of MODEL_STAGES) expect(sut(stage, stage)).toBe(false);
  });

  it('reaches PRODUCTION only from STAGING', () => {
    expect(MODEL_STAGES.filter((from) => sut(from, 'PRODUCTION'))).toEqual(['STAGING']);
  });
});

describe(touchesProduction.name, () => {
  const sut = touchesProduction;

  it('is true for entering and leaving PRODUCTION only', () => {
    expect(sut('STAGING', 'PRODUCTION')).toBe(true);
    expect(sut('PRODUCTION', 'ARCHIVED')).toBe(true);
    expect(sut('NONE', 'STAGING')).toBe(false);
    expect(sut('ARCHIVED', 'STAGING')).toBe(false);
  });
});
