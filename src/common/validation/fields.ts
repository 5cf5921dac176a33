import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

import { IsDateTime } from './date-time.js';

/** What a field documents besides the bounds its checks enforce; `optional` also lets it be left out. */
export type FieldDoc = Omit<ApiPropertyOptions, 'pattern' | 'minLength' | 'maxLength' | 'required' | 'enum' | 'format'> & { optional?: true };

/**
 * The document and the checks of a field from the same values, so the schema says exactly what the
 * validator enforces. `checks` are given in the order they would be written on the property, top first,
 * which is the order of their messages in a 400.
 */
export function Field(doc: FieldDoc, schema: ApiPropertyOptions, checks: (PropertyDecorator | false | undefined)[]): PropertyDecorator {
  const { optional, ...rest } = doc;
  const written = [optional && IsOptional(), ...checks].filter((check): check is PropertyDecorator => !!check);
  return applyDecorators((optional ? ApiPropertyOptional : ApiProperty)({ ...rest, ...schema } as ApiPropertyOptions), ...written.reverse());
}

export interface TextRule extends FieldDoc {
  minLength?: number;
  maxLength?: number;
  /** With the message a value that does not match gets. */
  pattern?: RegExp;
  message?: string;
}

/** A string, bounded in length and matched against a pattern when the rule says so. */
export function Text({ minLength, maxLength, pattern, message, ...doc }: TextRule = {}): PropertyDecorator {
  return Field(doc, { minLength, maxLength, pattern: pattern?.source }, [
    IsString(),
    minLength !== undefined && MinLength(minLength),
    maxLength !== undefined && MaxLength(maxLength),
    pattern && Matches(pattern, message === undefined ? undefined : { message }),
  ]);
}

/** A list of strings, each at most `maxLength` long. */
export function Texts({ minItems, maxItems, maxLength, ...doc }: FieldDoc & { minItems?: number; maxItems: number; maxLength: number }): PropertyDecorator {
  return Field(doc, { type: [String], minItems, maxItems, maxLength }, [
    IsArray(),
    minItems !== undefined && ArrayMinSize(minItems),
    ArrayMaxSize(maxItems),
    IsString({ each: true }),
    MaxLength(maxLength, { each: true }),
  ]);
}

/** An integer within bounds; `query` first reads it from the text of a query parameter. */
export function Int({ minimum, maximum, query, ...doc }: FieldDoc & { minimum?: number; maximum?: number; query?: true }): PropertyDecorator {
  return Field(doc, { type: 'integer', minimum, maximum }, [
    query && Type(() => Number),
    IsInt(),
    minimum !== undefined && Min(minimum),
    maximum !== undefined && Max(maximum),
  ]);
}

/** true or false. */
export function Bool(doc: FieldDoc = {}): PropertyDecorator {
  return Field(doc, {}, [IsBoolean()]);
}

/** One of a fixed list of values. */
export function OneOf(values: readonly (string | number)[], doc: FieldDoc & { message?: string } = {}): PropertyDecorator {
  const { message, ...rest } = doc;
  return Field(rest, { enum: values as (string | number)[] }, [IsIn(values as unknown[], message === undefined ? undefined : { message })]);
}

/** An ISO 8601 date-time with its offset (IsDateTime). */
export function DateTime(doc: FieldDoc = {}): PropertyDecorator {
  return Field(doc, { format: 'date-time' }, [IsDateTime()]);
}
