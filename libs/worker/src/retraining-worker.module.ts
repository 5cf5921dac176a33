import { Module, type DynamicModule, type FactoryProvider, type ModuleMetadata, type Provider } from '@nestjs/common';

import { PlatformCompletionClient } from './platform-completion.client.js';
import { RETRAINING_WORKER_OPTIONS, type RetrainingWorkerOptions } from './retraining-worker.options.js';
import { RetrainingConsumer } from './retraining.consumer.js';

export interface RetrainingWorkerAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: FactoryProvider['inject'];
  useFactory: (...args: never[]) => RetrainingWorkerOptions | Promise<RetrainingWorkerOptions>;
}

/**
 * For another team's service that trains models the platform retrains with an `external` trainer:
 *
 *   RetrainingWorkerModule.forRoot({ redisUrl, prefix: 'mlops', platformUrl: 'http://mlops-api:3000',
 *     queue: 'risk-models', handler: async (payload, { reportProgress, signal }) => ({ metrics, params, artifactUri, tags }) })
 *
 * The module consumes the queue, claims each job, runs the handler and reports through the platform's
 * completion protocol; the payload and result types come from libs/contracts. The BullMQ worker closes with
 * the application (enable shutdown hooks).
 */
@Module({})
export class RetrainingWorkerModule {
  static forRoot(options: RetrainingWorkerOptions): DynamicModule {
    return RetrainingWorkerModule.build([{ provide: RETRAINING_WORKER_OPTIONS, useValue: options }]);
  }

  static forRootAsync(options: RetrainingWorkerAsyncOptions): DynamicModule {
    return RetrainingWorkerModule.build(
      [{ provide: RETRAINING_WORKER_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory as (...args: unknown[]) => RetrainingWorkerOptions }],
      options.imports,
    );
  }

  private static build(providers: Provider[], imports: ModuleMetadata['imports'] = []): DynamicModule {
    return { module: RetrainingWorkerModule, imports, providers: [...providers, PlatformCompletionClient, RetrainingConsumer], exports: [PlatformCompletionClient, RetrainingConsumer] };
  }
}
