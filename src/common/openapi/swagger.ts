import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

import { BEARER_SCHEME } from '../auth/roles.decorator.js';
import { PROBLEM_SCHEMA_MODELS } from './api-problems.decorator.js';
import { applyConventions } from './openapi-conventions.js';

/**
 * Serves the UI at /api/docs and the document at /api/docs-json, from which consumers generate clients; the
 * UI's Authorize button takes an API key or an OIDC access token. Answers the document, whose paths are the
 * route table of the API.
 */
export function setUpOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('MLOps control plane')
    .setDescription(
      'Model lifecycle, evaluation harness and prompt governance. Every call but the health probes needs `Authorization: Bearer <credential>`: ' +
        'an OIDC access token of the company identity provider, an API key (`mlp_…`), or a retraining job token (`mlpj_…`). ' +
        'Each operation names the roles it admits (`x-required-roles`). Every error is an RFC 9457 `application/problem+json` document; ' +
        'every list is paginated with `limit` (at most 200) and an opaque `cursor`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'OIDC access token, API key (mlp_…) or retraining job token (mlpj_…)' }, BEARER_SCHEME)
    .build();
  const document = applyConventions(SwaggerModule.createDocument(app, config, { extraModels: PROBLEM_SCHEMA_MODELS }));
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    swaggerOptions: { validatorUrl: null, persistAuthorization: true },
  });
  return document;
}
