import { describe, expect, it } from '@jest/globals';

import { loadRetrainingConfig as sut } from './retraining.config.js';

describe(sut.name, () => {
  it('answers the documented defaults for an empty environment', () => {
    expect(sut({})).toEqual({
      defaultPolicy: { enabled: true, minSeverity: 'HIGH', cooldownSeconds: 3600, trainer: 'logistic-regression' },
      commandTrainers: { 'logistic-regression': ['node', 'examples/trainers/logistic-regression.mjs'] },
      commandTimeoutSeconds: 3600,
      workerConcurrency: 1,
      attempts: 3,
      backoffMs: 30000,
      stalledIntervalMs: 30000,
      lockDurationMs: 30000,
      outboxSweepMs: 5000,
      enqueueTimeoutMs: 2000,
      webhookTimeoutMs: 10000,
      resultTimeoutSeconds: 86400,
      shutdownGraceMs: 10000,
      artifactDir: '.data/artifacts',
      callbackBaseUrl: null,
      webhookAllowedHosts: expect.objectContaining({ setting: 'RETRAINING_WEBHOOK_ALLOWED_HOSTS', names: new Set() }),
    });
  });

  it('reads named command trainers and a default among them', () => {
    const config = sut({ RETRAINING_COMMAND_TRAINERS: '{"xgb":"python3 \\"train xgb.py\\" --fast"}', RETRAINING_DEFAULT_TRAINER: 'xgb', RETRAINING_CALLBACK_BASE_URL: 'http://mlops:3000/' });
    expect(config.commandTrainers).toEqual({ xgb: ['python3', 'train xgb.py', '--fast'] });
    expect(config.defaultPolicy.trainer).toBe('xgb');
    expect(config.callbackBaseUrl).toBe('http://mlops:3000');
  });

  it('refuses invalid values, naming every one', () => {
    const attempt = () =>
      sut({
        RETRAINING_DEFAULT_ENABLED: 'yes',
        RETRAINING_DEFAULT_MIN_SEVERITY: 'SEVERE',
        RETRAINING_ATTEMPTS: '0',
        RETRAINING_WORKER_CONCURRENCY: 'many',
        RETRAINING_DEFAULT_TRAINER: 'missing',
      });
    expect(attempt).toThrow(/RETRAINING_DEFAULT_ENABLED must be true or false/);
    expect(attempt).toThrow(/RETRAINING_DEFAULT_MIN_SEVERITY must be one of LOW, MEDIUM, HIGH, CRITICAL/);
    expect(attempt).toThrow(/RETRAINING_ATTEMPTS must not be less than 1/);
    expect(attempt).toThrow(/RETRAINING_WORKER_CONCURRENCY must be an integer/);
    expect(attempt).toThrow(/RETRAINING_DEFAULT_TRAINER 'missing' is not one of RETRAINING_COMMAND_TRAINERS \(logistic-regression\)/);
  });

  it('refuses command trainers that are not a JSON object of names to command lines', () => {
    expect(() => sut({ RETRAINING_COMMAND_TRAINERS: 'node x.mjs' })).toThrow(/must be a JSON object/);
    expect(() => sut({ RETRAINING_COMMAND_TRAINERS: '{"a b":"node x"}' })).toThrow(/'a b' is not a valid trainer name/);
    expect(() => sut({ RETRAINING_COMMAND_TRAINERS: '{"x":"node \\"open"}', RETRAINING_DEFAULT_TRAINER: 'x' })).toThrow(/the command of 'x' must be a non-empty command line/);
  });
});
