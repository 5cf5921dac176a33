import type { ModelStage } from '../../../libs/contracts/src/index.js';

/** Why a version changed stage: someone asked for it, or it left PRODUCTION because another version was promoted. */
export const TRANSITION_REASONS = ['REQUESTED', 'REPLACED'] as const;
export type TransitionReason = (typeof TRANSITION_REASONS)[number];

/** One entry of the stage log of a model: who moved which version from where to where, when and why. */
export interface ModelStageTransition {
  id: string;
  modelName: string;
  version: number;
  from: ModelStage;
  to: ModelStage;
  actor: string;
  comment: string;
  reason: TransitionReason;
  at: Date;
}
