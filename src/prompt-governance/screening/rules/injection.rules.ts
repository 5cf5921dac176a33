import type { FindingSeverity } from '../../../../libs/contracts/src/index.js';

export interface InjectionRule {
  id: string;
  pattern: RegExp;
  severity: FindingSeverity;
  reason: string;
}

const EARLIER = '(?:all |any |the |your |my |every |these |those )*(?:previous|prior|above|earlier|preceding|former|original|initial|system|existing|old)';
const ORDERS = '(?:instructions?|prompts?|rules?|directions?|directives?|guidelines?|guardrails?|constraints?|messages?|context|orders?)';

/** Patterns run on lower-cased, space-folded text; they are the families of the known attacks, not exact strings. */
export const INJECTION_RULES: readonly InjectionRule[] = [
  {
    id: 'injection.instruction-override',
    pattern: new RegExp(`\\b(?:ignore|disregard|forget|skip|bypass|override|drop|abandon)\\s+(?:${EARLIER}\\s+${ORDERS}|(?:all|everything)\\s+(?:you (?:were|have been) told|above|before))`, 'g'),
    severity: 'high',
    reason: 'tries to override the instructions given before it',
  },
  {
    id: 'injection.instruction-override',
    pattern: /(?:이전|앞의|위의|기존)\s?(?:의\s)?(?:모든\s)?(?:지시|지침|명령|규칙|프롬프트)\S*\s?(?:을|를)?\s?(?:무시|잊)/g,
    severity: 'high',
    reason: 'tries to override the instructions given before it',
  },
  {
    id: 'injection.role-hijack',
    pattern:
      /\b(?:you are now|you're now|from now on,? you (?:are|will|must)|act as (?:an? )?(?:unfiltered|unrestricted|uncensored|jailbroken|evil|dan)\b|pretend (?:that )?(?:you are|you're|to be) (?:an? )?(?:unfiltered|unrestricted|uncensored|jailbroken|free of)|pretend (?:that )?you have no (?:rules|restrictions|limits|guidelines)|(?:developer|god|dan|jailbreak) mode|you have no (?:rules|restrictions|limits))/g,
    severity: 'high',
    reason: 'tries to give the model another role or remove its restrictions',
  },
  {
    id: 'injection.system-prompt-leak',
    pattern:
      /\b(?:reveal|show|print|repeat|display|output|tell me|leak|dump|give me|what (?:is|are|was|were))\b[^.?!\n]{0,30}\b(?:system prompt|system message|hidden (?:prompt|instructions)|initial (?:prompt|instructions)|your (?:instructions|prompt|rules|guidelines)|the (?:prompt|instructions) (?:above|you were given)|everything above)/g,
    severity: 'high',
    reason: 'tries to make the model reveal its system prompt or instructions',
  },
];
