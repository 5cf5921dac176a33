import { describe, expect, it } from '@jest/globals';

import { compareVersions } from './version-comparison.js';

const v = (version: number, metrics: Record<string, number>) => ({ version, metrics });

describe(compareVersions.name, () => {
  const sut = compareVersions;

  it('computes the delta and the relative delta of each version against the baseline', () => {
    const result = sut([v(1, { sharpe: 1.5 }), v(2, { sharpe: 1.8 }), v(3, { sharpe: 1.2 })], 1, {});
    const [sharpe] = result.metrics;
    expect(sharpe.baselineValue).toBe(1.5);
    expect(sharpe.values.map((x) => x.delta)).toEqual([0, expect.closeTo(0.3, 12), expect.closeTo(-0.3, 12)]);
    expect(sharpe.values.map((x) => x.relativeDelta)).toEqual([0, expect.closeTo(0.2, 12), expect.closeTo(-0.2, 12)]);
  });

  it('divides by the magnitude of a negative baseline, so the sign keeps meaning up or down', () => {
    const [ret] = sut([v(1, { annual_return: -0.1 }), v(2, { annual_return: -0.05 })], 1, {}).metrics;
    expect(ret.values[1].delta).toBeCloseTo(0.05, 12);
    expect(ret.values[1].relativeDelta).toBeCloseTo(0.5, 12);
  });

  it('picks the highest value as best for a higher-is-better metric', () => {
    const [sharpe] = sut([v(1, { sharpe: 1.5 }), v(2, { sharpe: 1.8 }), v(3, { sharpe: 1.2 })], 1, {}).metrics;
    expect(sharpe.direction).toBe('higher');
    expect(sharpe.best).toBe(2);
    expect(sharpe.values.map((x) => x.outcome)).toEqual(['EQUAL', 'BETTER', 'WORSE']);
  });

  it('picks the lowest value as best for a lower-is-better metric', () => {
    const [drawdown] = sut([v(1, { max_drawdown: 0.2 }), v(2, { max_drawdown: 0.15 }), v(3, { max_drawdown: 0.25 })], 1, {}).metrics;
    expect(drawdown.direction).toBe('lower');
    expect(drawdown.best).toBe(2);
    expect(drawdown.values.map((x) => x.outcome)).toEqual(['EQUAL', 'BETTER', 'WORSE']);
  });

  it('follows the direction the model declares over the default', () => {
    const [turnover] = sut([v(1, { turnover: 1 }), v(2, { turnover: 2 })], 1, { turnover: 'higher' }).metrics;
    expect(turnover).toMatchObject({ direction: 'higher', directionSource: 'declared', best: 2 });
  });

  it('leaves the relative delta null when the baseline is 0', () => {
    const [metric] = sut([v(1, { hit_rate: 0 }), v(2, { hit_rate: 0.5 })], 1, {}).metrics;
    expect(metric.values[1]).toMatchObject({ delta: 0.5, relativeDelta: null });
  });

  it('leaves deltas null when the baseline is not finite', () => {
    const [metric] = sut([v(1, { sharpe: Number.POSITIVE_INFINITY }), v(2, { sharpe: 1 })], 1, {}).metrics;
    expect(metric.values[1]).toMatchObject({ value: 1, delta: null, relativeDelta: null, outcome: null });
  });

  it('never chooses NaN as best and gives it no delta', () => {
    const [loss] = sut([v(1, { loss: 0.5 }), v(2, { loss: Number.NaN }), v(3, { loss: 0.7 })], 1, {}).metrics;
    expect(loss.best).toBe(1);
    expect(loss.values[1].value).toBeNaN();
    expect(loss.values[1]).toMatchObject({ delta: null, relativeDelta: null, outcome: null });
  });

  it('does not let an infinite value win in either direction', () => {
    const [sharpe] = sut([v(1, { sharpe: 1 }), v(2, { sharpe: Number.POSITIVE_INFINITY })], 1, {}).metrics;
    const [loss] = sut([v(1, { loss: 1 }), v(2, { loss: Number.NEGATIVE_INFINITY })], 1, {}).metrics;
    expect(sharpe.best).toBe(1);
    expect(loss.best).toBe(1);
  });

  it('has no best when no value is finite', () => {
    const [metric] = sut([v(1, { sharpe: Number.NaN }), v(2, { sharpe: Number.NaN })], 1, {}).metrics;
    expect(metric.best).toBeNull();
  });

  it('reports a metric missing from some versions as null without failing', () => {
    const result = sut([v(1, { sharpe: 1 }), v(2, { sharpe: 2, sortino: 3 })], 1, {});
    const sortino = result.metrics.find((m) => m.metric === 'sortino')!;
    expect(sortino.baselineValue).toBeNull();
    expect(sortino.values[0]).toEqual({ version: 1, value: null, delta: null, relativeDelta: null, outcome: null });
    expect(sortino.values[1]).toMatchObject({ value: 3, delta: null });
    expect(sortino.best).toBe(2);
  });

  it('breaks a tie for best with the lower version number', () => {
    const [metric] = sut([v(3, { sharpe: 2 }), v(1, { sharpe: 1 }), v(2, { sharpe: 2 })], 1, {}).metrics;
    expect(metric.best).toBe(2);
  });

  it('lists metrics alphabetically and versions in the requested order', () => {
    const result = sut([v(2, { b: 1, a: 1 }), v(1, { c: 1 })], 1, {});
    expect(result.metrics.map((m) => m.metric)).toEqual(['a', 'b', 'c']);
    expect(result.versions).toEqual([2, 1]);
  });

  it('gives no delta when the difference of two finite values overflows', () => {
    const [metric] = sut([v(1, { sharpe: -Number.MAX_VALUE }), v(2, { sharpe: Number.MAX_VALUE })], 1, {}).metrics;
    expect(metric.values[1]).toMatchObject({ delta: null, relativeDelta: null, outcome: null });
    expect(metric.best).toBe(2);
  });
});
