/**
 * The seam to the evaluation harness (provided by its EvaluationRunsService): every version a retraining
 * registers is evaluated against the scenarios attached to the model. Without a provider the pipeline ends
 * at the STAGING version.
 */
export abstract class NewVersionEvaluation {
  /** Starts one evaluation run per scenario of the model and answers their ids; safe to call again for the same version. */
  abstract startForNewModelVersion(modelName: string, version: number, candidateMetrics: Record<string, number>): Promise<string[]>;
}
