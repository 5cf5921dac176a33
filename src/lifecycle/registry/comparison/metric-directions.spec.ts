import { describe, expect, it } from '@jest/globals';

import { defaultMetricDirection, resolveMetricDirection } from './metric-directions.js';

describe(defaultMetricDirection.name, () => {
  const sut = defaultMetricDirection;

  it.each([
    'loss',
    'val_loss',
    'train-loss',
    'rmse',
    'mse',
    'mae',
    'mape',
    'max_drawdown',
    'drawdown',
    'volatility',
    'var',
    'cvar',
    'error',
    'tracking_error',
    'turnover',
    'latency',
    'test_rmse',
    'portfolio/cvar',
    'RMSE',
    'Val_Loss',
  ])('says lower is better for %s', (metric) => {
    expect(sut(metric)).toBe('lower');
  });

  it.each(['sharpe', 'accuracy', 'hit_rate', 'sortino', 'auc', 'annual_return', 'information_ratio'])('says higher is better for %s', (metric) => {
    expect(sut(metric)).toBe('higher');
  });

  it('does not mistake a name that merely contains a lower-is-better term', () => {
    expect(sut('lossless_ratio')).toBe('higher');
    expect(sut('variance_explained')).toBe('higher');
    expect(sut('covar')).toBe('higher');
  });
});

describe(resolveMetricDirection.name, () => {
  const sut = resolveMetricDirection;

  it('prefers the direction the model declares over the default', () => {
    expect(sut('turnover', { turnover: 'higher' })).toEqual({ direction: 'higher', source: 'declared' });
  });

  it('falls back to the default for an undeclared metric', () => {
    expect(sut('val_loss', { sharpe: 'higher' })).toEqual({ direction: 'lower', source: 'default' });
  });

  it('ignores inherited object properties', () => {
    expect(sut('constructor', {})).toEqual({ direction: 'higher', source: 'default' });
  });
});
