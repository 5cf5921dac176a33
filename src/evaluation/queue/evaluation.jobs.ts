/** The evaluation queue: its name, its job names and their payloads, in one place for producer and worker. */
export const EVALUATION_QUEUE = 'evaluation';

export const EVALUATION_JOBS = {
  /** Evaluate one run: compute its metrics and verdict. */
  evaluateRun: 'evaluate-run',
} as const;

export interface EvaluateRunJob {
  runId: string;
}
