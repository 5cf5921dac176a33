import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

/**
 * What a field's documentation adds to its rules. `optional` makes the field optional in the document and is
 * the decorator that says how an absent value is validated (a domain's `Omittable()`, or `IsOptional()` where
 * null is a value too, with `nullable: true`).
 */
export interface FieldDoc {
  example?: unknown;
  description?: string;
  default?: unknown;
  nullable?: boolean;
  optional?: PropertyDecorator;
}

/**
 * The decorators of one field, written once: each bound both checked and documented with the same value, so
 * the document says exactly what the validators check. They are applied in the order a stack of them reads
 * bottom-up (`optional` first), which is the order their messages come in.
 */
function field(doc: FieldDoc, schema: Record<string, unknown>, validators: PropertyDecorator[]): PropertyDecorator {
  const { optional, ...documented } = doc;
  const stated = Object.fromEntries(Object.entries(schema).filter(([, value]) => value !== undefined));
  const property = ApiProperty({ ...stated, ...documented, ...(optional && { required: false }) } as Parameters<typeof ApiProperty>[0]);
  return applyDecorators(...(optional ? [optional] : []), ...validators.reverse(), property);
}

/** A string, with a length range and a `pattern` (its message says the value must be `rule`), when given. */
export function StringField(options: FieldDoc & { minLength?: number; maxLength?: number; pattern?: RegExp; rule?: string }): PropertyDecorator {
  const { minLength, maxLength, pattern, rule, ...doc } = options;
  return field(doc, { type: String, minLength, maxLength, pattern: pattern?.source }, [
    IsString(),
    ...(minLength === undefined ? [] : [MinLength(minLength)]),
    ...(maxLength === undefined ? [] : [MaxLength(maxLength)]),
    ...(pattern ? [Matches(pattern, { message: `$property must be ${rule}` })] : []),
  ]);
}

/** A finite number, or a whole one with `integer`, within the bounds given. */
export function NumberField(options: FieldDoc & { integer?: boolean; minimum?: number; maximum?: number }): PropertyDecorator {
  const { integer, minimum, maximum, ...doc } = options;
  return field(doc, { type: integer ? 'integer' : Number, minimum, maximum }, [
    integer ? IsInt() : IsNumber({ allowNaN: false, allowInfinity: false }),
    ...(minimum === undefined ? [] : [Min(minimum)]),
    ...(maximum === undefined ? [] : [Max(maximum)]),
  ]);
}

/** One of `values`. */
export function EnumField(values: readonly string[], doc: FieldDoc = {}): PropertyDecorator {
  return field(doc, { enum: values }, [IsIn(values)]);
}

export function BooleanField(doc: FieldDoc = {}): PropertyDecorator {
  return field(doc, { type: Boolean }, [IsBoolean()]);
}

/**
 * An array of `minItems` to `maxItems` items, each meeting the `items` rules (validators with `each`, or a
 * NestedObject), which are checked in the order they are listed. `type` and what the document says of the
 * items (`pattern`, `maxLength`, `uniqueItems`) are documented as given.
 */
export function ArrayField(options: FieldDoc & { type: unknown; minItems?: number; maxItems?: number; uniqueItems?: boolean; pattern?: string; maxLength?: number }, ...items: PropertyDecorator[]): PropertyDecorator {
  const { minItems, maxItems, ...doc } = options;
  return field(doc, { minItems, maxItems }, [
    IsArray(),
    ...(minItems === undefined ? [] : [ArrayMinSize(minItems)]),
    ...(maxItems === undefined ? [] : [ArrayMaxSize(maxItems)]),
    ...items,
  ]);
}
