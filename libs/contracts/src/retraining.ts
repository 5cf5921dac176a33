/**
 * Retraining contract, version 1: what crosses a process boundary between the API, the platform's worker,
 * trainers (a command reads the payload on stdin, a webhook receives it as the body) and other teams'
 * workers built with `libs/worker`. A breaking change gets a new version number, never an edit in place.
 */
export const RETRAINING_CONTRACT_VERSION = 1;

/** The BullMQ queue the platform's own worker consumes (command and webhook trainers, closing steps). */
export const RETRAINING_QUEUE = 'retraining';
/**
 * The default queue of `external` trainers. It is not a BullMQ queue: its jobs wait in the platform's database
 * until a trainer whose key names the queue claims one over HTTP (`claim-next`), so other teams never reach
 * the platform's Redis.
 */
export const RETRAINING_EXTERNAL_QUEUE = 'retraining-external';
export const RETRAINING_JOB_NAME = 'retrain';

export const RETRAINING_TRAINER_KINDS = ['command', 'webhook', 'external'] as const;
export type RetrainingTrainerKind = (typeof RETRAINING_TRAINER_KINDS)[number];

export const RETRAINING_TRIGGER_KINDS = ['DRIFT', 'MANUAL'] as const;
export type RetrainingTriggerKind = (typeof RETRAINING_TRIGGER_KINDS)[number];

/**
 * PENDING_ENQUEUE: stored, not yet on the queue (Redis was unreachable; the outbox sweeper retries).
 * QUEUED: on the queue (external: waiting for a trainer to claim it), or waiting for its next attempt.
 * RUNNING: a worker (or an external trainer that claimed it) is training.
 * AWAITING_RESULT: handed to a webhook trainer, which reports back through the completion endpoints.
 * SUCCEEDED, FAILED, CANCELLED: ended. FAILED and CANCELLED jobs can be retried.
 */
export const RETRAINING_JOB_STATES = ['PENDING_ENQUEUE', 'QUEUED', 'RUNNING', 'AWAITING_RESULT', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;
export type RetrainingJobState = (typeof RETRAINING_JOB_STATES)[number];

export const RETRAINING_OPEN_STATES: readonly RetrainingJobState[] = ['PENDING_ENQUEUE', 'QUEUED', 'RUNNING', 'AWAITING_RESULT'];
export const RETRAINING_ENDED_STATES: readonly RetrainingJobState[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

/** What a BullMQ job of the platform queue carries: only the id of the job record, which holds everything else. */
export interface RetrainingQueueData {
  contractVersion: typeof RETRAINING_CONTRACT_VERSION;
  jobId: string;
}

/** The job as a trainer sees it. */
export interface RetrainingJobPayload {
  contractVersion: typeof RETRAINING_CONTRACT_VERSION;
  jobId: string;
  modelName: string;
  /** Executions of the job so far, this one included: 1 for the first; attempts, claims and manual retries each add one. */
  attempt: number;
  trigger: {
    kind: RetrainingTriggerKind;
    reason: string;
    driftEventIds: string[];
    /** The display name of whoever asked for the retraining. */
    requestedBy: string | null;
  };
  trainer: {
    kind: RetrainingTrainerKind;
    /** Free-form settings from the model's retraining policy (epochs, learning rate, data window...). */
    settings: Record<string, unknown>;
  };
  /** A directory the trainer may write its artifacts to (command trainers on the worker's machine). */
  artifactDir: string | null;
  /** Paths of the completion protocol, relative to the platform's base URL. */
  completion: RetrainingCompletionPaths;
  /** The platform's base URL when configured, so a remote trainer knows where to report. */
  callbackBaseUrl: string | null;
  /**
   * The job's own token (send it as `Authorization: Bearer <token>` on the completion calls): good for this
   * job only, until `expiresAt`, the job's result deadline. Null where no trainer reports over HTTP.
   */
  credentials: { token: string; expiresAt: string } | null;
}

export interface RetrainingCompletionPaths {
  claim: string;
  progress: string;
  complete: string;
  fail: string;
  release: string;
}

export const RETRAINING_JOBS_PATH = '/api/v1/ml/lifecycle/retraining-jobs';
/**
 * Where an external trainer asks for its next job (POST, with its trainer key): 200 with the payload (and
 * its job token in `credentials`), or 204 when no job waits on its queues.
 */
export const RETRAINING_CLAIM_NEXT_PATH = `${RETRAINING_JOBS_PATH}/claim-next`;

/** The body of `claim-next` (and of `claim`, without `queues`). */
export interface RetrainingClaimRequest {
  /** Shown on the job as its worker. */
  worker: string;
  /** Queues to take a job from, among the trainer key's `trainerQueues`; default all of them. */
  queues?: string[];
}

export function retrainingCompletionPaths(jobId: string): RetrainingCompletionPaths {
  const base = `${RETRAINING_JOBS_PATH}/${encodeURIComponent(jobId)}`;
  return { claim: `${base}/claim`, progress: `${base}/progress`, complete: `${base}/complete`, fail: `${base}/fail`, release: `${base}/release` };
}

/** What a trainer returns: genuine metrics of the new model, its parameters and where its artifacts are. */
export interface RetrainingResult {
  metrics: Record<string, number>;
  params: Record<string, string>;
  /** Where the trained model is (s3://, gs://, file:, https://...): the new version points there. */
  artifactUri: string;
  tags: Record<string, string>;
}

/** A trainer's final word that it could not train; the job becomes FAILED (and can be retried by hand). */
export interface RetrainingFailure {
  reason: string;
  /** External trainers: true when another attempt may succeed (the job goes back to its queue while attempts remain). */
  retryable?: boolean;
}

export interface RetrainingProgress {
  /** Fraction done, 0 to 1. */
  progress: number;
  message: string | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: ContractFieldError[] };
export interface ContractFieldError {
  field: string;
  message: string;
}

/** Metric, param and tag keys become stored field names: the platform's key rule. */
export const RESULT_KEY_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_\-/: ]{0,249}$/;
/** Bounds that match what a run accepts, so a valid result is always recordable. */
export const RESULT_LIMITS = { metrics: 200, params: 100, tags: 50, valueLength: 5000, artifactUriLength: 2000 } as const;
const URI_WITH_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/;
const MAX_TEXT = 5000;

/** Validates a trainer's result (stdout of a command, body of a completion call) without trusting its shape. */
export function parseRetrainingResult(input: unknown): Parsed<RetrainingResult> {
  const errors: ContractFieldError[] = [];
  if (!isRecord(input)) return { ok: false, errors: [{ field: '', message: 'the result must be a JSON object' }] };
  const allowed = new Set(['metrics', 'params', 'artifactUri', 'tags']);
  for (const key of Object.keys(input)) if (!allowed.has(key)) errors.push({ field: key, message: `${key} is not a result field (metrics, params, artifactUri, tags)` });
  const metrics = keyedValues(input.metrics, 'metrics', errors, (v) => typeof v === 'number' && Number.isFinite(v), 'a finite number', true);
  const params = keyedValues(input.params ?? {}, 'params', errors, isParamValue, `a string (at most ${RESULT_LIMITS.valueLength} characters), number or boolean`, false);
  const tags = keyedValues(input.tags ?? {}, 'tags', errors, (v) => typeof v === 'string' && v.length <= RESULT_LIMITS.valueLength, `a string of at most ${RESULT_LIMITS.valueLength} characters`, false);
  const artifactUri = input.artifactUri;
  if (typeof artifactUri !== 'string' || !URI_WITH_SCHEME.test(artifactUri) || artifactUri.length > RESULT_LIMITS.artifactUriLength) {
    errors.push({ field: 'artifactUri', message: `artifactUri is required: a URI with a scheme (s3://, file:, https://...) of at most ${RESULT_LIMITS.artifactUriLength} characters` });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      metrics: metrics as Record<string, number>,
      params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
      artifactUri: artifactUri as string,
      tags: tags as Record<string, string>,
    },
  };
}

export function parseRetrainingFailure(input: unknown): Parsed<RetrainingFailure> {
  if (!isRecord(input)) return { ok: false, errors: [{ field: '', message: 'the failure must be a JSON object' }] };
  const errors: ContractFieldError[] = [];
  const { reason, retryable, ...rest } = input;
  for (const key of Object.keys(rest)) errors.push({ field: key, message: `${key} is not a failure field (reason, retryable)` });
  if (typeof reason !== 'string' || reason.trim().length === 0 || reason.length > MAX_TEXT) {
    errors.push({ field: 'reason', message: `reason must be a non-empty string of at most ${MAX_TEXT} characters` });
  }
  if (retryable !== undefined && typeof retryable !== 'boolean') errors.push({ field: 'retryable', message: 'retryable must be true or false' });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { reason: reason as string, ...(retryable !== undefined && { retryable: retryable as boolean }) } };
}

export function parseRetrainingProgress(input: unknown): Parsed<RetrainingProgress> {
  if (!isRecord(input)) return { ok: false, errors: [{ field: '', message: 'progress must be a JSON object' }] };
  const errors: ContractFieldError[] = [];
  const { progress, message = null, ...rest } = input;
  for (const key of Object.keys(rest)) errors.push({ field: key, message: `${key} is not a progress field (progress, message)` });
  if (typeof progress !== 'number' || !(progress >= 0 && progress <= 1)) errors.push({ field: 'progress', message: 'progress must be a number from 0 to 1' });
  if (message !== null && (typeof message !== 'string' || message.length > 1000)) errors.push({ field: 'message', message: 'message must be a string of at most 1000 characters' });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { progress: progress as number, message: message as string | null } };
}

function isParamValue(value: unknown): boolean {
  return typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'string' && value.length <= RESULT_LIMITS.valueLength);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function keyedValues(
  value: unknown,
  field: string,
  errors: ContractFieldError[],
  valid: (v: unknown) => boolean,
  expected: string,
  required: boolean,
): Record<string, unknown> {
  if (!isRecord(value)) {
    errors.push({ field, message: `${field} must be an object of key to value${required ? '' : ' when given'}` });
    return {};
  }
  const entries = Object.entries(value);
  if (required && entries.length === 0) errors.push({ field, message: `${field} must hold at least one entry` });
  const most = RESULT_LIMITS[field as 'metrics' | 'params' | 'tags'];
  if (entries.length > most) errors.push({ field, message: `${field} may hold at most ${most} entries` });
  for (const [key, v] of entries) {
    if (!RESULT_KEY_PATTERN.test(key)) errors.push({ field: `${field}.${key}`, message: `'${key}' is not a valid key: letters, digits and _ - / : or space, starting with a letter, digit or _` });
    else if (!valid(v)) errors.push({ field: `${field}.${key}`, message: `${field}.${key} must be ${expected}` });
  }
  return value;
}
