import { Module } from '@nestjs/common';

import { DriftModule } from './drift/drift.module.js';
import { ExperimentsModule } from './experiments/experiments.module.js';
import { RegistryModule } from './registry/registry.module.js';
import { RunsModule } from './runs/runs.module.js';

/**
 * Model lifecycle under /api/v1/ml/lifecycle. Each sub-area is a module of its own so that what it
 * stores stays private to it; together they are the one lifecycle domain the rest of the platform imports.
 */
@Module({
  imports: [DriftModule, ExperimentsModule, RegistryModule, RunsModule],
  exports: [DriftModule, ExperimentsModule, RegistryModule, RunsModule],
})
export class LifecycleModule {}
