import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsBooleanString, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

import { DRIFT_SEVERITIES, type DriftSeverity } from '../../libs/contracts/src/index.js';
import { assertNoProblems, readEnvironment } from '../common/config/environment.js';
import { InvalidAllowedHostsError, parseAllowedHosts, type AllowedHosts } from '../common/http/outbound/outbound-policy.js';
import { parseCommandLine } from './trainers/command-line.js';

const DEFAULT_COMMAND_TRAINERS = { 'logistic-regression': 'node examples/trainers/logistic-regression.mjs' };
const TRAINER_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** Environment variables of the retraining pipeline; each one is listed with its default in the README. */
class RetrainingEnvironment {
  @IsOptional() @IsBooleanString({ message: 'RETRAINING_DEFAULT_ENABLED must be true or false' })
  RETRAINING_DEFAULT_ENABLED?: string;

  @IsOptional() @IsIn(DRIFT_SEVERITIES, { message: `RETRAINING_DEFAULT_MIN_SEVERITY must be one of ${DRIFT_SEVERITIES.join(', ')}` })
  RETRAINING_DEFAULT_MIN_SEVERITY?: DriftSeverity;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(365 * 86400)
  RETRAINING_DEFAULT_COOLDOWN_SECONDS?: number;

  @IsOptional() @IsString() @Matches(TRAINER_NAME, { message: 'RETRAINING_DEFAULT_TRAINER must name a command trainer (letters, digits, _ . -)' })
  RETRAINING_DEFAULT_TRAINER?: string;

  @IsOptional() @IsString()
  RETRAINING_COMMAND_TRAINERS?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(7 * 86400)
  RETRAINING_COMMAND_TIMEOUT_SECONDS?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(64)
  RETRAINING_WORKER_CONCURRENCY?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50)
  RETRAINING_ATTEMPTS?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(86_400_000)
  RETRAINING_BACKOFF_MS?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(100) @Max(3_600_000)
  RETRAINING_STALLED_INTERVAL_MS?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(200) @Max(3_600_000)
  RETRAINING_LOCK_DURATION_MS?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(100) @Max(3_600_000)
  RETRAINING_OUTBOX_SWEEP_MS?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(100) @Max(60_000)
  RETRAINING_ENQUEUE_TIMEOUT_MS?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(100) @Max(300_000)
  RETRAINING_WEBHOOK_TIMEOUT_MS?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(30 * 86400)
  RETRAINING_RESULT_TIMEOUT_SECONDS?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(600_000)
  RETRAINING_SHUTDOWN_GRACE_MS?: number;

  @IsOptional() @IsString()
  RETRAINING_ARTIFACT_DIR?: string;

  @IsOptional() @IsString() @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'RETRAINING_CALLBACK_BASE_URL must be an http(s) URL' })
  RETRAINING_CALLBACK_BASE_URL?: string;

  @IsOptional() @IsString()
  RETRAINING_WEBHOOK_ALLOWED_HOSTS?: string;
}

export interface RetrainingConfig {
  defaultPolicy: { enabled: boolean; minSeverity: DriftSeverity; cooldownSeconds: number; trainer: string };
  /** Named commands a policy may choose; a policy can never run anything else. */
  commandTrainers: Record<string, string[]>;
  commandTimeoutSeconds: number;
  workerConcurrency: number;
  attempts: number;
  backoffMs: number;
  stalledIntervalMs: number;
  lockDurationMs: number;
  outboxSweepMs: number;
  enqueueTimeoutMs: number;
  webhookTimeoutMs: number;
  resultTimeoutSeconds: number;
  shutdownGraceMs: number;
  artifactDir: string;
  callbackBaseUrl: string | null;
  /** Where webhook trainers may be: checked when a policy is saved and on the resolved address when the job is sent. */
  webhookAllowedHosts: AllowedHosts;
}

/** Parses and checks the retraining variables, naming every invalid one, so a bad value stops the boot. */
export function loadRetrainingConfig(raw: Record<string, string | undefined>): RetrainingConfig {
  const { problems } = readEnvironment(RetrainingEnvironment, raw);
  const commandTrainers = parseCommandTrainers(raw.RETRAINING_COMMAND_TRAINERS, problems);
  const trainer = raw.RETRAINING_DEFAULT_TRAINER ?? 'logistic-regression';
  const trainersReadable = !problems.some((problem) => problem.startsWith('RETRAINING_COMMAND_TRAINERS'));
  if (trainersReadable && !(trainer in commandTrainers)) {
    problems.push(`RETRAINING_DEFAULT_TRAINER '${trainer}' is not one of RETRAINING_COMMAND_TRAINERS (${Object.keys(commandTrainers).join(', ') || 'none configured'})`);
  }
  const webhookAllowedHosts = parseWebhookHosts(raw.RETRAINING_WEBHOOK_ALLOWED_HOSTS ?? '', problems);
  const lockDurationMs = Number(raw.RETRAINING_LOCK_DURATION_MS ?? 30000);
  const stalledIntervalMs = Number(raw.RETRAINING_STALLED_INTERVAL_MS ?? 30000);
  assertNoProblems('retraining', problems);
  return {
    defaultPolicy: {
      enabled: (raw.RETRAINING_DEFAULT_ENABLED ?? 'true') === 'true',
      minSeverity: (raw.RETRAINING_DEFAULT_MIN_SEVERITY as DriftSeverity | undefined) ?? 'HIGH',
      cooldownSeconds: Number(raw.RETRAINING_DEFAULT_COOLDOWN_SECONDS ?? 3600),
      trainer,
    },
    commandTrainers,
    commandTimeoutSeconds: Number(raw.RETRAINING_COMMAND_TIMEOUT_SECONDS ?? 3600),
    workerConcurrency: Number(raw.RETRAINING_WORKER_CONCURRENCY ?? 1),
    attempts: Number(raw.RETRAINING_ATTEMPTS ?? 3),
    backoffMs: Number(raw.RETRAINING_BACKOFF_MS ?? 30000),
    stalledIntervalMs,
    lockDurationMs,
    outboxSweepMs: Number(raw.RETRAINING_OUTBOX_SWEEP_MS ?? 5000),
    enqueueTimeoutMs: Number(raw.RETRAINING_ENQUEUE_TIMEOUT_MS ?? 2000),
    webhookTimeoutMs: Number(raw.RETRAINING_WEBHOOK_TIMEOUT_MS ?? 10000),
    resultTimeoutSeconds: Number(raw.RETRAINING_RESULT_TIMEOUT_SECONDS ?? 86400),
    shutdownGraceMs: Number(raw.RETRAINING_SHUTDOWN_GRACE_MS ?? 10000),
    artifactDir: raw.RETRAINING_ARTIFACT_DIR ?? '.data/artifacts',
    callbackBaseUrl: raw.RETRAINING_CALLBACK_BASE_URL?.replace(/\/+$/, '') ?? null,
    webhookAllowedHosts,
  };
}

const WEBHOOK_HOSTS_SETTING = 'RETRAINING_WEBHOOK_ALLOWED_HOSTS';

function parseWebhookHosts(text: string, problems: string[]): AllowedHosts {
  try {
    return parseAllowedHosts(text, WEBHOOK_HOSTS_SETTING);
  } catch (error) {
    if (!(error instanceof InvalidAllowedHostsError)) throw error;
    problems.push(...error.problems);
    return parseAllowedHosts('', WEBHOOK_HOSTS_SETTING);
  }
}

function parseCommandTrainers(text: string | undefined, problems: string[]): Record<string, string[]> {
  let given: unknown = DEFAULT_COMMAND_TRAINERS;
  if (text !== undefined) {
    try {
      given = JSON.parse(text);
    } catch {
      problems.push('RETRAINING_COMMAND_TRAINERS must be a JSON object of trainer name to command line');
      return {};
    }
  }
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    problems.push('RETRAINING_COMMAND_TRAINERS must be a JSON object of trainer name to command line');
    return {};
  }
  const trainers: Record<string, string[]> = {};
  for (const [name, line] of Object.entries(given)) {
    const argv = typeof line === 'string' ? parseCommandLine(line) : null;
    if (!TRAINER_NAME.test(name)) problems.push(`RETRAINING_COMMAND_TRAINERS: '${name}' is not a valid trainer name (letters, digits, _ . -)`);
    else if (!argv || argv.length === 0) problems.push(`RETRAINING_COMMAND_TRAINERS: the command of '${name}' must be a non-empty command line`);
    else trainers[name] = argv;
  }
  return trainers;
}

export const retrainingConfig = registerAs('retraining', (): RetrainingConfig => loadRetrainingConfig(process.env));

export type RetrainingConfigNamespace = { retraining: RetrainingConfig };
