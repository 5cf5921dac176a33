import type { ModelStage } from '../../../libs/contracts/src/index.js';
import type { ActorRef } from '../../common/auth/principal.js';

/**
 * Why a version changed stage: someone asked for it, it left PRODUCTION because another version was promoted,
 * or an approver put it back in PRODUCTION in an emergency rollback (it had passed four-eyes before).
 */
export const TRANSITION_REASONS = ['REQUESTED', 'REPLACED', 'ROLLBACK'] as const;
export type TransitionReason = (typeof TRANSITION_REASONS)[number];

/** One entry of the stage log of a model: who moved which version from where to where, when and why. */
export interface ModelStageTransition {
  id: string;
  modelName: string;
  version: number;
  from: ModelStage;
  to: ModelStage;
  actor: ActorRef;
  comment: string;
  reason: TransitionReason;
  at: Date;
}
