import { pendingAudit, type PendingAudit } from '../../audit/index.js';
import type { ModelStageTransition } from './model-stage-transition.js';

export const MODEL_RESOURCE = 'model';

/** The audit draft of a stage transition, written into the version by the same update that moves it. */
export function stageChangeAudit(transition: ModelStageTransition): PendingAudit {
  return pendingAudit(
    {
      actor: transition.actor,
      action: transition.reason === 'ROLLBACK' ? 'model.version.rolled-back' : 'model.version.stage-changed',
      resource: { type: MODEL_RESOURCE, id: transition.modelName },
      context: { version: transition.version },
      before: { stage: transition.from },
      after: { stage: transition.to, reason: transition.reason, transitionId: transition.id },
      comment: transition.comment || null,
    },
    transition.at,
  );
}
