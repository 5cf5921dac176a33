import { afterEach, describe, expect, it } from '@jest/globals';

import { promptGovernanceConfig } from './prompt-governance.config.js';

const KEYS = ['PROMPT_JUDGE_ENABLED', 'PROMPT_JUDGE_URL', 'PROMPT_JUDGE_MODEL', 'PROMPT_JUDGE_TIMEOUT_MS', 'PROMPT_PROTECTED_LABELS'];
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
    expect(sut()).toEqual({ judge: { enabled: false, url: null, model: null, timeoutMs: 10000 }, protectedLabels: ['production'] });
  });

  it('reads an enabled judge with its endpoint and model', () => {
    const sut = withEnv({ PROMPT_JUDGE_ENABLED: 'true', PROMPT_JUDGE_URL: 'http://127.0.0.1:8000/v1', PROMPT_JUDGE_MODEL: 'judge-small', PROMPT_JUDGE_TIMEOUT_MS: '2500' });
    expect(sut()).toEqual({ judge: { enabled: true, url: 'http://127.0.0.1:8000/v1', model: 'judge-small', timeoutMs: 2500 }, protectedLabels: ['production'] });
  });

  it('reads the labels that only an approver may move', () => {
    const sut = withEnv({ PROMPT_PROTECTED_LABELS: 'production,canary' });
    expect(sut()).toMatchObject({ protectedLabels: ['production', 'canary'] });
  });

  it('refuses a protected label list that is not label names', () => {
    const sut = withEnv({ PROMPT_PROTECTED_LABELS: 'production,,Bad Label' });
    expect(sut).toThrow(/PROMPT_PROTECTED_LABELS must be a comma-separated list of label names/);
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
