import { describe, expect, it } from '@jest/globals';
import { DECORATORS } from '@nestjs/swagger';
import { IsNumber, IsOptional, validateSync } from 'class-validator';

import { ArrayField, NumberField, StringField } from './fields.js';

class SampleRequestDto {
  @NumberField({ integer: true, minimum: 1, maximum: 5, example: 2 })
  count: number;

  @StringField({ maxLength: 3, pattern: /^a+$/, rule: 'only a', optional: IsOptional() })
  code?: string;

  @ArrayField({ type: [Number], minItems: 1, maxItems: 2 }, IsNumber({}, { each: true }))
  values: number[];
}

const documented = (key: string) => Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, SampleRequestDto.prototype, key) as Record<string, unknown>;
const failures = (value: object) =>
  validateSync(Object.assign(new SampleRequestDto(), value)).flatMap((error) => Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`));

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
