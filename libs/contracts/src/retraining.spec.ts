import { describe, expect, it } from '@jest/globals';

import { parseRetrainingFailure, parseRetrainingProgress, parseRetrainingResult, retrainingCompletionPaths } from './retraining.js';

describe(parseRetrainingResult.name, () => {
  const sut = parseRetrainingResult;

  it('accepts a full result and turns params into strings', () => {
    const parsed = sut({ metrics: { accuracy: 0.9, auc: 0.95 }, params: { epochs: 300, l2: 0.001, balanced: true }, artifactUri: 'file:///tmp/m.json', tags: { trainer: 'lr' } });
    expect(parsed).toEqual({
      ok: true,
      value: { metrics: { accuracy: 0.9, auc: 0.95 }, params: { epochs: '300', l2: '0.001', balanced: 'true' }, artifactUri: 'file:///tmp/m.json', tags: { trainer: 'lr' } },
    });
  });

  it('defaults params and tags when only metrics and the artifact are given', () => {
    expect(sut({ metrics: { rmse: 1.5 }, artifactUri: 's3://models/m1' })).toEqual({ ok: true, value: { metrics: { rmse: 1.5 }, params: {}, artifactUri: 's3://models/m1', tags: {} } });
  });

  it('requires an artifactUri with a scheme, since the new version points there', () => {
    for (const artifactUri of [undefined, null, '', 'models/m1', 'file: spaces']) {
      const parsed = sut({ metrics: { rmse: 1.5 }, artifactUri });
      expect(parsed.ok ? [] : parsed.errors.map((e) => e.field)).toEqual(['artifactUri']);
    }
  });

  it('bounds the number of entries to what a run accepts', () => {
    const params = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`p${i}`, i]));
    const parsed = sut({ metrics: { a: 1 }, params, artifactUri: 's3://m' });
    expect(parsed.ok ? [] : parsed.errors).toEqual([{ field: 'params', message: 'params may hold at most 100 entries' }]);
  });

  it('names every invalid field: missing metrics, non-finite values, bad keys and unknown fields', () => {
    const parsed = sut({ metrics: { 'a.b': 1, loss: Number.NaN, acc: '0.9' }, params: { $where: 'x' }, artifactUri: 's3://m', extra: 1 });
    expect(parsed.ok).toBe(false);
    const fields = parsed.ok ? [] : parsed.errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['extra', 'metrics.a.b', 'metrics.loss', 'metrics.acc', 'params.$where']));
  });

  it('refuses an empty metrics object and a non-object result', () => {
    expect(sut({ metrics: {}, artifactUri: 's3://m' }).ok).toBe(false);
    expect(sut([1, 2]).ok).toBe(false);
    expect(sut('{"metrics":{}}').ok).toBe(false);
  });
});

describe(parseRetrainingFailure.name, () => {
  it('takes a reason and refuses an empty one or other fields', () => {
    expect(parseRetrainingFailure({ reason: 'no data for 2026-11' })).toEqual({ ok: true, value: { reason: 'no data for 2026-11' } });
    expect(parseRetrainingFailure({ reason: '  ' }).ok).toBe(false);
    expect(parseRetrainingFailure({ reason: 'x', code: 3 }).ok).toBe(false);
  });
});

describe(parseRetrainingProgress.name, () => {
  it('accepts a fraction from 0 to 1 with an optional message', () => {
    expect(parseRetrainingProgress({ progress: 0.4, message: 'epoch 4/10' })).toEqual({ ok: true, value: { progress: 0.4, message: 'epoch 4/10' } });
    expect(parseRetrainingProgress({ progress: 1 })).toEqual({ ok: true, value: { progress: 1, message: null } });
    expect(parseRetrainingProgress({ progress: 40 }).ok).toBe(false);
  });
});

describe(retrainingCompletionPaths.name, () => {
  it('builds the completion protocol paths under the lifecycle API', () => {
    expect(retrainingCompletionPaths('665f1c2b9d1e8a0012345678')).toEqual({
      claim: '/api/v1/ml/lifecycle/retraining-jobs/665f1c2b9d1e8a0012345678/claim',
      progress: '/api/v1/ml/lifecycle/retraining-jobs/665f1c2b9d1e8a0012345678/progress',
      complete: '/api/v1/ml/lifecycle/retraining-jobs/665f1c2b9d1e8a0012345678/complete',
      fail: '/api/v1/ml/lifecycle/retraining-jobs/665f1c2b9d1e8a0012345678/fail',
      release: '/api/v1/ml/lifecycle/retraining-jobs/665f1c2b9d1e8a0012345678/release',
    });
  });
});
