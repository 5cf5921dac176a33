import { describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';

import { ApiSchemaRules, present } from './api-schema-rules.decorator.js';
import { applyConventions } from './openapi-conventions.js';

ApiSchemaRules({ oneOf: [present('a'), present('b')] })(class ExactlyOneRequestDto {});
ApiSchemaRules({ anyOf: [{ not: present('a') }, present('b')] })(class LooseRequestDto {});

const json = (ref: string) => ({ content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } });
const object = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', properties, required });

function document(): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/api/v1/ml/lifecycle/models': { post: { operationId: 'create', requestBody: { required: true, ...json('ExactlyOneRequestDto') }, responses: { '201': json('ModelResponseDto') } } },
      '/api/v1/ml/lifecycle/models/{model}': {
        get: { operationId: 'get', parameters: [{ name: 'model', in: 'path', required: true, schema: { type: 'string' } }], responses: {} },
        patch: { operationId: 'patch', parameters: [{ name: 'model', in: 'path', required: true, schema: { type: 'string' } }], requestBody: { required: true, ...json('LooseRequestDto') }, responses: {} },
      },
      '/api/v1/ml/lifecycle/models/{model}/versions/{version}': {
        get: { operationId: 'version', parameters: [{ name: 'model', in: 'path', schema: { type: 'string' } }, { name: 'version', in: 'path', schema: { type: 'number' } }], responses: {} },
      },
    },
    components: {
      schemas: {
        ExactlyOneRequestDto: object({ a: { type: 'string' }, b: { type: 'string' } }),
        LooseRequestDto: object({ a: { type: 'string' }, b: { type: 'string', pattern: '^[^\\s\\p{Cc}]+$' } }),
        ModelResponseDto: object({ name: { type: 'string' } }, ['name']),
      },
    },
  } as unknown as OpenAPIObject;
}

describe(applyConventions.name, () => {
  const sut = applyConventions;

  it('closes request bodies and adds the rules a DTO states between its fields', () => {
    const { components } = sut(document());
    expect(components?.schemas?.ExactlyOneRequestDto).toMatchObject({ additionalProperties: false, oneOf: [{ required: ['a'] }, { required: ['b'] }] });
  });

  it('lets a body be left out only when {} satisfies its schema', () => {
    const { paths } = sut(document());
    expect(paths['/api/v1/ml/lifecycle/models'].post?.requestBody).toMatchObject({ required: true });
    expect(paths['/api/v1/ml/lifecycle/models/{model}'].patch?.requestBody).toMatchObject({ required: false });
  });

  it('describes path parameters by name and writes patterns without engine-dependent classes', () => {
    const { paths, components } = sut(document());
    const [model, version] = paths['/api/v1/ml/lifecycle/models/{model}/versions/{version}'].get!.parameters as unknown as { schema: Record<string, unknown> }[];
    expect(model.schema.pattern).toEqual(expect.any(String));
    expect(model.schema.pattern).not.toMatch(/\\p/);
    expect(version.schema).toEqual({ type: 'integer', minimum: 1, maximum: 999_999_999 });
    const pattern = ((components?.schemas?.LooseRequestDto as { properties: Record<string, { pattern: string }> }).properties.b.pattern);
    expect(pattern).not.toMatch(/\\[sp]/);
    expect(new RegExp(pattern, 'u').test('x\u00a0y')).toBe(false);
  });

  it('links an answer carrying a model to every route of that model it can fill', () => {
    const { paths } = sut(document());
    const links = (paths['/api/v1/ml/lifecycle/models'].post?.responses as Record<string, { links?: Record<string, unknown> }>)['201'].links;
    expect(links).toEqual({
      get: { operationId: 'get', parameters: { model: '$response.body#/name' } },
      patch: { operationId: 'patch', parameters: { model: '$response.body#/name' } },
    });
  });
});
