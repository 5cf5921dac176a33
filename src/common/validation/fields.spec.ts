import { describe, expect, it } from '@jest/globals';
import { DECORATORS } from '@nestjs/swagger';
import { IsNumber, IsOptional, validate, validateSync } from 'class-validator';

import { Int, List, OneOf, Text } from './fields.js';

class SampleRequestDto {
  @Text({ maxLength: 5, pattern: /^[a-z]+$/, message: 'name must be lowercase letters' })
  name: string;

  @OneOf(['A', 'B'], { optional: true })
  kind?: string;

  @Int({ optional: true, minimum: 1, maximum: 9 })
  count?: number;
}

const messages = async (body: object) => (await validate(Object.assign(new SampleRequestDto(), body))).flatMap((e) => Object.values(e.constraints ?? {}));
const doc = (key: string) => Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, SampleRequestDto.prototype, key) as Record<string, unknown>;

describe('request field decorators', () => {
  it('document the bounds they check', () => {
    expect(doc('name')).toMatchObject({ type: String, maxLength: 5, pattern: '^[a-z]+$' });
    expect(doc('name').required).not.toBe(false);
    expect(doc('kind')).toMatchObject({ enum: ['A', 'B'], required: false });
    expect(doc('count')).toMatchObject({ type: 'integer', minimum: 1, maximum: 9, required: false });
  });

  it('report failed checks in the order a hand-written stack of the same checks does', async () => {
    expect(await messages({ name: 'TOO-LONG' })).toEqual(['name must be lowercase letters', 'name must be shorter than or equal to 5 characters']);
    expect(await messages({ name: 42 })).toEqual(['name must be lowercase letters', 'name must be shorter than or equal to 5 characters', 'name must be a string']);
  });

  it('let optional fields be left out and check them when given', async () => {
    expect(await messages({ name: 'ok' })).toEqual([]);
    expect(await messages({ name: 'ok', kind: 'C', count: 10 })).toEqual(['kind must be one of the following values: A, B', 'count must not be greater than 9']);
  });
});

class BoundsRequestDto {
  @Int({ minimum: 1, maximum: 5, example: 2 })
  count: number;

  @Text({ maxLength: 3, pattern: /^a+$/, rule: 'only a', optional: IsOptional() })
  code?: string;

  @List({ type: [Number], minItems: 1, maxItems: 2 }, IsNumber({}, { each: true }))
  values: number[];
}

const documented = (key: string) => Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, BoundsRequestDto.prototype, key) as Record<string, unknown>;
const failures = (value: object) =>
  validateSync(Object.assign(new BoundsRequestDto(), value)).flatMap((error) => Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`));

describe('request fields', () => {
  it('document the bounds they check, with the presence the field has', () => {
    expect(documented('count')).toMatchObject({ type: 'integer', minimum: 1, maximum: 5, example: 2 });
    expect(documented('code')).toMatchObject({ type: String, maxLength: 3, pattern: '^a+$', required: false });
    expect(documented('values')).toMatchObject({ type: Number, isArray: true, minItems: 1, maxItems: 2 });
    expect([documented('count').required, documented('values').required]).toEqual([undefined, undefined]);
    expect(documented('code')).not.toHaveProperty('minLength');
  });

  it('check the same bounds, naming the rule a pattern states', () => {
    expect(failures({ count: 3, values: [1] })).toEqual([]);
    expect(failures({ count: 6, code: 'b', values: [] })).toEqual([
      'count: count must not be greater than 5',
      'code: code must be only a',
      'values: values must contain at least 1 elements',
    ]);
    expect(failures({ count: 1.5, values: [1, 2, 3] })).toEqual(['count: count must be an integer number', 'values: values must contain no more than 2 elements']);
  });
});
