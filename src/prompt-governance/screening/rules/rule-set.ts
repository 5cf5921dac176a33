import { canonicalJson, sha256Hex } from '../../../common/hashing/canonical-json.js';
import { HALLUCINATION_RULES, GROUNDED_WEIGHT_FACTOR, GROUNDING_VARIABLE } from './hallucination.rules.js';
import { INJECTION_RULES } from './injection.rules.js';
import { PII_KINDS, PII_PATTERNS, SECRET_PATTERNS } from './pii.rules.js';
import { DEFAULT_DISCLAIMERS } from './policy.rules.js';
import { TOXICITY_LEXICON, TOXICITY_WEIGHTS } from './toxicity.lexicon.js';

/** Bump whenever a list, pattern, weight or threshold changes, so stored results say which rules made them. */
export const RULE_SET_VERSION = '2025.1';

/** Score thresholds at or above which a score alone sets the grade. */
export const GRADE_THRESHOLDS = {
  toxicity: { CRITICAL: 0.9, HIGH: 0.5, MEDIUM: 0.25 },
  hallucination: { HIGH: 0.7, MEDIUM: 0.35 },
} as const;

/** Fingerprint of everything the rules contain: two results with the same digest came from the same rules. */
export const RULE_SET_DIGEST = sha256Hex(
  canonicalJson({
    version: RULE_SET_VERSION,
    thresholds: GRADE_THRESHOLDS,
    toxicity: { lexicon: TOXICITY_LEXICON, weights: TOXICITY_WEIGHTS },
    hallucination: {
      groundedWeightFactor: GROUNDED_WEIGHT_FACTOR,
      groundingVariable: GROUNDING_VARIABLE.source,
      rules: HALLUCINATION_RULES.map((r) => ({ ...r, pattern: r.pattern.source })),
    },
    injection: INJECTION_RULES.map((r) => ({ ...r, pattern: r.pattern.source })),
    pii: { kinds: PII_KINDS, patterns: Object.fromEntries(Object.entries(PII_PATTERNS).map(([k, p]) => [k, p.source])), secrets: SECRET_PATTERNS.map((s) => ({ name: s.name, pattern: s.pattern.source })) },
    policy: { disclaimers: DEFAULT_DISCLAIMERS },
  }),
);
