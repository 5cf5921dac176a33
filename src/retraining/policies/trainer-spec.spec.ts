import { describe, expect, it } from '@jest/globals';

import { parseAllowedHosts } from '../../common/http/outbound/outbound-policy.js';
import { resolveTrainerSpec as sut } from './trainer-spec.js';

const rules = {
  commandTrainers: ['logistic-regression'],
  defaultTimeoutSeconds: { command: 600, webhook: 3600, external: 7200 },
  webhookAllowedHosts: parseAllowedHosts('trainers.internal,127.0.0.1', 'RETRAINING_WEBHOOK_ALLOWED_HOSTS'),
};

describe(sut.name, () => {
  it('completes a command trainer with the default timeout and empty settings', () => {
    expect(sut({ kind: 'command', command: 'logistic-regression' }, rules)).toEqual({
      spec: { kind: 'command', command: 'logistic-regression', url: null, queue: null, settings: {}, timeoutSeconds: 600 },
      errors: [],
    });
  });

  it('refuses a command that is not configured, naming the configured ones', () => {
    const { errors } = sut({ kind: 'command', command: '/bin/sh' }, rules);
    expect(errors).toEqual([{ field: 'trainer.command', message: expect.stringContaining('configured: logistic-regression') }]);
  });

  it('requires an http(s) url for a webhook and refuses fields of other kinds', () => {
    expect(sut({ kind: 'webhook', url: 'ftp://x' }, rules).errors.map((e) => e.field)).toEqual(['trainer.url']);
    expect(sut({ kind: 'webhook', url: 'http://127.0.0.1:9000/train', command: 'logistic-regression' }, rules).errors.map((e) => e.field)).toEqual(['trainer.command']);
    expect(sut({ kind: 'webhook', url: 'https://trainers.internal/train' }, rules).spec?.url).toBe('https://trainers.internal/train');
  });

  it.each(['http://169.254.169.254/latest/meta-data/', 'http://127.0.0.2:6379/', 'http://[::1]:27017/', 'http://2130706434/', 'http://10.0.0.1/', 'https://elsewhere.example/train'])(
    'refuses the webhook url %s, which the allowlist does not name',
    (url) => {
      expect(sut({ kind: 'webhook', url }, rules).errors).toEqual([{ field: 'trainer.url', message: expect.stringContaining('RETRAINING_WEBHOOK_ALLOWED_HOSTS') }]);
    },
  );

  it('gives an external trainer the default external queue and refuses the platform queue', () => {
    expect(sut({ kind: 'external' }, rules).spec).toMatchObject({ queue: 'retraining-external', timeoutSeconds: 7200 });
    expect(sut({ kind: 'external', queue: 'retraining' }, rules).errors.map((e) => e.field)).toEqual(['trainer.queue']);
  });

  it('refuses setting keys that cannot be stored as field names, at any depth', () => {
    const { errors } = sut({ kind: 'external', settings: { window: { $gt: 1 }, 'a.b': 2, ok: [{ fine: 1 }] } }, rules);
    expect(errors.map((e) => e.field).sort()).toEqual(['trainer.settings.a.b', 'trainer.settings.window.$gt']);
  });

  it('refuses settings larger than 16 KiB', () => {
    expect(sut({ kind: 'external', settings: { blob: 'x'.repeat(17 * 1024) } }, rules).errors.map((e) => e.field)).toEqual(['trainer.settings']);
  });
});
