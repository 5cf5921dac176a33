import { expect } from '@jest/globals';
import type TestAgent from 'supertest/lib/agent.js';

import { startPlatformProcess, type PlatformProcess } from '../harness/processes.js';

export const LIFECYCLE = '/api/v1/ml/lifecycle';
export const JOBS = `${LIFECYCLE}/retraining-jobs`;
export const ACTOR = { 'X-Actor': 'quant-ops' };

/** Settings of the example trainer that make it train for a few seconds (100 epochs, 50 ms apart). */
export const SLOW_TRAINING = { epochs: 100, sleepMs: 50 };

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
  result: { metrics: Record<string, number>; artifactUri: string } | null;
  events: { at: string; state: string; message: string }[];
}

export async function registerModel(http: TestAgent, name: string): Promise<void> {
  await http.post(`${LIFECYCLE}/models`).send({ name }).expect(201);
}

export async function putPolicy(http: TestAgent, model: string, policy: Record<string, unknown>): Promise<void> {
  await http
    .put(`${LIFECYCLE}/models/${encodeURIComponent(model)}/retraining-policy`)
    .set(ACTOR)
    .send({ enabled: true, minSeverity: 'HIGH', cooldownSeconds: 0, trainer: { kind: 'command', command: 'logistic-regression' }, ...policy })
    .expect(200);
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

export function expectProblem(body: { status: number; detail: string }, status: number, detail: RegExp): void {
  expect(body.status).toBe(status);
  expect(body.detail).toMatch(detail);
}
