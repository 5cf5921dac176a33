import type { OpenAPIObject } from '@nestjs/swagger';

import { MAX_VERSION } from '../validation/path-params.js';
import { KEY_PATTERN, NAME_PATTERN, OBJECT_ID_PATTERN } from '../validation/patterns.js';
import { schemaRulesOf } from './api-schema-rules.decorator.js';
import { portablePattern } from './portable-pattern.js';

type Schema = Record<string, unknown>;

/**
 * Where each answer's fields go in the routes of the resource it returns: OpenAPI links from every
 * operation answering with the schema to every operation under `under` whose path parameters it fills, so
 * that a client (and stateful testing) can follow a created resource to its routes with the right values,
 * a model by its name rather than its id, a prompt version by its template's id.
 */
const LINKS: Record<string, { under: string; parameters: Record<string, string> }> = {
  ApiKeyResponseDto: { under: '/api/v1/identity/api-keys/{id}', parameters: { id: 'id' } },
  CreatedApiKeyResponseDto: { under: '/api/v1/identity/api-keys/{id}', parameters: { id: 'id' } },
  CreatedPromptTemplateResponseDto: { under: '/api/v1/prompt-governance/templates/{id}', parameters: { id: 'template/id', version: 'version/version' } },
  DriftEventResponseDto: { under: '/api/v1/ml/lifecycle/drift-events/{id}', parameters: { id: 'id' } },
  ExperimentResponseDto: { under: '/api/v1/ml/lifecycle/experiments/{id}', parameters: { id: 'id' } },
  ExplainabilityArtifactResponseDto: { under: '/api/v1/ml/evaluation/runs/{id}', parameters: { id: 'runId', artifactId: 'id' } },
  ModelResponseDto: { under: '/api/v1/ml/lifecycle/models/{model}', parameters: { model: 'name' } },
  ModelVersionResponseDto: { under: '/api/v1/ml/lifecycle/models/{model}', parameters: { model: 'modelName', version: 'version' } },
  PromptVersionResponseDto: { under: '/api/v1/prompt-governance/templates/{id}', parameters: { id: 'templateId', version: 'version' } },
  RetrainingJobResponseDto: { under: '/api/v1/ml/lifecycle/retraining-jobs/{id}', parameters: { id: 'id' } },
  RunAcceptedResponseDto: { under: '/api/v1/ml/evaluation/runs/{id}', parameters: { id: 'id' } },
  ScenarioResponseDto: { under: '/api/v1/ml/evaluation/scenarios/{id}', parameters: { id: 'id', revision: 'revision' } },
  TrackedRunResponseDto: { under: '/api/v1/ml/lifecycle/runs/{id}', parameters: { id: 'id' } },
};

/**
 * Node's HTTP parser refuses a request line and headers longer than its limit (16 KB) with an empty 431 before
 * the application sees them: any operation can answer so, to an overlong query string for instance.
 */
const HEADERS_TOO_LARGE = { description: 'The request line and headers together exceed the server limit of 16 KB (an overlong query string, say); no body' };

/**
 * Writes down, once for the whole document, rules every route follows by the names of its path parameters:
 * ids (`id`, `…Id`) are 24-hex object ids (ParseObjectIdPipe), `version` and `revision` are positive
 * integers, `model` is a model name (ParseModelNamePipe) and `key` a metric, param, tag or checklist key
 * (ParseKeyPipe). Request bodies refuse unknown members (the validation pipe forbids
 * them), which the schema says with `additionalProperties: false`, and one with no required member may be
 * left out (the pipe reads a missing body as `{}`); rules between a DTO's fields come from its
 * ApiSchemaRules; answers link to the routes of the resource they return (LINKS). Every pattern is written
 * so that any regex engine reads it as the validator does (see portablePattern). Nothing here changes what
 * the API does; it makes the document say it.
 */
export function applyConventions(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const requestSchemas = new Set<string>();
  for (const [name, schema] of Object.entries(schemas)) Object.assign(schema, schemaRulesOf(name));
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as Schema[]) {
      if (!operation || typeof operation !== 'object') continue;
      for (const parameter of (operation.parameters ?? []) as Schema[]) describeParameter(parameter);
      ((operation.responses ??= {}) as Record<string, unknown>)['431'] ??= HEADERS_TOO_LARGE;
      const content = (operation.requestBody as Schema | undefined)?.content as Record<string, { schema?: Schema }> | undefined;
      for (const media of Object.values(content ?? {})) collectRefs(media.schema, schemas, requestSchemas);
      if (operation.requestBody && Object.values(content ?? {}).every((media) => acceptsEmptyObject(media.schema, schemas))) (operation.requestBody as Schema).required = false;
    }
  }
  for (const name of requestSchemas) closeObject(schemas[name]);
  addLinks(document);
  visitSchemas(document, writePortablePattern);
  return document;
}

function addLinks(document: OpenAPIObject): void {
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    (Object.values(item) as Schema[]).filter((operation) => operation && typeof operation === 'object').map((operation) => ({ path, operation })),
  );
  for (const { operation } of operations) {
    for (const [status, response] of Object.entries((operation.responses ?? {}) as Record<string, Schema>)) {
      const ref = (response.content as Record<string, { schema?: Schema }> | undefined)?.['application/json']?.schema?.$ref;
      const rule = status.startsWith('2') && typeof ref === 'string' ? LINKS[ref.replace('#/components/schemas/', '')] : undefined;
      if (!rule) continue;
      const links: Record<string, unknown> = {};
      for (const target of operations) {
        const names = ((target.operation.parameters ?? []) as Schema[]).filter((p) => p.in === 'path').map((p) => String(p.name));
        if (!target.path.startsWith(rule.under) || !names.every((name) => name in rule.parameters)) continue;
        const parameters = Object.fromEntries(names.map((name) => [name, `$response.body#/${rule.parameters[name]}`]));
        links[String(target.operation.operationId)] = { operationId: target.operation.operationId, parameters };
      }
      response.links = { ...links, ...(response.links as object | undefined) };
    }
  }
}

function describeParameter(parameter: Schema): void {
  const name = String(parameter.name);
  const schema = (parameter.schema ?? {}) as Schema;
  if (parameter.in === 'path' && schema.type === 'string') {
    if (name === 'id' || /Id$/.test(name)) schema.pattern ??= OBJECT_ID_PATTERN.source;
    if (name === 'model') schema.pattern ??= NAME_PATTERN.source;
    if (name === 'key') schema.pattern ??= KEY_PATTERN.source;
  }
  if (parameter.in === 'path' && (name === 'version' || name === 'revision')) {
    schema.type = 'integer';
    schema.minimum ??= 1;
  }
  if (parameter.in === 'path' && name === 'version') schema.maximum ??= MAX_VERSION;
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
  for (const part of subschemas(schema)) collectRefs(part, schemas, found);
}

/** Whether `{}` is valid under a body schema: then the body may be left out, which the validation pipe reads as `{}`. */
function acceptsEmptyObject(schema: Schema | undefined, schemas: Record<string, Schema>): boolean {
  if (!schema) return false;
  if (typeof schema.$ref === 'string') return acceptsEmptyObject(schemas[schema.$ref.replace('#/components/schemas/', '')], schemas);
  if (schema.type !== undefined && schema.type !== 'object') return false;
  if (((schema.required ?? []) as string[]).length > 0 || Number(schema.minProperties ?? 0) > 0) return false;
  const parts = (key: string) => (schema[key] ?? []) as Schema[];
  const accepted = (key: string) => parts(key).filter((part) => acceptsEmptyObject(part, schemas)).length;
  if (accepted('allOf') < parts('allOf').length) return false;
  if (parts('anyOf').length > 0 && accepted('anyOf') === 0) return false;
  if (parts('oneOf').length > 0 && accepted('oneOf') !== 1) return false;
  return !(schema.not && acceptsEmptyObject(schema.not as Schema, schemas));
}

function closeObject(schema: Schema | undefined): void {
  if (!schema || schema.type !== 'object' || !schema.properties) return;
  schema.additionalProperties ??= false;
}

function writePortablePattern(schema: Schema): void {
  if (typeof schema.pattern === 'string') schema.pattern = portablePattern(schema.pattern);
}

/** Calls `visit` on every schema of the document: components, parameters, request and response bodies, and all they nest. */
function visitSchemas(document: OpenAPIObject, visit: (schema: Schema) => void): void {
  const walk = (schema: unknown): void => {
    if (!schema || typeof schema !== 'object') return;
    visit(schema as Schema);
    for (const part of subschemas(schema as Schema)) walk(part);
  };
  for (const schema of Object.values(document.components?.schemas ?? {})) walk(schema);
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as Schema[]) {
      if (!operation || typeof operation !== 'object') continue;
      for (const parameter of (operation.parameters ?? []) as Schema[]) walk(parameter.schema);
      const bodies = [operation.requestBody, ...Object.values((operation.responses ?? {}) as Record<string, unknown>)] as (Schema | undefined)[];
      for (const body of bodies) for (const media of Object.values((body?.content ?? {}) as Record<string, Schema>)) walk(media.schema);
    }
  }
}

function subschemas(schema: Schema): Schema[] {
  const nested: unknown[] = [schema.items, schema.additionalProperties, schema.not, ...Object.values((schema.properties ?? {}) as Record<string, unknown>)];
  for (const key of ['allOf', 'oneOf', 'anyOf']) nested.push(...((schema[key] ?? []) as unknown[]));
  return nested.filter((part): part is Schema => !!part && typeof part === 'object');
}
