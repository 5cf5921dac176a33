import { Module, type DynamicModule, type FactoryProvider, type ModuleMetadata, type Provider } from '@nestjs/common';
import * as os from 'node:os';

import { PlatformCompletionClient } from './platform-completion.client.js';
import { RETRAINING_WORKER_OPTIONS, resolveWorkerOptions, type RetrainingWorkerOptions } from './retraining-worker.options.js';
import { RetrainingConsumer } from './retraining.consumer.js';

export interface RetrainingWorkerAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: FactoryProvider['inject'];
  useFactory: (...args: never[]) => RetrainingWorkerOptions | Promise<RetrainingWorkerOptions>;
}

/**
 * For another team's service that trains the models the platform retrains with an `external` trainer:
 *
 *   RetrainingWorkerModule.forRoot({ platformUrl: 'https://mlops.internal.example', apiKey: process.env.MLOPS_TRAINER_KEY,
 *     queues: ['risk-models'], handler: async (payload, { reportProgress, signal }) => ({ metrics, params, artifactUri, tags }) })
 *
 * Everything goes over HTTP with the team's trainer key: the platform's Redis and database stay private to
 * it. The payload and result types come from libs/contracts. Enable shutdown hooks so that active jobs are
 * handed back when the process stops.
 */
@Module({})
export class RetrainingWorkerModule {
  static forRoot(options: RetrainingWorkerOptions): DynamicModule {
    return RetrainingWorkerModule.build([{ provide: RETRAINING_WORKER_OPTIONS, useFactory: () => resolveWorkerOptions(options, defaultWorkerName()) }]);
  }

  static forRootAsync(options: RetrainingWorkerAsyncOptions): DynamicModule {
    const factory = options.useFactory as (...args: unknown[]) => RetrainingWorkerOptions | Promise<RetrainingWorkerOptions>;
    return RetrainingWorkerModule.build(
      [{ provide: RETRAINING_WORKER_OPTIONS, inject: options.inject ?? [], useFactory: async (...args: unknown[]) => resolveWorkerOptions(await factory(...args), defaultWorkerName()) }],
      options.imports,
    );
  }

  private static build(providers: Provider[], imports: ModuleMetadata['imports'] = []): DynamicModule {
    return {
      module: RetrainingWorkerModule,
      imports,
      providers: [...providers, PlatformCompletionClient, RetrainingConsumer],
      exports: [PlatformCompletionClient, RetrainingConsumer],
    };
  }
}

function defaultWorkerName(): string {
  return `${os.hostname()}:${process.pid}`;
}
