import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown>;

const OBJECT_ID = '^[0-9a-fA-F]{24}$';

/**
 * Writes down, once for the whole document, rules every route follows by the names of its path parameters:
 * ids (`id`, `…Id`) are 24-hex object ids (ParseObjectIdPipe), `version` and `revision` are positive
 * integers. Request bodies refuse unknown members (the validation pipe forbids them), which the schema says
 * with `additionalProperties: false`. Nothing here changes what the API does; it makes the document say it.
 */
export function applyConventions(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const requestSchemas = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as Schema[]) {
      if (!operation || typeof operation !== 'object') continue;
      for (const parameter of (operation.parameters ?? []) as Schema[]) describeParameter(parameter);
      const content = (operation.requestBody as Schema | undefined)?.content as Record<string, { schema?: Schema }> | undefined;
      for (const media of Object.values(content ?? {})) collectRefs(media.schema, schemas, requestSchemas);
    }
  }
  for (const name of requestSchemas) closeObject(schemas[name]);
  return document;
}

function describeParameter(parameter: Schema): void {
  const name = String(parameter.name);
  const schema = (parameter.schema ?? {}) as Schema;
  if (parameter.in === 'path' && (name === 'id' || /Id$/.test(name)) && schema.type === 'string') schema.pattern ??= OBJECT_ID;
  if (parameter.in === 'path' && (name === 'version' || name === 'revision')) {
    schema.type = 'integer';
    schema.minimum ??= 1;
  }
  parameter.schema = schema;
}

/** Every component schema a request body reaches, through $ref, arrays and nested properties. */
function collectRefs(schema: Schema | undefined, schemas: Record<string, Schema>, found: Set<string>): void {
  if (!schema || typeof schema !== 'object') return;
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const name = ref.replace('#/components/schemas/', '');
    if (found.has(name)) return;
    found.add(name);
    collectRefs(schemas[name], schemas, found);
    return;
  }
  for (const key of ['items', 'additionalProperties']) collectRefs(schema[key] as Schema | undefined, schemas, found);
  for (const key of ['allOf', 'oneOf', 'anyOf']) for (const part of (schema[key] ?? []) as Schema[]) collectRefs(part, schemas, found);
  for (const property of Object.values((schema.properties ?? {}) as Record<string, Schema>)) collectRefs(property, schemas, found);
}

function closeObject(schema: Schema | undefined): void {
  if (!schema || schema.type !== 'object' || !schema.properties) return;
  schema.additionalProperties ??= false;
}
