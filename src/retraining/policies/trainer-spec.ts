import { RETRAINING_EXTERNAL_QUEUE, RETRAINING_QUEUE, type RetrainingTrainerKind } from '../../../libs/contracts/src/index.js';
import type { FieldError } from '../../common/errors/domain.errors.js';
import { checkUrl, type AllowedHosts } from '../../common/http/outbound/outbound-policy.js';
import type { TrainerSpec } from '../jobs/retraining-job.js';

export interface TrainerSpecInput {
  kind: RetrainingTrainerKind;
  command?: string;
  url?: string;
  queue?: string;
  settings?: Record<string, unknown>;
  timeoutSeconds?: number;
}

export interface TrainerRules {
  /** Names of the configured command trainers. */
  commandTrainers: readonly string[];
  /** Command: how long the command may run. Webhook and external: how long the platform waits for the result. */
  defaultTimeoutSeconds: Record<RetrainingTrainerKind, number>;
  /** Where webhook trainers may be (RETRAINING_WEBHOOK_ALLOWED_HOSTS). */
  webhookAllowedHosts: AllowedHosts;
}

export const QUEUE_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** The shape of a webhook URL: http or https, a host, then anything but spaces. Whether the host parses and is allowed is checked apart. */
export const WEBHOOK_URL_PATTERN = /^[Hh][Tt][Tt][Pp][Ss]?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/;
export const MAX_SETTINGS_BYTES = 16 * 1024;
const MAX_SETTINGS_DEPTH = 6;

/**
 * Completes and checks a trainer choice. A command trainer is named, never given as a command line, so the
 * API can only choose among executables the operator configured. `beyondSchema` says whether every error is
 * one the request's schema cannot state (a trainer this deployment does not configure, a host it does not
 * allow, settings too large or deep, or keyed with names that cannot be stored).
 */
export function resolveTrainerSpec(
  input: TrainerSpecInput,
  rules: TrainerRules,
): { spec: TrainerSpec; errors: [] } | { spec: null; errors: FieldError[]; beyondSchema: boolean } {
  const errors: FieldError[] = [];
  const beyond: FieldError[] = [];
  const misplaced = (field: 'command' | 'url' | 'queue') => {
    if (input[field] !== undefined) errors.push({ field: `trainer.${field}`, message: `trainer.${field} does not apply to a ${input.kind} trainer` });
  };
  if (input.kind === 'command') {
    misplaced('url');
    misplaced('queue');
    if (input.command === undefined) errors.push({ field: 'trainer.command', message: `trainer.command is required: one of ${rules.commandTrainers.join(', ') || '(none configured)'}` });
    else if (!rules.commandTrainers.includes(input.command)) {
      beyond.push({ field: 'trainer.command', message: `'${input.command}' is not a configured command trainer; configured: ${rules.commandTrainers.join(', ') || '(none)'}` });
    }
  } else if (input.kind === 'webhook') {
    misplaced('command');
    misplaced('queue');
    if (input.url === undefined) errors.push({ field: 'trainer.url', message: 'trainer.url is required for a webhook trainer' });
    else if (!WEBHOOK_URL_PATTERN.test(input.url)) errors.push({ field: 'trainer.url', message: 'trainer.url must be an absolute http or https URL' });
    else if (!isHttpUrl(input.url)) beyond.push({ field: 'trainer.url', message: 'trainer.url does not parse as a URL (check its host and port)' });
    else {
      const verdict = checkUrl(input.url, rules.webhookAllowedHosts);
      if (!verdict.ok) beyond.push({ field: 'trainer.url', message: `trainer.url is not allowed: ${verdict.reason}` });
    }
  } else {
    misplaced('command');
    misplaced('url');
    if (input.queue !== undefined && !QUEUE_NAME_PATTERN.test(input.queue)) errors.push({ field: 'trainer.queue', message: 'trainer.queue must be 1-64 letters, digits, _ or -' });
    if (input.queue === RETRAINING_QUEUE) errors.push({ field: 'trainer.queue', message: `'${RETRAINING_QUEUE}' is the platform worker's own queue; choose another for external workers` });
  }
  beyond.push(...settingsErrors(input.settings ?? {}));
  if (errors.length + beyond.length > 0) return { spec: null, errors: [...errors, ...beyond], beyondSchema: errors.length === 0 };
  return {
    spec: {
      kind: input.kind,
      command: input.kind === 'command' ? input.command! : null,
      url: input.kind === 'webhook' ? input.url! : null,
      queue: input.kind === 'external' ? (input.queue ?? RETRAINING_EXTERNAL_QUEUE) : null,
      settings: input.settings ?? {},
      timeoutSeconds: input.timeoutSeconds ?? rules.defaultTimeoutSeconds[input.kind],
    },
    errors: [],
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Settings are stored as a document: bounded in size and depth, keys usable as field names. */
function settingsErrors(settings: Record<string, unknown>): FieldError[] {
  if (Buffer.byteLength(JSON.stringify(settings)) > MAX_SETTINGS_BYTES) {
    return [{ field: 'trainer.settings', message: `trainer.settings must be at most ${MAX_SETTINGS_BYTES} bytes as JSON` }];
  }
  const errors: FieldError[] = [];
  const visit = (value: unknown, path: string, depth: number): void => {
    if (typeof value !== 'object' || value === null) return;
    if (depth > MAX_SETTINGS_DEPTH) {
      errors.push({ field: path, message: `trainer.settings may nest at most ${MAX_SETTINGS_DEPTH} levels` });
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
      if (!Array.isArray(value) && (key.startsWith('$') || key.includes('.') || key.length === 0)) {
        errors.push({ field: childPath, message: `setting key '${key}' must not be empty, start with $ or contain a dot` });
      }
      visit(child, childPath, depth + 1);
    }
  };
  visit(settings, 'trainer.settings', 1);
  return errors;
}
