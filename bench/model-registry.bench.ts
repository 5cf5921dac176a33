/**
 * Model registry over HTTP: how fast versions are numbered under concurrency, what a promotion costs (the
 * pointer commit plus settling), how contended promotions end, and the latency of a 20-version comparison.
 * Every figure is checked for correctness before it is printed: contiguous version numbers, exactly one
 * PRODUCTION version per model after each contended round.
 *
 * Versions are created and moved with the run's admin key; moves into PRODUCTION need the approver role,
 * which only people hold, so they are made by a person with an access token of a local issuer (and that
 * person created none of the versions, as four eyes requires).
 */
import mongoose from 'mongoose';

import { useLocalIssuer } from './local-issuer.js';
import { fmt, inPool, jsonHeaders, percentile, startApi, useBenchDatabase } from './runs-bench-support.js';

const VERSIONS_PER_MODE = 1_000;
const CREATE_MODES = [1, 8, 32];
const SEQUENTIAL_PROMOTIONS = 200;
const CONTENDED_ROUNDS = 40;
const CONTENDERS = 5;
const COMPARED_VERSIONS = 20;
const COMPARED_METRICS = 50;
const COMPARISONS = 500;

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function call(method: string, url: string, body?: unknown, credential?: string): Promise<Answer> {
  const res = await fetch(url, {
    method,
    headers: jsonHeaders(credential),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function ok(method: string, url: string, body?: unknown, credential?: string): Promise<Record<string, unknown>> {
  const answer = await call(method, url, body, credential);
  if (answer.status >= 300) throw new Error(`${method} ${url} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

function latencies(label: string, sortedMs: number[], count: number, seconds: number, unit: string): void {
  const rate = `${fmt(count / seconds).padStart(7)} ${unit}/s`;
  console.log(`${label.padEnd(40)} ${rate}  p50 ${fmt(percentile(sortedMs, 50), 1)} ms, p95 ${fmt(percentile(sortedMs, 95), 1)} ms, max ${fmt(sortedMs.at(-1)!, 1)} ms`);
}

async function measure<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<void>): Promise<{ seconds: number; sortedMs: number[] }> {
  const ms: number[] = [];
  const started = performance.now();
  await inPool(items, concurrency, async (item) => {
    const t0 = performance.now();
    await task(item);
    ms.push(performance.now() - t0);
  });
  return { seconds: (performance.now() - started) / 1000, sortedMs: ms.sort((a, b) => a - b) };
}

async function main(): Promise<void> {
  const uri = useBenchDatabase('model_registry');
  const issuer = await useLocalIssuer();
  const { app, baseUrl } = await startApi();
  const approver = await issuer.token('bench-approver', 'Bench Approver', ['approver']);
  const models = `${baseUrl}/models`;
  const version = { artifactUri: 's3://bench/model', metrics: { sharpe: 1, max_drawdown: 0.2 } };
  try {
    console.log('version creation (one model, numbers checked contiguous)');
    for (const inFlight of CREATE_MODES) {
      const name = `create-${inFlight}`;
      await ok('POST', models, { name });
      const numbers: number[] = [];
      const { seconds, sortedMs } = await measure(Array.from({ length: VERSIONS_PER_MODE }), inFlight, async () => {
        numbers.push((await ok('POST', `${models}/${name}/versions`, version)).version as number);
      });
      numbers.sort((a, b) => a - b);
      if (numbers.some((n, i) => n !== i + 1)) throw new Error(`${name}: version numbers are not 1..${VERSIONS_PER_MODE}`);
      latencies(`  ${inFlight} in flight`, sortedMs, VERSIONS_PER_MODE, seconds, 'versions');
    }

    console.log('promotion (STAGING -> PRODUCTION, archiving the previous one)');
    await ok('POST', models, { name: 'promote' });
    for (let v = 1; v <= SEQUENTIAL_PROMOTIONS; v++) {
      await ok('POST', `${models}/promote/versions`, version);
      await ok('POST', `${models}/promote/versions/${v}/stage`, { stage: 'STAGING' });
    }
    const promoted = await measure(
      Array.from({ length: SEQUENTIAL_PROMOTIONS }, (_, i) => i + 1),
      1,
      async (v) => void (await ok('POST', `${models}/promote/versions/${v}/stage`, { stage: 'PRODUCTION' }, approver)),
    );
    latencies('  sequential', promoted.sortedMs, SEQUENTIAL_PROMOTIONS, promoted.seconds, 'promotions');
    const simple = await measure(Array.from({ length: SEQUENTIAL_PROMOTIONS - 1 }, (_, i) => i + 1), 1, async (v) => {
      await ok('POST', `${models}/promote/versions/${v}/stage`, { stage: 'STAGING' });
    });
    latencies('  plain transition (ARCHIVED -> STAGING)', simple.sortedMs, SEQUENTIAL_PROMOTIONS - 1, simple.seconds, 'transitions');

    console.log(`contended promotion (${CONTENDED_ROUNDS} rounds of ${CONTENDERS} versions promoted at once)`);
    await ok('POST', models, { name: 'contended' });
    let next = 1;
    let winners = 0;
    let conflicts = 0;
    const roundMs: number[] = [];
    for (let round = 0; round < CONTENDED_ROUNDS; round++) {
      const batch = Array.from({ length: CONTENDERS }, () => next++);
      for (const v of batch) {
        await ok('POST', `${models}/contended/versions`, version);
        await ok('POST', `${models}/contended/versions/${v}/stage`, { stage: 'STAGING' });
      }
      const t0 = performance.now();
      const answers = await Promise.all(batch.map((v) => call('POST', `${models}/contended/versions/${v}/stage`, { stage: 'PRODUCTION' }, approver)));
      roundMs.push(performance.now() - t0);
      winners += answers.filter((a) => a.status === 200).length;
      conflicts += answers.filter((a) => a.status === 409).length;
      if (winners + conflicts !== (round + 1) * CONTENDERS) throw new Error(`unexpected answer: ${JSON.stringify(answers.map((a) => a.status))}`);
      const inProduction = (await ok('GET', `${models}/contended/versions?stage=PRODUCTION`)).items as unknown[];
      if (inProduction.length !== 1) throw new Error(`round ${round}: ${inProduction.length} versions in PRODUCTION`);
    }
    roundMs.sort((a, b) => a - b);
    console.log(
      `  ${fmt(winners)} promotions applied, ${fmt(conflicts)} refused with 409; exactly one PRODUCTION after every round; ` +
        `round p50 ${fmt(percentile(roundMs, 50), 1)} ms, p95 ${fmt(percentile(roundMs, 95), 1)} ms`,
    );

    console.log(`comparison (${COMPARED_VERSIONS} versions x ${COMPARED_METRICS} metrics)`);
    await ok('POST', models, { name: 'compare' });
    for (let v = 1; v <= COMPARED_VERSIONS; v++) {
      const metrics = Object.fromEntries(Array.from({ length: COMPARED_METRICS }, (_, m) => [m % 5 === 0 ? `m${m}_loss` : `m${m}`, Math.sin(v * 31 + m)]));
      await ok('POST', `${models}/compare/versions`, { artifactUri: 's3://bench/compare', metrics });
    }
    const query = `${models}/compare/compare?versions=${Array.from({ length: COMPARED_VERSIONS }, (_, i) => i + 1).join(',')}&baseline=1`;
    await ok('GET', query);
    const compared = await measure(Array.from({ length: COMPARISONS }), 4, async () => void (await ok('GET', query)));
    latencies('  4 in flight', compared.sortedMs, COMPARISONS, compared.seconds, 'comparisons');
  } finally {
    const connection = await mongoose.createConnection(uri).asPromise();
    await connection.dropDatabase();
    await connection.close();
    await app.close();
    await issuer.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
