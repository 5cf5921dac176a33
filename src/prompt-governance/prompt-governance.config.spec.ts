import { afterEach, describe, expect, it } from '@jest/globals';

import { promptGovernanceConfig } from './prompt-governance.config.js';

const KEYS = ['PROMPT_JUDGE_ENABLED', 'PROMPT_JUDGE_URL', 'PROMPT_JUDGE_MODEL', 'PROMPT_JUDGE_TIMEOUT_MS', 'PROMPT_AUDIT_HEAL_INTERVAL_MS'];
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));

function withEnv(env: Record<string, string>): () => unknown {
  for (const key of KEYS) delete process.env[key];
  Object.assign(process.env, env);
  return () => promptGovernanceConfig();
}

describe('promptGovernanceConfig', () => {
  afterEach(() => {
    for (const key of KEYS) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  it('leaves the model-based judge disabled by default', () => {
    const sut = withEnv({});
    expect(sut()).toEqual({ judge: { enabled: false, url: null, model: null, timeoutMs: 10000 }, audit: { healIntervalMs: 30000 } });
  });

  it('reads an enabled judge with its endpoint and model', () => {
    const sut = withEnv({ PROMPT_JUDGE_ENABLED: 'true', PROMPT_JUDGE_URL: 'http://127.0.0.1:8000/v1', PROMPT_JUDGE_MODEL: 'judge-small', PROMPT_JUDGE_TIMEOUT_MS: '2500' });
    expect(sut()).toEqual({ judge: { enabled: true, url: 'http://127.0.0.1:8000/v1', model: 'judge-small', timeoutMs: 2500 }, audit: { healIntervalMs: 30000 } });
  });

  it('reads the interval of the audit outbox healer', () => {
    const sut = withEnv({ PROMPT_AUDIT_HEAL_INTERVAL_MS: '5000' });
    expect(sut()).toMatchObject({ audit: { healIntervalMs: 5000 } });
  });

  it('refuses an audit healer interval under a second', () => {
    const sut = withEnv({ PROMPT_AUDIT_HEAL_INTERVAL_MS: '10' });
    expect(sut).toThrow(/PROMPT_AUDIT_HEAL_INTERVAL_MS must be between 1000 and 3600000/);
  });

  it('fails with every problem named when the values are invalid', () => {
    const sut = withEnv({ PROMPT_JUDGE_ENABLED: 'yes', PROMPT_JUDGE_URL: 'ftp://judge', PROMPT_JUDGE_TIMEOUT_MS: '5' });
    expect(sut).toThrow(/PROMPT_JUDGE_ENABLED must be true or false[\s\S]*PROMPT_JUDGE_URL must be an http\(s\) URL[\s\S]*PROMPT_JUDGE_TIMEOUT_MS/);
  });

  it('requires an endpoint and a model when the judge is enabled', () => {
    const sut = withEnv({ PROMPT_JUDGE_ENABLED: 'true' });
    expect(sut).toThrow(/PROMPT_JUDGE_URL is required[\s\S]*PROMPT_JUDGE_MODEL is required/);
  });
});
