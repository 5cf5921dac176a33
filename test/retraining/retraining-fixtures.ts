import { expect } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type TestAgent from 'supertest/lib/agent.js';

import { spawnTied } from '../harness/local-services.js';
import { startPlatformProcess, type PlatformProcess } from '../harness/processes.js';
import type { TestApp } from '../harness/test-app.js';

export const LIFECYCLE = '/api/v1/ml/lifecycle';
export const JOBS = `${LIFECYCLE}/retraining-jobs`;
export const API_KEYS = '/api/v1/identity/api-keys';
export const AUDIT = '/api/v1/audit';

/** The persona that sets retraining policies (admin and editor), and how the platform names it. */
export const POLICY_ADMIN = 'quant-ops';
export const QUANT_OPS = { id: 'user:quant-ops', name: 'Quant Ops' };
/** `t.http` acts as this editor. */
export const TESTER = { id: 'user:tester', name: 'Test Editor' };

/** Settings of the example trainer that make it train for a few seconds (100 epochs, 50 ms apart). */
export const SLOW_TRAINING = { epochs: 100, sleepMs: 50 };

export interface ActorBody {
  id: string;
  name: string;
}

export interface RetrainingJobBody {
  id: string;
  modelName: string;
  state: string;
  attempts: number;
  driftEventIds: string[];
  runId: string | null;
  modelVersion: number | null;
  evaluationRunIds: string[] | null;
  outputTail: string[];
  lastError: string | null;
  failureReason: string | null;
  progress: number;
  round: number;
  workerId: string | null;
  claimedBy: ActorBody | null;
  resultReportedBy: ActorBody | null;
  trigger: { kind: string; reason: string; requestedBy: ActorBody | null };
  result: { metrics: Record<string, number>; artifactUri: string } | null;
  events: { at: string; state: string; message: string }[];
  updatedAt: string;
}

export interface PayloadBody {
  jobId: string;
  attempt: number;
  completion: Record<'claim' | 'progress' | 'complete' | 'fail' | 'release', string>;
  credentials: { token: string; expiresAt: string } | null;
  trainer: { kind: string; settings: Record<string, unknown> };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export async function registerModel(http: TestAgent, name: string): Promise<void> {
  await http.post(`${LIFECYCLE}/models`).send({ name }).expect(201);
}

/** Replaces the model's policy as an admin (only admins set policies). */
export async function putPolicy(t: TestApp, model: string, policy: Record<string, unknown>): Promise<void> {
  await t.http
    .put(`${LIFECYCLE}/models/${encodeURIComponent(model)}/retraining-policy`)
    .set(t.as(POLICY_ADMIN))
    .send({ enabled: true, minSeverity: 'HIGH', cooldownSeconds: 0, trainer: { kind: 'command', command: 'logistic-regression' }, ...policy })
    .expect(200);
}

/** Mints a trainer key for a service through the API, as an admin; answers the key itself. */
export async function mintTrainerKey(t: TestApp, service: string, trainerQueues: string[]): Promise<string> {
  const minted = await t.http.post(API_KEYS).set(t.as(POLICY_ADMIN)).send({ name: `${service} trainer`, service, roles: ['trainer'], trainerQueues }).expect(201);
  return minted.body.secret;
}

/** Claims the next waiting job of the key's queues (200), failing the test when none waits. */
export async function claimNext(t: TestApp, trainerKey: string, worker: string, queues?: string[]): Promise<PayloadBody> {
  const res = await t.http.post(`${JOBS}/claim-next`).set(bearer(trainerKey)).send(queues ? { worker, queues } : { worker });
  expect(res.status).toBe(200);
  return res.body;
}

/** A PSI of 0.25 is HIGH under the default bands (0.1, 0.2, 0.3). */
export async function recordDrift(http: TestAgent, modelName: string, value = 0.25): Promise<{ id: string; retraining: { jobId: string | null; state: string; detail: string | null } | null }> {
  const res = await http.post(`${LIFECYCLE}/drift-events`).send({ modelName, features: ['volume_zscore'], statistic: 'PSI', value }).expect(201);
  return res.body;
}

export async function getJob(http: TestAgent, id: string): Promise<RetrainingJobBody> {
  return (await http.get(`${JOBS}/${id}`).expect(200)).body;
}

/** Polls the job until the predicate holds; fails with the job's last state when it does not in time. */
export async function waitForJob(http: TestAgent, id: string, predicate: (job: RetrainingJobBody) => boolean, timeoutMs = 60_000): Promise<RetrainingJobBody> {
  const deadline = Date.now() + timeoutMs;
  let job = await getJob(http, id);
  while (!predicate(job)) {
    if (Date.now() > deadline) throw new Error(`job ${id} did not reach the expected state in ${timeoutMs} ms; it is ${JSON.stringify(job, null, 2)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    job = await getJob(http, id);
  }
  return job;
}

export const isState = (...states: string[]) => (job: RetrainingJobBody) => states.includes(job.state);

/** A worker as a separate process (`node dist/src/worker.js`) on the suite's services. */
export async function startWorker(env: Record<string, string> = {}): Promise<PlatformProcess> {
  const worker = startPlatformProcess('worker', { LOG_LEVEL: 'log', ...env });
  await worker.waitFor(/consuming 'retraining'/);
  return worker;
}

export interface TrainerProcess {
  child: ChildProcess;
  output(): string;
  stop(): Promise<number | string>;
}

/**
 * examples/trainers/external-trainer.mjs as another team would run it: a process whose environment holds
 * the platform's URL, its trainer key and its own settings, and nothing of the platform's (no Redis, no
 * database). Resolves once it is claiming.
 */
export async function startExternalTrainer(env: Record<string, string>): Promise<TrainerProcess> {
  const child = spawnTied(process.execPath, [path.join(process.cwd(), 'examples', 'trainers', 'external-trainer.mjs')], {
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const deadline = Date.now() + 30_000;
  while (!/Retraining consumer .* claiming from/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the external trainer did not start; output:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Entries of the platform audit matching the query (newest first). */
export async function auditEntries(http: TestAgent, query: Record<string, string>): Promise<{ action: string; actor: ActorBody; outcome: string; resource: { type: string; id: string }; comment: string | null; before: unknown; after: unknown }[]> {
  return (await http.get(AUDIT).query({ limit: '200', ...query }).expect(200)).body.items;
}

export function expectProblem(body: { status: number; detail: string }, status: number, detail: RegExp): void {
  expect(body.status).toBe(status);
  expect(body.detail).toMatch(detail);
}
