import { Module, type DynamicModule, type FactoryProvider, type ModuleMetadata } from '@nestjs/common';

import { MLOPS_CLIENT_OPTIONS, type MlopsClientOptions } from './client.options.js';
import { HttpTransport } from './http-transport.js';
import { LifecycleClient } from './lifecycle.client.js';

export interface MlopsClientAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: FactoryProvider['inject'];
  useFactory: (...args: never[]) => MlopsClientOptions | Promise<MlopsClientOptions>;
}

const CLIENTS = [LifecycleClient];

/**
 * The typed client other services import explicitly:
 * `MlopsClientModule.forRoot({ baseUrl: 'http://mlops-api:3000', credential: process.env.MLOPS_API_KEY })`,
 * then inject `LifecycleClient`.
 */
@Module({})
export class MlopsClientModule {
  static forRoot(options: MlopsClientOptions): DynamicModule {
    return MlopsClientModule.build([{ provide: MLOPS_CLIENT_OPTIONS, useValue: options }]);
  }

  static forRootAsync(options: MlopsClientAsyncOptions): DynamicModule {
    return MlopsClientModule.build(
      [{ provide: MLOPS_CLIENT_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory as (...args: unknown[]) => MlopsClientOptions }],
      options.imports,
    );
  }

  private static build(providers: DynamicModule['providers'], imports: ModuleMetadata['imports'] = []): DynamicModule {
    return { module: MlopsClientModule, imports, providers: [...(providers ?? []), HttpTransport, ...CLIENTS], exports: CLIENTS };
  }
}
