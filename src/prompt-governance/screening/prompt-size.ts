import { InconsistentInputError } from '../../common/errors/domain.errors.js';
import type { TextPart } from './finding.js';

/**
 * Most characters of prompt text (a text template, or all chat messages together) that a version holds or
 * an evaluation reads. A version with its evaluation then stays far below MongoDB's 16 MB document limit
 * (at most 1.5 MB of UTF-8), and one evaluation holds the event loop for about a second at most, even for
 * text with a finding every few characters.
 */
export const MAX_PROMPT_CHARS = 512 * 1024;

/** Refuses prompt text beyond MAX_PROMPT_CHARS before anything is evaluated or stored, naming the field: a limit on the sum of several fields, which no schema can state (422). */
export function assertPromptSize(parts: TextPart[], field: string): void {
  const total = parts.reduce((n, part) => n + part.text.length, 0);
  if (total <= MAX_PROMPT_CHARS) return;
  const message = `${field} holds ${total} characters of prompt text; at most ${MAX_PROMPT_CHARS} are allowed`;
  throw new InconsistentInputError(`The prompt is too long: ${message}`, [{ field, message }]);
}
