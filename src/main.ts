import 'reflect-metadata';

import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

import { AppModule } from './app.module.js';
import type { AppConfigNamespace } from './common/config/app.config.js';
import { configureApp } from './common/http/configure-app.js';
import { closeOnSignals } from './common/lifecycle/shutdown.js';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, bufferLogs: true });
  configureApp(app);
  const config = app.get(ConfigService<AppConfigNamespace, true>).getOrThrow('app', { infer: true });
  closeOnSignals(app, config.shutdownTimeoutMs);
  await app.listen(config.port);
  new Logger('Bootstrap').log(`API listening on port ${config.port}; docs at /api/docs`);
}

bootstrap().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', msg: 'API failed to start', error: (error as Error).message }));
  process.exit(1);
});
