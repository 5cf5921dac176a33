import { DECORATORS } from '@nestjs/swagger';

import type { FieldError } from '../errors/domain.errors.js';

type Constructor = new (...args: never[]) => object;
interface PropertyDoc {
  nullable?: boolean;
  isArray?: boolean;
  type?: unknown;
}

const MAX_DEPTH = 8;

/**
 * `null` only where the document says a field is nullable. class-validator's `@IsOptional()` (and so every
 * PATCH DTO made with PartialType) lets null through as if the field were absent, which would store null in
 * a required field; the OpenAPI metadata of the DTO is the one place that says which fields may be null.
 */
export function nullFieldErrors(value: unknown, type: Constructor | undefined, path = '', depth = 0): FieldError[] {
  if (!type || depth > MAX_DEPTH || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => nullFieldErrors(item, type, path ? `${path}.${i}` : String(i), depth + 1));
  const errors: FieldError[] = [];
  for (const [key, member] of Object.entries(value)) {
    const doc = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, type.prototype, key) as PropertyDoc | undefined;
    if (!doc) continue;
    const field = path ? `${path}.${key}` : key;
    if (member === null) {
      if (!doc.nullable) errors.push({ field, message: `${field} must not be null` });
      continue;
    }
    const nested = nestedType(doc.type);
    if (nested) errors.push(...nullFieldErrors(member, nested, field, depth + 1));
  }
  return errors;
}

/** The DTO class of a nested member, when the property documents one (`type: Dto` or `type: () => Dto`). */
function nestedType(type: unknown): Constructor | undefined {
  if (typeof type !== 'function') return undefined;
  const candidate = type.prototype === undefined ? (type as () => unknown)() : type;
  if (typeof candidate !== 'function' || [String, Number, Boolean, Object, Date, Array].includes(candidate as never)) return undefined;
  return candidate as Constructor;
}
