import type { ModelStage } from '../../../libs/contracts/src/index.js';

/**
 * The stage machine of a model version. A version starts in NONE. PRODUCTION is entered only from
 * STAGING (after its approval checklist is complete) and left only for ARCHIVED; an archived version
 * comes back through STAGING, so a rollback is a fresh promotion with the same checks.
 */
export const STAGE_TRANSITIONS: Readonly<Record<ModelStage, readonly ModelStage[]>> = {
  NONE: ['STAGING', 'ARCHIVED'],
  STAGING: ['PRODUCTION', 'NONE', 'ARCHIVED'],
  PRODUCTION: ['ARCHIVED'],
  ARCHIVED: ['STAGING'],
};

export function isAllowedTransition(from: ModelStage, to: ModelStage): boolean {
  return STAGE_TRANSITIONS[from].includes(to);
}

/** Transitions that move the model's production pointer and therefore follow the promotion protocol. */
export function touchesProduction(from: ModelStage, to: ModelStage): boolean {
  return from === 'PRODUCTION' || to === 'PRODUCTION';
}
