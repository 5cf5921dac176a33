import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { spawn } from 'node:child_process';

import { parseRetrainingResult, type RetrainingJobPayload, type RetrainingResult } from '../../../libs/contracts/src/index.js';
import type { RetrainingJob } from '../jobs/retraining-job.js';
import type { RetrainingConfig, RetrainingConfigNamespace } from '../retraining.config.js';
import { OutputTail, parseProgressLine } from './output-tail.js';
import { TrainerSetupError, type Trainer, type TrainerHooks } from './trainer.js';

const MAX_STDOUT_BYTES = 1024 * 1024;
const KILL_GRACE_MS = 5000;
/** The platform's own secrets never reach a trainer; the job's token and the platform URL do. */
const WITHHELD_ENV = ['MONGODB_URI', 'REDIS_URL', 'BOOTSTRAP_ADMIN_KEY', 'AUDIT_CHECKPOINT_KEY'];

/**
 * Runs a configured executable: the job as JSON on stdin, the result as JSON on stdout, progress lines and
 * logs on stderr. No shell is involved. The process runs in its own process group, so a timeout or a
 * cancellation stops whatever it started too.
 */
@Injectable()
export class CommandTrainer implements Trainer {
  private readonly config: RetrainingConfig;

  constructor(config: ConfigService<RetrainingConfigNamespace, true>) {
    this.config = config.getOrThrow('retraining', { infer: true });
  }

  async run(job: RetrainingJob, payload: RetrainingJobPayload, hooks: TrainerHooks): Promise<RetrainingResult> {
    const argv = job.trainer.command ? this.config.commandTrainers[job.trainer.command] : undefined;
    if (!argv) throw new TrainerSetupError(`command trainer '${job.trainer.command}' is not configured on this worker (RETRAINING_COMMAND_TRAINERS)`);
    const stdout = await this.execute(argv, payload, job.trainer.timeoutSeconds, hooks);
    const parsed = parseRetrainingResult(parseJson(stdout));
    if (!parsed.ok) throw new Error(`the trainer's output is not a valid result: ${parsed.errors.map((e) => `${e.field || 'result'}: ${e.message}`).join('; ')}`);
    return parsed.value;
  }

  private execute(argv: string[], payload: RetrainingJobPayload, timeoutSeconds: number, hooks: TrainerHooks): Promise<string> {
    const [command, ...args] = argv;
    const env: NodeJS.ProcessEnv = { ...process.env, RETRAINING_JOB_ID: payload.jobId };
    for (const key of WITHHELD_ENV) delete env[key];
    if (payload.credentials) env.MLOPS_JOB_TOKEN = payload.credentials.token;
    if (payload.callbackBaseUrl) env.MLOPS_PLATFORM_URL = payload.callbackBaseUrl;
    return new Promise<string>((resolve, reject) => {
      const child = spawn(command === 'node' ? process.execPath : command, args, { stdio: ['pipe', 'pipe', 'pipe'], env, detached: true });
      const tail = new OutputTail((line) => {
        const progress = parseProgressLine(line);
        if (progress) hooks.onProgress(progress.progress, progress.message);
        return progress === null;
      });
      let stdout = '';
      let stopped: string | null = null;
      const stop = (why: string) => {
        if (stopped) return;
        stopped = why;
        killGroup(child.pid, 'SIGTERM');
        setTimeout(() => killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS).unref();
      };
      const timer = setTimeout(() => stop(`timed out after ${timeoutSeconds} s`), timeoutSeconds * 1000);
      const onAbort = () => stop('was stopped: the job was cancelled or the worker is shutting down');
      hooks.signal.addEventListener('abort', onAbort, { once: true });
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        if (stdout.length < MAX_STDOUT_BYTES) stdout += chunk;
        tail.push(chunk);
        hooks.onOutput(tail.snapshot());
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        tail.push(chunk);
        hooks.onOutput(tail.snapshot());
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(JSON.stringify(payload));
      child.once('error', (error) => {
        clearTimeout(timer);
        hooks.signal.removeEventListener('abort', onAbort);
        reject(new TrainerSetupError(`could not start '${argv.join(' ')}': ${error.message}`));
      });
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        hooks.signal.removeEventListener('abort', onAbort);
        tail.flush();
        hooks.onOutput(tail.snapshot());
        if (stopped) return reject(new Error(`the trainer ${stopped}`));
        if (code === 0) return resolve(stdout);
        const last = tail.snapshot().at(-1) ?? 'no output';
        reject(new Error(`the trainer exited with ${signal ? `signal ${signal}` : `code ${code}`}: ${last}`));
      });
    });
  }
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** The whole output as one JSON document, else its last non-empty line (a trainer that also logs to stdout). */
function parseJson(stdout: string): unknown {
  const text = stdout.trim();
  try {
    return JSON.parse(text);
  } catch {
    const last = text.split(/\r?\n/).filter((line) => line.trim() !== '').at(-1) ?? '';
    try {
      return JSON.parse(last);
    } catch {
      return text === '' ? 'nothing on stdout' : `not JSON: ${text.slice(0, 200)}`;
    }
  }
}
