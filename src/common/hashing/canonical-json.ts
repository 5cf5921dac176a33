import { createHash } from 'node:crypto';

/**
 * The one serialisation that hashes are computed over: JSON with object keys sorted by code unit at every
 * depth, no white space, `undefined` members dropped, dates as ISO-8601 strings with milliseconds in UTC,
 * and non-finite numbers as null (as JSON.stringify does). Two values that mean the same serialise the same.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalValue(value)) ?? 'null';
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The plain JSON value that `canonicalJson` serialises: what is stored is exactly what is hashed. */
export function canonicalValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : canonicalValue(item)));
  if (typeof value === 'object') {
    const withJson = value as { toJSON?: () => unknown };
    if (typeof withJson.toJSON === 'function' && !isPlainObject(value)) return canonicalValue(withJson.toJSON());
    // No prototype: a member named __proto__ stays a member.
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) out[key] = canonicalValue(member);
    }
    return out;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  return value;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
