import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsObject, registerDecorator, ValidateIf, ValidateNested } from 'class-validator';

/**
 * May be left out, but never sent as null. `@IsOptional()` skips null as well as a missing value, which let
 * null reach the services in fields where leaving out means "the default" and null means nothing; here null
 * meets the field's validators and is refused, naming the field. Fields where null is a value (clearing a
 * model, a period, a benchmark) keep `@IsOptional()`. Put it last, right above the property: decorators
 * apply from the bottom up, so its message is then the first the problem document gives.
 */
export function Omittable(): PropertyDecorator {
  return applyDecorators(ValidateIf((_: object, value: unknown) => value !== undefined), NotNull());
}

/**
 * An object of `type`, validated field by field: never an array or a primitive (class-transformer turns an
 * array into an array of `type`, which `@ValidateNested()` alone accepts). With `each`, every element of an
 * array. A required one also needs `@IsDefined()` (below it): `@ValidateNested()` skips a missing value.
 */
export function NestedObject(type: () => new () => object, options: { each?: boolean } = {}): PropertyDecorator {
  const each = options.each ?? false;
  const message = each ? '$property must hold objects only' : '$property must be an object';
  return applyDecorators(IsObject({ each, message }), ValidateNested({ each }), Type(type));
}

function NotNull(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'notNull',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => value !== null,
        defaultMessage: () => `${String(propertyName)} must not be null; leave it out to use the default`,
      },
    });
  };
}
