import { describe, expect, it } from '@jest/globals';
import { DECORATORS } from '@nestjs/swagger';

import { ApiModel, DATE_TIME } from './api-model.js';

interface Wire {
  id: string;
  parent: string | null;
  at: string;
  note?: string;
}

class WireResponseDto extends ApiModel<Wire>({
  id: { type: String, example: 'a' },
  parent: { type: String, nullable: true },
  at: DATE_TIME,
  note: { type: String, required: false },
}) {}

const doc = (key: string) => Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, WireResponseDto.prototype, key) as Record<string, unknown>;

describe(ApiModel.name, () => {
  const sut = WireResponseDto;

  it('documents every field of the wire type, in its order, with the options given', () => {
    expect(Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, sut.prototype)).toEqual([':id', ':parent', ':at', ':note']);
    expect(doc('id')).toMatchObject({ type: String, example: 'a' });
    expect(doc('parent')).toMatchObject({ type: String, nullable: true });
    expect(doc('at')).toMatchObject({ type: String, format: 'date-time' });
    expect(doc('note')).toMatchObject({ required: false });
  });

  it('gives a field documented only by oneOf the type a declared union property would have', () => {
    class ValueResponseDto extends ApiModel<{ value: number | string }>({ value: { oneOf: [{ type: 'number' }, { type: 'string' }] } }) {}
    expect(Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, ValueResponseDto.prototype, 'value')).toMatchObject({ type: Object });
  });
});
