import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigService } from '@nestjs/config';
import { json } from 'express';
import helmet from 'helmet';

import type { AppConfigNamespace } from '../config/app.config.js';
import { ProblemDetailsFilter } from '../errors/problem.filter.js';
import { PlatformLogger } from '../logging/platform.logger.js';
import { setUpOpenApi } from '../openapi/swagger.js';
import { createValidationPipe } from '../validation/validation.pipe.js';
import { jsonDepthVerifier } from './json-depth.js';
import { methodNotAllowed, routeTemplates } from './method-not-allowed.middleware.js';
import { requestIdMiddleware } from './request-id.middleware.js';

export const API_PREFIX = 'api/v1';

/** Security headers on every answer; the docs page needs inline styles and data: images, nothing else. */
const SECURITY_HEADERS = helmet({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
    },
  },
});

/** Everything the HTTP application needs, shared by main.ts and the e2e tests so both run the same app. */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  const config = app.get(ConfigService<AppConfigNamespace, true>).getOrThrow('app', { infer: true });
  app.useLogger(new PlatformLogger(config.logFormat, config.logLevel));
  app.use(requestIdMiddleware);
  app.use(SECURITY_HEADERS);
  if (config.corsOrigins.length > 0) {
    app.enableCors({ origin: config.corsOrigins.includes('*') ? true : config.corsOrigins, allowedHeaders: ['Authorization', 'Content-Type', 'If-None-Match', 'X-Request-Id'], exposedHeaders: ['ETag', 'Retry-After', 'X-Request-Id'] });
  }
  // The nesting depth is checked on the raw bytes before JSON.parse, so no depth of any size reaches the validators.
  app.use(json({ limit: config.bodyLimit, verify: jsonDepthVerifier() }));
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.set('query parser', 'simple');
  app.disable('x-powered-by');
  const document = setUpOpenApi(app);
  app.use(methodNotAllowed(routeTemplates(document.paths as Record<string, Record<string, unknown>>)));
  return app;
}
