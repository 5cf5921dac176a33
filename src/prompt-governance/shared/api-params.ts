import { applyDecorators } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';

import { MAX_VERSION } from '../../common/validation/path-params.js';
import { LABEL_PATTERN } from '../labels/label-name.js';

/** The `id` path parameter of a template, as ParseObjectIdPipe accepts it. */
export const ApiTemplateIdParam = (): MethodDecorator =>
  ApiParam({ name: 'id', description: 'Id of the prompt template', schema: { type: 'string', pattern: '^[0-9a-fA-F]{24}$' } });

/** `id` and `version`: the routes under /templates/{id}/{version}, which only digits reach (see VersionParam). */
export const ApiVersionParams = (): MethodDecorator =>
  applyDecorators(ApiTemplateIdParam(), ApiParam({ name: 'version', description: 'Version number', schema: { type: 'integer', minimum: 1, maximum: MAX_VERSION } }));

/** `id` and `label`. */
export const ApiLabelParams = (): MethodDecorator =>
  applyDecorators(ApiTemplateIdParam(), ApiParam({ name: 'label', description: 'Label name', schema: { type: 'string', pattern: LABEL_PATTERN.source } }));
