import { ConflictError } from '../../common/errors/domain.errors.js';
import type { ChecklistItem } from './model-version.js';

/** A promotion refused because required approval items are unchecked; the problem document lists them in `unmetItems`. */
export class ChecklistIncompleteError extends ConflictError {
  constructor(what: string, from: string, to: string, unmet: readonly ChecklistItem[]) {
    super(`${what} cannot move from ${from} to ${to}: required checklist items are unchecked (${unmet.map((item) => item.key).join(', ')})`, {
      from,
      to,
      unmetItems: unmet.map(({ key, description }) => ({ key, description })),
    });
  }
}
