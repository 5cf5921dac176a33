import { describe, expect, it } from '@jest/globals';
import { ApiProperty, ApiPropertyOptional, DECORATORS } from '@nestjs/swagger';
import { getMetadataStorage, IsString, MaxLength } from 'class-validator';

import { AnsweredType } from './answered-type.js';

class PartRequestDto {
  @ApiProperty({ maxLength: 5, description: 'A name' })
  @IsString()
  @MaxLength(5)
  name: string;

  @ApiPropertyOptional({ default: 1 })
  factor?: number;

  @ApiPropertyOptional()
  limit?: number;
}

class PartResponseDto extends AnsweredType(PartRequestDto, { limit: { nullable: true } }) {}

const documented = (key: string) => Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, PartResponseDto.prototype, key) as Record<string, unknown>;

describe(AnsweredType.name, () => {
  it('documents every property of the request as present, as the request documents it, with what the answer changes', () => {
    expect(documented('name')).toMatchObject({ maxLength: 5, description: 'A name', required: true });
    expect(documented('factor')).toMatchObject({ default: 1, required: true });
    expect(documented('limit')).toMatchObject({ nullable: true, required: true });
  });

  it('leaves the validators to the request: an answer is not validated', () => {
    expect(getMetadataStorage().getTargetValidationMetadatas(PartResponseDto, '', true, false).map((m) => m.name)).toEqual([]);
    expect(getMetadataStorage().getTargetValidationMetadatas(PartRequestDto, '', true, false).map((m) => m.name)).toEqual(['maxLength', 'isString']);
  });
});
