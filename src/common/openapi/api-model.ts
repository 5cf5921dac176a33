import type { Type } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

/** T as JSON carries it: dates become ISO 8601 strings. */
export type Json<T> = T extends Date ? string : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

/** A field that may be null says `nullable`, one that may be left out says `required: false`. */
type DocumentedField<T, K extends keyof T> = ApiPropertyOptions &
  (null extends T[K] ? { nullable: true } : unknown) &
  (object extends Pick<T, K> ? { required: false } : unknown);

export type ApiFields<T> = { [K in keyof T]-?: DocumentedField<T, K> };

/**
 * The documented class of a wire shape T: one entry of OpenAPI documentation per field, which the compiler
 * holds to T's fields (none missing, none unknown, null and absence stated where T allows them), so the
 * document cannot drift from the type the clients compile against. Extend it with a named class, whose name
 * the component takes. Entries name their `type` or `enum`: there is no declared property for the document
 * to read it from.
 */
export function ApiModel<T>(fields: ApiFields<T>): Type<T> {
  class Documented {}
  for (const [key, options] of Object.entries<ApiPropertyOptions>(fields)) {
    // What a declared property of a union type would tell the document: an object, refined by oneOf.
    ApiProperty('type' in options || 'enum' in options ? options : { type: Object, ...options })(Documented.prototype, key);
  }
  return Documented as Type<T>;
}

export const DATE_TIME = { type: String, format: 'date-time' } as const;
export const NULLABLE_DATE_TIME = { ...DATE_TIME, nullable: true } as const;
