import { InconsistentInputError, InvalidInputError } from '../../../common/errors/domain.errors.js';

export const MIN_COMPARED_VERSIONS = 2;
export const MAX_COMPARED_VERSIONS = 20;
const VERSION_NUMBER = /^[1-9][0-9]{0,8}$/;
/** The shape of `versions` (2 to 20 version numbers, comma-separated, spaces allowed around them), as the document states it. */
export const VERSION_LIST_PATTERN = new RegExp(`^\\s*[1-9][0-9]{0,8}\\s*(?:,\\s*[1-9][0-9]{0,8}\\s*){${MIN_COMPARED_VERSIONS - 1},${MAX_COMPARED_VERSIONS - 1}}$`);
export const VERSION_NUMBER_PATTERN = VERSION_NUMBER;

export interface CompareRequest {
  versions: number[];
  baseline: number;
}

/**
 * Reads `versions=1,2,3&baseline=1`: 2–20 distinct positive version numbers, the baseline among them (the
 * first by default). The shapes are the document's (400); a repeated version or a baseline outside the list
 * is a rule between values it cannot state (422).
 */
export function parseCompareRequest(versions: string, baseline?: string): CompareRequest {
  const parts = versions.split(',').map((part) => part.trim());
  const malformed = parts.filter((part) => !VERSION_NUMBER.test(part));
  if (malformed.length > 0) {
    throw invalid('versions', `versions must be a comma-separated list of positive integers; '${malformed[0]}' is not one`);
  }
  const numbers = parts.map(Number);
  if (numbers.length < MIN_COMPARED_VERSIONS || numbers.length > MAX_COMPARED_VERSIONS) {
    throw invalid('versions', `versions must list between ${MIN_COMPARED_VERSIONS} and ${MAX_COMPARED_VERSIONS} versions; got ${numbers.length}`);
  }
  if (baseline !== undefined && !VERSION_NUMBER.test(baseline)) throw invalid('baseline', `baseline must be a positive integer; got '${baseline}'`);
  if (new Set(numbers).size !== numbers.length) throw inconsistent('versions', 'versions must not repeat a version');
  if (baseline === undefined) return { versions: numbers, baseline: numbers[0] };
  const base = Number(baseline);
  if (!numbers.includes(base)) throw inconsistent('baseline', `baseline ${base} must be one of the compared versions (${numbers.join(', ')})`);
  return { versions: numbers, baseline: base };
}

function invalid(field: string, message: string): InvalidInputError {
  return new InvalidInputError(`The comparison request is invalid: ${message}`, [{ field, message }]);
}

function inconsistent(field: string, message: string): InconsistentInputError {
  return new InconsistentInputError(`The comparison request is inconsistent: ${message}`, [{ field, message }]);
}
