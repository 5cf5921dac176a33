import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';

import { freePort } from '../harness/local-services.js';
import { startPlatformProcess, type PlatformProcess } from '../harness/processes.js';
import { startSuiteServices, type SuiteServices } from '../harness/test-app.js';

const FUZZ_TIMEOUT_MS = 12 * 60_000;

/**
 * Schemathesis against the live API, built as it ships, once with an admin credential and once with a
 * viewer's: every phase (stateful included) and every check but the response-time one (scripts/fuzz.sh).
 * Every outbound allowlist is loopback and drift never triggers retraining, so fuzzed webhook URLs and
 * trainers can reach nothing; no worker runs, so nothing queued is ever sent anywhere.
 */
describe('Schemathesis against the live API', () => {
  let services: SuiteServices;
  let api: PlatformProcess;
  let url: string;
  const adminKey = `mlp_fuzz_${randomBytes(32).toString('base64url')}`;

  beforeAll(async () => {
    services = await startSuiteServices('schemathesis');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    api = startPlatformProcess('main', {
      PORT: String(port),
      LOG_LEVEL: 'error',
      BOOTSTRAP_ADMIN_KEY: adminKey,
      RETRAINING_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1,::1',
      RETRAINING_DEFAULT_ENABLED: 'false',
      // The fuzzer's own pace must not be throttled into 429s; the limits are tested in rate-limits.e2e-spec.ts.
      RATE_LIMIT_ENABLED: 'true',
      RATE_LIMIT_READS_PER_MINUTE: '1000000',
      RATE_LIMIT_WRITES_PER_MINUTE: '1000000',
      RATE_LIMIT_INGESTION_PER_MINUTE: '1000000',
    });
    await untilReady(url, api);
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await services?.stop();
  });

  it('finds no failure with an admin and with a viewer credential', async () => {
    expect(fs.existsSync('.data/venv/bin/st')).toBe(true);
    // The admin is a person of the identity provider who also holds editor and approver, so every operation is reachable.
    const admin = await services.oidc.token('root');
    const viewer = await request(url).post('/api/v1/identity/api-keys').set('Authorization', `Bearer ${adminKey}`).send({ name: 'fuzz viewer', service: 'fuzz-viewer', roles: ['viewer'] }).expect(201);
    const { code, output } = await run('bash', ['scripts/fuzz.sh'], { FUZZ_BASE_URL: url, FUZZ_ADMIN_KEY: admin, FUZZ_VIEWER_KEY: viewer.body.secret });
    if (code !== 0) throw new Error(`Schemathesis found failures (reports in .data/fuzz/):\n${output.slice(-20_000)}`);
  }, FUZZ_TIMEOUT_MS);
});

/** Polls the readiness probe: the API's own log lines are kept quiet while it is fuzzed. */
async function untilReady(url: string, api: PlatformProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (api.child.exitCode !== null) throw new Error(`the API exited during start-up:\n${api.output().slice(-3000)}`);
    const ready = await fetch(`${url}/health/ready`).then((res) => res.ok, () => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the API was not ready within 60 s:\n${api.output().slice(-3000)}`);
}

function run(command: string, args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
