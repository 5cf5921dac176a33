import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

import { PROBLEM_SCHEMA_MODELS } from './api-problems.decorator.js';

/** Serves the UI at /api/docs and the document at /api/docs-json, from which consumers generate clients. */
export function setUpOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('MLOps control plane')
    .setDescription(
      'Model lifecycle, evaluation harness and prompt governance. Every error is an RFC 9457 `application/problem+json` document; ' +
        'every list is paginated with `limit` (at most 200) and an opaque `cursor`.',
    )
    .setVersion('1')
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: PROBLEM_SCHEMA_MODELS });
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    swaggerOptions: { validatorUrl: null },
  });
}
