import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

import { IsDateTime } from './date-time.js';

/**
 * What a field documents besides the bounds its checks enforce. `optional` lets it be left out: `true` for
 * class-validator's IsOptional (absent or null), or the decorator that says how an absent value is validated
 * (a domain's `Omittable()`, which keeps refusing null).
 */
export type FieldDoc = Omit<ApiPropertyOptions, 'pattern' | 'minLength' | 'maxLength' | 'required' | 'enum' | 'format'> & { optional?: true | PropertyDecorator };

/**
 * The document and the checks of a field from the same values, so the schema says exactly what the
 * validator enforces. `checks` are given in the order they would be written on the property, top first,
 * which is the order of their messages in a 400.
 */
export function Field(doc: FieldDoc, schema: ApiPropertyOptions, checks: (PropertyDecorator | false | undefined)[]): PropertyDecorator {
  const { optional, ...rest } = doc;
  const stated = Object.fromEntries(Object.entries(schema).filter(([, value]) => value !== undefined));
  const presence = optional === true ? IsOptional() : optional;
  const written = [presence, ...checks].filter((check): check is PropertyDecorator => !!check);
  return applyDecorators((optional ? ApiPropertyOptional : ApiProperty)({ ...rest, ...stated } as ApiPropertyOptions), ...written.reverse());
}

export interface TextRule extends FieldDoc {
  minLength?: number;
  maxLength?: number;
  /** With the message a value that does not match gets: `message` whole, or `rule` in "$property must be <rule>". */
  pattern?: RegExp;
  message?: string;
  rule?: string;
}

/** A string, bounded in length and matched against a pattern when the rule says so. */
export function Text({ minLength, maxLength, pattern, message, rule, ...doc }: TextRule = {}): PropertyDecorator {
  const mismatch = message ?? (rule === undefined ? undefined : `$property must be ${rule}`);
  return Field(doc, { type: String, minLength, maxLength, pattern: pattern?.source }, [
    IsString(),
    minLength !== undefined && MinLength(minLength),
    maxLength !== undefined && MaxLength(maxLength),
    pattern && Matches(pattern, mismatch === undefined ? undefined : { message: mismatch }),
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

/** A finite number within bounds. */
export function Num({ minimum, maximum, ...doc }: FieldDoc & { minimum?: number; maximum?: number }): PropertyDecorator {
  return Field(doc, { type: Number, minimum, maximum }, [
    IsNumber({ allowNaN: false, allowInfinity: false }),
    minimum !== undefined && Min(minimum),
    maximum !== undefined && Max(maximum),
  ]);
}

/** true or false. */
export function Bool(doc: FieldDoc = {}): PropertyDecorator {
  return Field(doc, { type: Boolean }, [IsBoolean()]);
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

/**
 * An array of `minItems` to `maxItems` items, each meeting the `items` checks (validators with `each`, or a
 * NestedObject), in the order listed. `type` and what the document says of the items (`pattern`, `maxLength`,
 * `uniqueItems`) are documented as given.
 */
export function List(
  { type, minItems, maxItems, uniqueItems, pattern, maxLength, ...doc }: FieldDoc & { type: ApiPropertyOptions['type']; minItems?: number; maxItems?: number; uniqueItems?: boolean; pattern?: string; maxLength?: number },
  ...items: PropertyDecorator[]
): PropertyDecorator {
  return Field(doc, { type, minItems, maxItems, uniqueItems, pattern, maxLength } as ApiPropertyOptions, [
    IsArray(),
    minItems !== undefined && ArrayMinSize(minItems),
    maxItems !== undefined && ArrayMaxSize(maxItems),
    ...items,
  ]);
}
