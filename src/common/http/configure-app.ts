import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigService } from '@nestjs/config';

import type { AppConfigNamespace } from '../config/app.config.js';
import { ProblemDetailsFilter } from '../errors/problem.filter.js';
import { PlatformLogger } from '../logging/platform.logger.js';
import { setUpOpenApi } from '../openapi/swagger.js';
import { createValidationPipe } from '../validation/validation.pipe.js';
import { requestIdMiddleware } from './request-id.middleware.js';

export const API_PREFIX = 'api/v1';

/** Everything the HTTP application needs, shared by main.ts and the e2e tests so both run the same app. */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  const config = app.get(ConfigService<AppConfigNamespace, true>).getOrThrow('app', { infer: true });
  app.useLogger(new PlatformLogger(config.logFormat, config.logLevel));
  app.use(requestIdMiddleware);
  app.useBodyParser('json', { limit: config.bodyLimit });
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.set('query parser', 'simple');
  app.disable('x-powered-by');
  setUpOpenApi(app);
  return app;
}
