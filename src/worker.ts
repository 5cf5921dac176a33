import 'reflect-metadata';

import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';

import type { AppConfigNamespace } from './common/config/app.config.js';
import { closeOnSignals } from './common/lifecycle/shutdown.js';
import { PlatformLogger } from './common/logging/platform.logger.js';
import { WorkerModule } from './worker.module.js';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  const config = app.get(ConfigService<AppConfigNamespace, true>).getOrThrow('app', { infer: true });
  app.useLogger(new PlatformLogger(config.logFormat, config.logLevel));
  closeOnSignals(app, config.shutdownTimeoutMs);
  await app.init();
  new Logger('Bootstrap').log('Worker started');
}

bootstrap().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', msg: 'Worker failed to start', error: (error as Error).message }));
  process.exit(1);
});
