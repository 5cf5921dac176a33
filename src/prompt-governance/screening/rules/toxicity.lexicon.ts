import type { FindingSeverity } from '../../../../libs/contracts/src/index.js';

export const TOXICITY_CATEGORIES = ['profanity', 'insult', 'hate', 'threat', 'sexual', 'self-harm'] as const;
export type ToxicityCategory = (typeof TOXICITY_CATEGORIES)[number];

/**
 * Weight of one match in the toxicity score (score = 1 - Π(1 - weight) over the matches) and the
 * severity of its finding.
 */
export const TOXICITY_WEIGHTS: Record<ToxicityCategory, { weight: number; severity: FindingSeverity }> = {
  profanity: { weight: 0.3, severity: 'low' },
  insult: { weight: 0.4, severity: 'medium' },
  sexual: { weight: 0.5, severity: 'medium' },
  'self-harm': { weight: 0.7, severity: 'high' },
  hate: { weight: 0.8, severity: 'high' },
  threat: { weight: 0.8, severity: 'high' },
};

/**
 * Words and phrases by category, matched on whole words (so "Scunthorpe" and "assess" never match).
 * A trailing `*` matches any ending ("idiot*" matches "idiots"); Korean entries are prefixes because
 * particles attach to the word.
 */
export const TOXICITY_LEXICON: Record<ToxicityCategory, readonly string[]> = {
  profanity: ['fuck*', 'motherfuck*', 'shit', 'shits', 'shitty', 'bullshit', 'piss off', 'wanker*', 'bollocks', 'goddamn*', '씨발*', '시발*', '존나*', '좆*'],
  insult: [
    'idiot*', 'moron*', 'stupid', 'imbecile*', 'dumbass*', 'asshole*', 'bastard*', 'loser*', 'worthless', 'pathetic', 'shut up',
    'retard*', 'cunt*', 'bitch*', 'twat*', 'shithead*', 'son of a bitch', '병신*', '개새끼*', '멍청이*',
  ],
  hate: ['subhuman*', 'untermensch*', 'inferior race*', 'go back to your country', 'are vermin', 'ethnic cleansing', 'white power', 'death to all', 'gas them all'],
  threat: [
    'kill you', 'i will kill', "i'll kill", 'going to kill', 'gonna kill', 'hurt you', 'beat you up', 'burn your house', 'you will regret this',
    'watch your back', 'i know where you live', 'you will die', '죽여버*', '죽일거*',
  ],
  sexual: ['porn*', 'pornograph*', 'blowjob*', 'horny', 'nsfw', 'nudes', 'nude photo*', 'sex chat', 'sexting', 'xxx'],
  'self-harm': [
    'kill myself', 'killing myself', 'end my life', 'suicide', 'suicidal', 'self harm', 'cut myself', 'hurt myself', 'want to die', '자살*', '자해*',
  ],
};
