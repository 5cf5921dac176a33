import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import type { PromptGovernanceConfigNamespace } from '../../prompt-governance.config.js';
import { DisabledPromptJudge, PROMPT_JUDGE, type PromptJudge } from './prompt-judge.js';

/**
 * Only the disabled judge exists so far. Enabling the judge without an implementation stops the boot
 * instead of silently evaluating without the second opinion the operator asked for.
 */
export const promptJudgeProvider: Provider = {
  provide: PROMPT_JUDGE,
  inject: [ConfigService],
  useFactory: (config: ConfigService<PromptGovernanceConfigNamespace, true>): PromptJudge => {
    const { judge } = config.getOrThrow('promptGovernance', { infer: true });
    if (judge.enabled) {
      throw new Error('PROMPT_JUDGE_ENABLED=true, but no model-based judge is available in this build; unset it to use the rule-based evaluator alone');
    }
    return new DisabledPromptJudge();
  },
};
