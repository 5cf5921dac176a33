import type { Type } from '@nestjs/common';
import { ApiProperty, DECORATORS, type ApiPropertyOptions } from '@nestjs/swagger';

type Changes<T> = { [K in keyof T]?: Partial<ApiPropertyOptions> };

/**
 * A request part as the API answers it: the properties of `classRef`, documented as the request documents
 * them, each of them present, since the service fills in what a request leaves out. `changes` says what the
 * answer of a property adds to that: `nullable` where nothing was given, the answered class of a nested part.
 * The validators are not inherited: an answer is not validated. The static type leaves the changed properties
 * to the subclass.
 */
export function AnsweredType<T, C extends Changes<T> = Record<never, never>>(classRef: Type<T>, changes: C = {} as C): Type<Required<Omit<T, keyof C>>> {
  abstract class AnsweredTypeClass {}
  const keys = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, classRef.prototype) ?? []) as string[];
  for (const key of keys.map((name) => name.slice(1))) {
    const documented = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, classRef.prototype, key) as ApiPropertyOptions | undefined;
    ApiProperty({ ...documented, required: true, ...changes[key as keyof T] } as ApiPropertyOptions)(AnsweredTypeClass.prototype, key);
  }
  return AnsweredTypeClass as unknown as Type<Required<Omit<T, keyof C>>>;
}
