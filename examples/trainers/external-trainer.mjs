#!/usr/bin/env node
// Example `external` trainer: another team's worker built with libs/worker. It needs the platform's URL and
// the team's trainer key, nothing else (no Redis, no database): it claims the jobs of its queues over HTTP,
// trains each one with the example logistic regression (logistic-regression.mjs beside this file, run as a
// child process), and reports progress and the result with the job's own token.
//
// A platform admin mints the trainer key, naming the queues it may claim from:
//   POST /api/v1/identity/api-keys {"name":"risk trainer","service":"risk-training","roles":["trainer"],"trainerQueues":["risk-models"]}
// and a model's policy sends its jobs there: {"trainer":{"kind":"external","queue":"risk-models"}}.
//
// Environment:
//   MLOPS_PLATFORM_URL       the platform, e.g. https://mlops.internal.example (required)
//   MLOPS_TRAINER_KEY        the trainer key, mlp_… (required)
//   MLOPS_TRAINER_QUEUES     comma separated queues to claim from (default: every queue of the key)
//   MLOPS_WORKER_NAME        shown on the platform's jobs (default: <hostname>:<pid>)
//   MLOPS_CONCURRENCY        jobs trained at once (default 1)
//   MLOPS_POLL_INTERVAL_MS   longest pause between claims while no job waits (default 5000)
//   MLOPS_ARTIFACT_DIR       where the weights are written (default .data/artifacts/external)
//
// Run it once `npm run build` has compiled libs/worker into dist/:
//   MLOPS_PLATFORM_URL=http://localhost:3000 MLOPS_TRAINER_KEY=mlp_… node examples/trainers/external-trainer.mjs
// SIGTERM stops claiming, lets the jobs in training finish for 10 s, then hands them back to their queue
// and exits 0.
import 'reflect-metadata';

import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { NestFactory } from '@nestjs/core';

import { RetrainingFailedError, RetrainingWorkerModule } from '../../dist/libs/worker/src/index.js';

const TRAINER = join(dirname(fileURLToPath(import.meta.url)), 'logistic-regression.mjs');
/** logistic-regression.mjs exits with 2 for a job it can never train (invalid settings), 1 when training failed. */
const INVALID_JOB_EXIT_CODE = 2;
const env = process.env;

function required(name) {
  if (!env[name]) {
    process.stderr.write(`${name} is required\n`);
    process.exit(2);
  }
  return env[name];
}

/** Trains one job with the example trainer, stopping it when the signal is aborted. */
function train(payload, { reportProgress, signal }) {
  const artifactDir = resolve(env.MLOPS_ARTIFACT_DIR ?? join('.data', 'artifacts', 'external'), payload.modelName.replace(/[^A-Za-z0-9_.-]/g, '_'), payload.jobId, `attempt-${payload.attempt}`);
  return new Promise((resolveResult, reject) => {
    const child = spawn(process.execPath, [TRAINER], { stdio: ['pipe', 'pipe', 'pipe'] });
    const stop = () => child.kill('SIGTERM');
    signal.addEventListener('abort', stop, { once: true });
    let stdout = '';
    const logLines = [];
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop();
      for (const line of lines) {
        const progress = progressOf(line);
        if (progress) void reportProgress(progress.progress, progress.message);
        else if (line.trim()) logLines.push(line.trim());
      }
    });
    child.once('error', (error) => reject(new RetrainingFailedError(`could not start the trainer: ${error.message}`, { retryable: false })));
    child.once('close', (code) => {
      signal.removeEventListener('abort', stop);
      if (signal.aborted) return reject(signal.reason);
      const why = logLines.slice(-3).join(' | ') || `exit code ${code}`;
      if (code === INVALID_JOB_EXIT_CODE) return reject(new RetrainingFailedError(why, { retryable: false }));
      if (code !== 0) return reject(new Error(why));
      try {
        resolveResult(JSON.parse(stdout.trim().split('\n').at(-1)));
      } catch {
        reject(new Error('the trainer printed no result'));
      }
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(JSON.stringify({ ...payload, artifactDir }));
  });
}

function progressOf(line) {
  try {
    const parsed = JSON.parse(line);
    return typeof parsed?.progress === 'number' ? { progress: parsed.progress, message: typeof parsed.message === 'string' ? parsed.message : undefined } : null;
  } catch {
    return null;
  }
}

const app = await NestFactory.createApplicationContext(
  RetrainingWorkerModule.forRoot({
    platformUrl: required('MLOPS_PLATFORM_URL'),
    apiKey: required('MLOPS_TRAINER_KEY'),
    queues: env.MLOPS_TRAINER_QUEUES ? env.MLOPS_TRAINER_QUEUES.split(',').map((queue) => queue.trim()) : undefined,
    workerName: env.MLOPS_WORKER_NAME || undefined,
    concurrency: env.MLOPS_CONCURRENCY ? Number(env.MLOPS_CONCURRENCY) : undefined,
    pollIntervalMs: env.MLOPS_POLL_INTERVAL_MS ? Number(env.MLOPS_POLL_INTERVAL_MS) : undefined,
    handler: train,
  }),
);
// Closing the application stops the worker: active jobs finish within the grace or are handed back.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    app.close().then(
      () => process.exit(0),
      (error) => {
        process.stderr.write(`shutdown failed: ${error.message}\n`);
        process.exit(1);
      },
    );
  });
}
