/** What the other modules may use of lifecycle; its other files are its own (.dependency-cruiser.cjs holds them to this). */
export { DriftEventNotices } from './drift/drift-event-notices.js';
export { type DriftRetrainingStatus } from './drift/drift-event.js';
export { DriftRetrainingView } from './drift/drift-retraining-view.js';
export { severityAtLeast } from './drift/drift-severity.js';
export { DriftModule } from './drift/drift.module.js';
export { ExperimentsModule } from './experiments/experiments.module.js';
export { ExperimentsService } from './experiments/experiments.service.js';
export { LifecycleModule } from './lifecycle.module.js';
export { ModelStagesService } from './registry/model-stages.service.js';
export { ModelVersionsService } from './registry/model-versions.service.js';
export { RegisteredModelsService } from './registry/registered-models.service.js';
export { RegistryModule } from './registry/registry.module.js';
export { URI_PATTERN } from './runs/dto/run-limits.js';
export { RunMetricsService } from './runs/metrics/run-metrics.service.js';
export { type Run } from './runs/run.js';
export { RunsModule } from './runs/runs.module.js';
export { RunsService } from './runs/runs.service.js';
