/**
 * Refuses deeply nested JSON on the raw request bytes, before JSON.parse and class-transformer see it.
 * Parsing and transforming megabytes of nested brackets costs minutes of CPU and ends in a stack
 * overflow; one linear scan over the same bytes costs milliseconds.
 */
export const DEFAULT_MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/** Thrown from body-parser's `verify` hook; shaped like body-parser's own errors (`status`, `type`, `limit`). */
export class JsonTooDeepError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';

  constructor(readonly limit: number) {
    super(`The request body nests JSON deeper than ${limit} levels; flatten it to at most ${limit} levels of arrays and objects`);
    this.name = JsonTooDeepError.name;
  }
}

/**
 * Whether UTF-8 JSON opens more than `maxDepth` arrays and objects inside one another. Brackets inside
 * strings do not count. Stops at the first level too deep, and at the first unmatched closing bracket
 * (the document is malformed and JSON.parse refuses it at that byte). In UTF-8 no byte of a multi-byte
 * character is below 0x80, so the ASCII bytes looked for here are always the characters they appear to be.
 */
export function exceedsJsonDepth(body: Uint8Array, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0, n = body.length; i < n; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > maxDepth) return true;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      if (--depth < 0) return false;
    }
  }
  return false;
}

type BodyVerifier = (req: unknown, res: unknown, body: Buffer, encoding: string | null) => void;

/**
 * A body-parser `verify` hook that throws {@link JsonTooDeepError}. body-parser's JSON parser also accepts
 * UTF-16 and UTF-32 bodies, where a bracket byte can be half of another character: those are decoded first,
 * and a charset this runtime cannot decode is refused with body-parser's own 415 `charset.unsupported`.
 */
export function jsonDepthVerifier(maxDepth: number = DEFAULT_MAX_JSON_DEPTH): BodyVerifier {
  return (_req, _res, body, encoding) => {
    if (exceedsJsonDepth(asUtf8(body, encoding), maxDepth)) throw new JsonTooDeepError(maxDepth);
  };
}

function asUtf8(body: Buffer, encoding: string | null): Uint8Array {
  if (encoding === null || encoding === 'utf-8' || encoding === 'utf8') return body;
  let text: string;
  try {
    text = new TextDecoder(encoding).decode(body);
  } catch {
    throw Object.assign(new Error(`unsupported charset "${encoding.toUpperCase()}"`), { status: 415, type: 'charset.unsupported', charset: encoding });
  }
  return Buffer.from(text, 'utf8');
}
