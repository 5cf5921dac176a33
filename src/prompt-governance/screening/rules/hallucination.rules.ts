/**
 * Signals that a prompt invites invented facts. `invites` rules ask for facts the model may not have; they
 * weigh much less when the prompt is grounded (a grounding variable is declared or context is given).
 * `absolute` and `unsure` rules weigh the same either way. Patterns run on lower-cased, space-folded text.
 */
export interface HallucinationRule {
  id: string;
  kind: 'invites' | 'absolute' | 'unsure';
  pattern: RegExp;
  weight: number;
  reason: string;
}

export const GROUNDED_WEIGHT_FACTOR = 0.2;

/** Variable names that carry source material into the prompt. */
export const GROUNDING_VARIABLE = /(context|document|source|reference|evidence|retriev|knowledge|passage|filing|excerpt|facts|data|report|transcript)/i;

export const HALLUCINATION_RULES: readonly HallucinationRule[] = [
  {
    id: 'hallucination.figures',
    kind: 'invites',
    pattern: /\b(how (much|many)|exact (numbers?|figures?|amounts?)|statistics|percentages?|market share|revenue|earnings per share|growth rate|figures)\b/g,
    weight: 0.25,
    reason: 'asks for figures',
  },
  {
    id: 'hallucination.citations',
    kind: 'invites',
    pattern: /\b(cite|citations?|with sources|list (the |your )?sources|references|quote (the|a|an)|studies show|according to (a |the )?(study|studies|research|experts?))\b/g,
    weight: 0.3,
    reason: 'asks for citations or sources',
  },
  {
    id: 'hallucination.dates',
    kind: 'invites',
    pattern: /\b(when (did|was|were|will)|what (date|year|day)|exact dates?|on which (date|day))\b/g,
    weight: 0.2,
    reason: 'asks for dates',
  },
  {
    id: 'hallucination.forecast',
    kind: 'invites',
    pattern: /\b(predict(ion)?s?|forecasts?|price targets?|projections?|will (the )?[a-z]+ (rise|fall|go up|go down|reach|outperform)|next (quarter|year|month|week)'?s? (price|return|earnings))\b|(전망|예측)/g,
    weight: 0.35,
    reason: 'asks for a forecast',
  },
  {
    id: 'hallucination.guarantee',
    kind: 'absolute',
    pattern: /\b(guaranteed? (returns?|profits?|income|gains?)|risk[- ]free|cannot lose|can'?t lose|no risk|sure thing|100 ?% (safe|certain|sure))\b|(원금\s?보장|확정\s?수익|무조건)/g,
    weight: 0.5,
    reason: 'uses guaranteed or risk-free language',
  },
  {
    id: 'hallucination.absolute',
    kind: 'absolute',
    pattern: /\b(always|never fails?|certainly|definitely|undoubtedly|without (any )?doubt|guaranteed?)\b/g,
    weight: 0.15,
    reason: 'uses absolute language',
  },
  {
    id: 'hallucination.answer-when-unsure',
    kind: 'unsure',
    pattern:
      /\b(even if you('| a)re (not sure|unsure|uncertain|not certain)|even when (you('| a)re )?(unsure|uncertain|not sure)|never (say|admit|reply) (that )?you don'?t know|(do not|don'?t|never) say (that )?(you|i) (don'?t|do not) know|make (something|it|one) up|invent (a|an|the|some)|fabricate|guess if (you|needed|necessary)|always (give|provide) an answer|never refuse)\b/g,
    weight: 0.6,
    reason: 'asks for an answer even when the model is unsure',
  },
];
