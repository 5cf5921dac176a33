import { describe, expect, it } from '@jest/globals';
import * as path from 'node:path';

import type { RetrainingJob } from './retraining-job.js';
import { payloadFor as sut } from './retraining-payload.js';

const job = {
  id: '665f1c2b9d1e8a0012345678',
  modelName: 'kospi momentum/v2',
  attempts: 2,
  trigger: { kind: 'DRIFT', reason: 'drift event e1 (HIGH)', requestedBy: null },
  driftEventIds: ['e1'],
  trainer: { kind: 'command', command: 'logistic-regression', url: null, queue: null, settings: { epochs: 10 }, timeoutSeconds: 60 },
} as unknown as RetrainingJob;

describe(sut.name, () => {
  it('gives a command trainer a directory of its own per execution, with a safe model name', () => {
    const payload = sut(job, { artifactRoot: '/var/artifacts', callbackBaseUrl: null }, null);
    expect(payload.artifactDir).toBe(path.resolve('/var/artifacts', 'kospi_momentum_v2', job.id, 'attempt-2'));
    expect(payload).toMatchObject({
      contractVersion: 1,
      jobId: job.id,
      attempt: 2,
      trigger: { kind: 'DRIFT', driftEventIds: ['e1'], requestedBy: null },
      trainer: { kind: 'command', settings: { epochs: 10 } },
    });
  });

  it('gives other trainers no directory but the callback base URL and the completion paths', () => {
    const webhook = { ...job, trainer: { ...job.trainer, kind: 'webhook', command: null, url: 'http://t/train' } } as RetrainingJob;
    const expiresAt = new Date('2026-12-01T12:00:00Z');
    const payload = sut(webhook, { artifactRoot: '/var/artifacts', callbackBaseUrl: 'https://mlops.internal' }, { token: 'mlpj_x', expiresAt });
    expect(payload.artifactDir).toBeNull();
    expect(payload.callbackBaseUrl).toBe('https://mlops.internal');
    expect(payload.completion.complete).toBe(`/api/v1/ml/lifecycle/retraining-jobs/${job.id}/complete`);
    expect(payload.credentials).toEqual({ token: 'mlpj_x', expiresAt: '2026-12-01T12:00:00.000Z' });
  });
});
