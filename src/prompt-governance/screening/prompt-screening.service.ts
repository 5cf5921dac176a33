import { Inject, Injectable } from '@nestjs/common';

import { InvalidInputError } from '../../common/errors/domain.errors.js';
import { PROMPT_EVALUATOR, type EvaluationInput, type EvaluationResult, type PromptEvaluator } from './finding.js';
import { PROMPT_JUDGE, type JudgeOpinion, type PromptJudge } from './judge/prompt-judge.js';
import { checkPolicies } from './policy-refs.js';
import { assertPromptSize } from './prompt-size.js';

export interface PromptToEvaluate extends Omit<EvaluationInput, 'parts'> {
  text?: string;
  messages?: { content: string }[];
}

export interface EvaluationOutcome extends EvaluationResult {
  /** The model-based judge's opinion, or null when the judge is disabled (the default). */
  secondOpinion: JudgeOpinion | null;
}

@Injectable()
export class PromptScreeningService {
  constructor(
    @Inject(PROMPT_EVALUATOR) private readonly evaluator: PromptEvaluator,
    @Inject(PROMPT_JUDGE) private readonly judge: PromptJudge,
  ) {}

  /** Evaluates a text or chat messages given directly (not a stored version). */
  evaluatePrompt(prompt: PromptToEvaluate): Promise<EvaluationOutcome> {
    if ((prompt.text === undefined) === (prompt.messages === undefined)) {
      throw new InvalidInputError('Give either text or messages to evaluate', [{ field: 'text', message: 'give either text or messages, not both and not neither' }]);
    }
    const parts = prompt.messages ? prompt.messages.map((m, i) => ({ name: `messages[${i}]`, text: m.content })) : [{ name: 'text', text: prompt.text ?? '' }];
    const policies = checkPolicies(prompt.policies);
    assertPromptSize(parts, prompt.messages ? 'messages' : 'text');
    const { text: _text, messages: _messages, ...rest } = prompt;
    return this.evaluate({ ...rest, policies, parts });
  }

  async evaluate(input: EvaluationInput): Promise<EvaluationOutcome> {
    const result = this.evaluator.evaluate(input);
    const secondOpinion = this.judge.enabled ? await this.judge.review(input, result) : null;
    return { ...result, secondOpinion };
  }
}
