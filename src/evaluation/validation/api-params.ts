import { ApiParam } from '@nestjs/swagger';

/** A path parameter holding a 24-hex id, as `ParseObjectIdPipe` accepts it. */
export const ApiObjectIdParam = (name = 'id', description?: string): MethodDecorator =>
  ApiParam({ name, description, schema: { type: 'string', pattern: '^[0-9a-fA-F]{24}$' } });

/** A path parameter holding a positive integer, such as a revision number. */
export const ApiPositiveIntegerParam = (name: string, description?: string): MethodDecorator =>
  ApiParam({ name, description, schema: { type: 'integer', minimum: 1 } });
