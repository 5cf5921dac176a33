import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';

/**
 * May be left out, but never sent as null. `@IsOptional()` skips null as well as a missing value, so null
 * reached the services (and the database) in fields that have no null; here null meets the field's other
 * validators, and this one names it. Put it last, right above the property, so its message comes first.
 */
export function Omittable(): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_: object, value: unknown) => value !== undefined),
    ValidateBy({
      name: 'notNull',
      validator: {
        validate: (value: unknown) => value !== null,
        defaultMessage: (args) => `${args?.property} must not be null; leave it out instead`,
      },
    }),
  );
}

/**
 * An object of `type`, validated member by member, and never an array, a primitive or null (class-transformer
 * turns an array into an array of `type`, which `@ValidateNested()` alone accepts). With `each`, every element
 * of an array. Required unless `optional`: `@ValidateNested()` alone lets a missing object through.
 */
export function NestedObject(type: () => new () => object, options: { each?: boolean; optional?: boolean } = {}): PropertyDecorator {
  const each = options.each ?? false;
  const message = each ? '$property must hold objects only' : '$property must be an object';
  return applyDecorators(
    ...(options.optional ? [] : [IsDefined({ message: '$property is required' })]),
    IsObject({ each, message }),
    ValidateNested({ each }),
    Type(type),
  );
}
