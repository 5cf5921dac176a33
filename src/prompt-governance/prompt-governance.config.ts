import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min } from 'class-validator';

import { assertNoProblems, readEnvironment } from '../common/config/environment.js';

/** Variables of the prompt governance module; all optional, and the model-based judge is off unless enabled. */
class PromptGovernanceEnvironment {
  @IsOptional() @IsIn(['true', 'false'], { message: 'PROMPT_JUDGE_ENABLED must be true or false' })
  PROMPT_JUDGE_ENABLED?: string;

  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'PROMPT_JUDGE_URL must be an http(s) URL' })
  PROMPT_JUDGE_URL?: string;

  @IsOptional() @IsString() @MaxLength(200, { message: 'PROMPT_JUDGE_MODEL must be at most 200 characters' })
  PROMPT_JUDGE_MODEL?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(100) @Max(120000, { message: 'PROMPT_JUDGE_TIMEOUT_MS must be between 100 and 120000' })
  PROMPT_JUDGE_TIMEOUT_MS?: number;

  @IsOptional() @Matches(/^[a-z0-9][a-z0-9._-]{0,63}(,[a-z0-9][a-z0-9._-]{0,63})*$/, { message: 'PROMPT_PROTECTED_LABELS must be a comma-separated list of label names' })
  PROMPT_PROTECTED_LABELS?: string;
}

export interface PromptJudgeConfig {
  enabled: boolean;
  /** Base URL of an OpenAI-compatible endpoint. */
  url: string | null;
  model: string | null;
  timeoutMs: number;
}


export interface PromptGovernanceConfig {
  judge: PromptJudgeConfig;
  /** Labels only an approver may move or remove (the ones that serve production traffic). */
  protectedLabels: string[];
}

export type PromptGovernanceConfigNamespace = { promptGovernance: PromptGovernanceConfig };

/** Read and validated when the module loads, so a bad value stops the boot with every problem named. */
export const promptGovernanceConfig = registerAs('promptGovernance', (): PromptGovernanceConfig => {
  const { problems } = readEnvironment(PromptGovernanceEnvironment, process.env);
  const enabled = process.env.PROMPT_JUDGE_ENABLED === 'true';
  if (enabled && !process.env.PROMPT_JUDGE_URL) problems.push('PROMPT_JUDGE_URL is required when PROMPT_JUDGE_ENABLED=true');
  if (enabled && !process.env.PROMPT_JUDGE_MODEL) problems.push('PROMPT_JUDGE_MODEL is required when PROMPT_JUDGE_ENABLED=true');
  assertNoProblems('prompt governance', problems);
  return {
    judge: {
      enabled,
      url: process.env.PROMPT_JUDGE_URL ?? null,
      model: process.env.PROMPT_JUDGE_MODEL ?? null,
      timeoutMs: Number(process.env.PROMPT_JUDGE_TIMEOUT_MS ?? 10000),
    },
    protectedLabels: (process.env.PROMPT_PROTECTED_LABELS ?? 'production').split(','),
  };
});
