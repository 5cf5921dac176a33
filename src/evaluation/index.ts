/** What the other modules may use of evaluation; its other files are its own (.dependency-cruiser.cjs holds them to this). */
export { EvaluationModule } from './evaluation.module.js';
export { EVALUATION_QUEUE } from './queue/evaluation.jobs.js';
export { EvaluationRunsService } from './runs/evaluation-runs.service.js';
