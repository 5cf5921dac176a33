/**
 * Prompt usage ingestion over HTTP, the platform's hottest path: every model call in production reports
 * one execution. The real API runs in this process on a free port of 127.0.0.1 and is driven with fetch.
 *
 * - single: one execution per request (POST .../usage), sequentially and with 8 requests in flight;
 * - batch: 1,000 executions per request (POST .../usage/batch), sequentially and with 4 in flight;
 * - retry: the same batches sent again, every entry answered as already recorded;
 * - raw: the driver's insertMany of the same documents into the same collection, without HTTP, validation
 *   or checks, as the floor the HTTP figures are measured against;
 * - stats: the per-version, per-day report over everything ingested.
 *
 * Every entry carries a 153-character model output, so the toxicity and PII checks run as in production.
 * Request bodies are built before the clock starts. The benchmark uses its own database and drops it.
 * Usage is logged with the run's admin key against an approved version; the approval needs a person other
 * than the author, who signs in with an access token of a local issuer.
 */
import mongoose from 'mongoose';

import { useLocalIssuer } from './local-issuer.js';
import { jsonHeaders, startApi, useBenchDatabase } from './runs-bench-support.js';

const SINGLE_REQUESTS = 3_000;
const BATCH_SIZE = 1_000;
const BATCH_REQUESTS = 40;
const RETRY_REQUESTS = 10;
const STATS_CALLS = 10;
const OUTPUT = 'Based on the factsheet, the fund invests mainly in Korean large caps; fees are 0.45% a year. This summary is for informational purposes only, not advice.';

interface Phase {
  label: string;
  entries: number;
  seconds: number;
  latenciesMs: number[];
}

async function send(method: string, url: string, body?: string, credential?: string): Promise<unknown> {
  const res = await fetch(url, { method, headers: jsonHeaders(credential), body });
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

function entry(id: string, n: number): Record<string, unknown> {
  return {
    id,
    caller: 'robo-advisor-api',
    timestamp: new Date(Date.UTC(2026, 0, 1 + (n % 7), 9, 0, n % 60)).toISOString(),
    latencyMs: 200 + (n % 800),
    tokensIn: 400 + (n % 50),
    tokensOut: 90 + (n % 30),
    cost: 0.0021,
    outcome: n % 50 === 0 ? 'error' : 'success',
    ...(n % 50 === 0 && { errorCode: 'rate_limited' }),
    variablesHash: 'a'.repeat(64),
    output: OUTPUT,
  };
}

/** Sends every body with at most `concurrency` requests in flight, timing each and the whole. */
async function run(phase: Phase, url: string, bodies: string[], concurrency: number, check: (answer: unknown) => void): Promise<void> {
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const t0 = performance.now();
      check(await send('POST', url, body));
      phase.latenciesMs.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  phase.seconds = (performance.now() - started) / 1000;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function report(phase: Phase): void {
  const requests = phase.latenciesMs.length;
  console.log(
    `${phase.label.padEnd(26)} ${fmt(phase.entries / phase.seconds).padStart(8)} entries/s ${fmt(requests / phase.seconds, 1).padStart(8)} req/s   ` +
      `latency p50 ${fmt(percentile(phase.latenciesMs, 50), 2)} ms, p95 ${fmt(percentile(phase.latenciesMs, 95), 2)} ms  (${fmt(requests)} requests, ${fmt(phase.seconds, 2)} s)`,
  );
}

async function main(): Promise<void> {
  const uri = useBenchDatabase('prompt_usage');
  const issuer = await useLocalIssuer();
  const { app, baseUrl } = await startApi('/api/v1/prompt-governance');
  const reviewer = await issuer.token('bench-reviewer', 'Bench Reviewer', ['approver']);
  const connection = await mongoose.createConnection(uri).asPromise();
  try {
    const created = (await send(
      'POST',
      `${baseUrl}/templates`,
      JSON.stringify({
        name: `bench-usage-${Date.now()}`,
        owner: 'bench',
        declaredRiskLevel: 'LOW',
        firstVersion: { template: 'Summarise {{document}} for {{client_name}}.', variables: [{ name: 'document' }, { name: 'client_name' }], modelSettings: { model: 'm' } },
      }),
    )) as { template: { id: string } };
    const id = created.template.id;
    await send('POST', `${baseUrl}/templates/${id}/1/submit`, '{}');
    await send('POST', `${baseUrl}/templates/${id}/1/approve`, '{}', reviewer);
    const single = `${baseUrl}/templates/${id}/1/usage`;
    const batch = `${baseUrl}/templates/${id}/1/usage/batch`;
    const recorded = (answer: unknown) => {
      if ((answer as { status?: string }).status !== 'recorded') throw new Error(`unexpected answer ${JSON.stringify(answer)}`);
    };
    const allRecorded = (answer: unknown) => {
      if ((answer as { recorded: number }).recorded !== BATCH_SIZE) throw new Error(`unexpected answer ${JSON.stringify(answer).slice(0, 300)}`);
    };
    const allDuplicates = (answer: unknown) => {
      if ((answer as { duplicates: number }).duplicates !== BATCH_SIZE) throw new Error(`unexpected answer ${JSON.stringify(answer).slice(0, 300)}`);
    };

    for (let i = 0; i < 200; i++) await send('POST', single, JSON.stringify(entry(`warm-${i}`, i)));
    for (let b = 0; b < 3; b++) await send('POST', batch, JSON.stringify({ entries: Array.from({ length: BATCH_SIZE }, (_, i) => entry(`warm-b${b}-${i}`, i)) }));

    console.log(`usage entries with a ${OUTPUT.length}-character output (toxicity and PII checked); batches of ${fmt(BATCH_SIZE)}`);
    const phases: Phase[] = [];
    for (const [mode, concurrency] of [['sequential', 1], ['8 in flight', 8]] as const) {
      const bodies = Array.from({ length: SINGLE_REQUESTS }, (_, i) => JSON.stringify(entry(`single-c${concurrency}-${i}`, i)));
      const phase: Phase = { label: `single, ${mode}`, entries: SINGLE_REQUESTS, seconds: 0, latenciesMs: [] };
      await run(phase, single, bodies, concurrency, recorded);
      phases.push(phase);
      report(phase);
    }
    const batchBodies: Record<string, string[]> = {};
    for (const [mode, concurrency] of [['sequential', 1], ['4 in flight', 4]] as const) {
      batchBodies[mode] = Array.from({ length: BATCH_REQUESTS }, (_, b) => JSON.stringify({ entries: Array.from({ length: BATCH_SIZE }, (_, i) => entry(`batch-c${concurrency}-${b}-${i}`, i)) }));
      const phase: Phase = { label: `batch of 1,000, ${mode}`, entries: BATCH_REQUESTS * BATCH_SIZE, seconds: 0, latenciesMs: [] };
      await run(phase, batch, batchBodies[mode], concurrency, allRecorded);
      phases.push(phase);
      report(phase);
    }
    const rawDocs = (b: number) =>
      Array.from({ length: BATCH_SIZE }, (_, i) => {
        const e = entry(`raw-${b}-${i}`, i) as { id: string; timestamp: string };
        const { id: entryId, ...rest } = e;
        return { ...rest, entryId, templateId: new mongoose.Types.ObjectId(id), version: 1, timestamp: new Date(e.timestamp), day: e.timestamp.slice(0, 10), flags: [], flagged: false, approved: true, receivedAt: new Date() };
      });
    const rawBatches = Array.from({ length: BATCH_REQUESTS }, (_, b) => rawDocs(b));
    const raw: Phase = { label: 'raw insertMany of 1,000', entries: BATCH_REQUESTS * BATCH_SIZE, seconds: 0, latenciesMs: [] };
    const collection = connection.db!.collection('prompt_usage_logs');
    const rawStarted = performance.now();
    for (const docs of rawBatches) {
      const t0 = performance.now();
      await collection.insertMany(docs, { ordered: false });
      raw.latenciesMs.push(performance.now() - t0);
    }
    raw.seconds = (performance.now() - rawStarted) / 1000;
    report(raw);

    const retry: Phase = { label: 'batch retry, all duplicates', entries: RETRY_REQUESTS * BATCH_SIZE, seconds: 0, latenciesMs: [] };
    await run(retry, batch, batchBodies.sequential.slice(0, RETRY_REQUESTS), 1, allDuplicates);
    report(retry);

    const stored = await connection.db!.collection('prompt_usage_logs').countDocuments();
    const expected = 200 + 3 * BATCH_SIZE + 2 * SINGLE_REQUESTS + 3 * BATCH_REQUESTS * BATCH_SIZE;
    if (stored !== expected) throw new Error(`expected ${expected} entries stored, found ${stored}`);

    const statsLatencies: number[] = [];
    for (let i = 0; i < STATS_CALLS; i++) {
      const t0 = performance.now();
      await send('GET', `${baseUrl}/templates/${id}/usage/stats?from=2026-01-01&to=2026-01-31`);
      statsLatencies.push(performance.now() - t0);
    }
    console.log(`stats over ${fmt(stored)} entries (7 days, 1 version): p50 ${fmt(percentile(statsLatencies, 50), 1)} ms, p95 ${fmt(percentile(statsLatencies, 95), 1)} ms (${STATS_CALLS} calls)`);
  } finally {
    // The API first, so none of its background sweeps meets the database while it is dropped.
    await app.close();
    await issuer.close();
    await connection.dropDatabase();
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
