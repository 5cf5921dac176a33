import type { FieldError } from '../../common/errors/domain.errors.js';
import { parseDateTime } from '../../common/validation/date-time.js';
import { NAME_PATTERN, NAME_RULE } from '../../common/validation/patterns.js';
import { VARIABLE_NAME } from '../templates/prompt-content.js';
import type { UsageReport } from './usage-entry.js';

export const USAGE_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
export const MAX_OUTPUT_CHARS = 32_000;
export const MAX_VARIABLE_CHARS = 100_000;
export const MAX_VARIABLES = 100;
export const MAX_LATENCY_MS = 3_600_000;
export const MAX_TOKENS = 10_000_000;
export const MAX_COST = 1_000_000;
const MAX_CLOCK_SKEW_MS = 24 * 3_600_000;
const EARLIEST = Date.UTC(2000, 0, 1);
export const HASH_PATTERN = /^[0-9a-f]{64}$/;
export const ERROR_CODE_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;
const KNOWN = new Set(['id', 'caller', 'timestamp', 'latencyMs', 'tokensIn', 'tokensOut', 'cost', 'outcome', 'errorCode', 'variables', 'variablesHash', 'output']);

/** `beyondSchema`: every error is one the report's schema cannot state (a timestamp too old or too far ahead, a variable name). */
export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[]; beyondSchema: boolean };

/**
 * Validates one usage report by hand: the ingestion path handles up to a thousand per request, and
 * building a class-validator instance for each would cost more than the insert. Every problem is listed,
 * under the field it concerns, and unknown fields are refused as everywhere else in the API.
 */
export function validateUsageReport(raw: unknown, now = Date.now()): Validated<UsageReport> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, errors: [{ field: '', message: 'an entry must be a JSON object' }], beyondSchema: false };
  const r = raw as Record<string, unknown>;
  const errors: FieldError[] = [];
  const beyond: FieldError[] = [];
  const fail = (field: string, message: string): void => void errors.push({ field, message });
  const refuse = (field: string, message: string): void => void beyond.push({ field, message });

  for (const key of Object.keys(r)) if (!KNOWN.has(key)) fail(key, `property ${key} should not exist`);
  if (typeof r.id !== 'string' || !USAGE_ID_PATTERN.test(r.id)) fail('id', 'id must be 1-128 letters, digits or . _ : - (the client’s id for this execution)');
  if (typeof r.caller !== 'string' || !NAME_PATTERN.test(r.caller)) fail('caller', `caller must name the calling service: ${NAME_RULE}`);

  const timestamp = parseDateTime(r.timestamp)?.getTime() ?? Number.NaN;
  if (Number.isNaN(timestamp)) {
    fail('timestamp', 'timestamp must be an RFC 3339 date-time with a time zone, such as 2025-05-01T09:30:00Z');
  } else if (timestamp < EARLIEST || timestamp > now + MAX_CLOCK_SKEW_MS) {
    refuse('timestamp', 'timestamp must be after 2000-01-01 and not more than a day in the future');
  }

  number(r.latencyMs, 'latencyMs', 0, MAX_LATENCY_MS, false, fail);
  number(r.tokensIn, 'tokensIn', 0, MAX_TOKENS, true, fail);
  number(r.tokensOut, 'tokensOut', 0, MAX_TOKENS, true, fail);
  if (r.cost !== undefined) number(r.cost, 'cost', 0, MAX_COST, false, fail);

  if (r.outcome !== 'success' && r.outcome !== 'error') fail('outcome', 'outcome must be success or error');
  if (r.outcome === 'error' && (typeof r.errorCode !== 'string' || !ERROR_CODE_PATTERN.test(r.errorCode))) fail('errorCode', 'errorCode is required for an error: 1-100 letters, digits or . _ : -');
  if (r.outcome === 'success' && r.errorCode !== undefined) fail('errorCode', 'errorCode is only allowed with outcome error');

  if (r.variables !== undefined && r.variablesHash !== undefined) fail('variables', 'give variables or variablesHash, not both');
  if (r.variables !== undefined) checkVariables(r.variables, fail, refuse);
  if (r.variablesHash !== undefined && (typeof r.variablesHash !== 'string' || !HASH_PATTERN.test(r.variablesHash))) fail('variablesHash', 'variablesHash must be a lower-case hex SHA-256 (64 characters)');
  if (r.output !== undefined && (typeof r.output !== 'string' || r.output.length > MAX_OUTPUT_CHARS)) fail('output', `output must be a string of at most ${MAX_OUTPUT_CHARS} characters`);

  if (errors.length + beyond.length > 0) return { ok: false, errors: [...errors, ...beyond], beyondSchema: errors.length === 0 };
  return {
    ok: true,
    value: {
      id: r.id as string,
      caller: r.caller as string,
      timestamp: new Date(timestamp),
      latencyMs: r.latencyMs as number,
      tokensIn: r.tokensIn as number,
      tokensOut: r.tokensOut as number,
      cost: (r.cost as number | undefined) ?? 0,
      outcome: r.outcome as UsageReport['outcome'],
      errorCode: (r.errorCode as string | undefined) ?? null,
      variables: (r.variables as Record<string, string> | undefined) ?? null,
      variablesHash: (r.variablesHash as string | undefined) ?? null,
      output: (r.output as string | undefined) ?? null,
    },
  };
}

function number(value: unknown, field: string, min: number, max: number, integer: boolean, fail: (field: string, message: string) => void): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    fail(field, `${field} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
  }
}

function checkVariables(value: unknown, fail: (field: string, message: string) => void, refuse: (field: string, message: string) => void): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('variables', 'variables must be an object of string values');
  const entries = Object.entries(value);
  if (entries.length > MAX_VARIABLES) return fail('variables', `variables may hold at most ${MAX_VARIABLES} values`);
  for (const [name, v] of entries) {
    if (!VARIABLE_NAME.test(name)) refuse(`variables.${name}`, 'variable names are letters, digits and _, starting with a letter or one _');
    else if (typeof v !== 'string' || v.length > MAX_VARIABLE_CHARS) fail(`variables.${name}`, `each variable must be a string of at most ${MAX_VARIABLE_CHARS} characters`);
  }
}
