import { describe, expect, it } from '@jest/globals';
import { DECORATORS } from '@nestjs/swagger';
import { validate } from 'class-validator';

import { Int, OneOf, Text } from './fields.js';

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
