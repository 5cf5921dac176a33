/**
 * The seam to the evaluation harness: when a module provides this class, every version a retraining
 * registers is evaluated against the model's configured scenarios. Without a provider the pipeline ends at
 * the STAGING version.
 */
export abstract class NewVersionEvaluation {
  /** Starts an evaluation of the new version; null when the model has no scenario to evaluate against. */
  abstract startForNewModelVersion(modelName: string, version: number, candidateMetrics: Record<string, number>): Promise<{ id: string } | null>;
}
