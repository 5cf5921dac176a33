import type { DriftSeverity } from '../../../libs/contracts/src/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import type { TrainerSpec } from '../jobs/retraining-job.js';

/** How a model is retrained: what triggers it, how often at most, and with which trainer. */
export interface RetrainingPolicy {
  modelName: string;
  /** Drift events trigger retraining only when enabled; a manual trigger always may. */
  enabled: boolean;
  /** The lowest drift severity that triggers. */
  minSeverity: DriftSeverity;
  /** After a job starts, drift events of the model trigger no new job for this long (they still attach to an open one). */
  cooldownSeconds: number;
  trainer: TrainerSpec;
  /** The experiment that receives the runs; `retraining:<model>` when null. */
  experimentName: string | null;
  /** MODEL: stored for this model; DEFAULT: the platform default from configuration. */
  source: 'MODEL' | 'DEFAULT';
  updatedBy: ActorRef | null;
  updatedAt: Date | null;
}

export type RetrainingPolicyChanges = Pick<RetrainingPolicy, 'enabled' | 'minSeverity' | 'cooldownSeconds' | 'trainer' | 'experimentName'>;

export function experimentNameFor(policy: Pick<RetrainingPolicy, 'modelName' | 'experimentName'>): string {
  return policy.experimentName ?? `retraining:${policy.modelName}`;
}
