/**
 * Metric ingestion: 100,000 points logged over HTTP in batches of 1,000 (the API's hot path), against the
 * raw driver's insertMany of the same points into the same collection of the same database.
 *
 * Each mode (batches sent one at a time, then 4 in flight) runs in 10 rounds of 10,000 points; a round
 * sends its batches over HTTP and through the raw driver, alternating which goes first. Both sides so
 * meet the same collection size and the same background load, which matters on a shared 2-core machine.
 * Request bodies and raw documents are prepared before the clock starts, so the HTTP figure is what the
 * server spends (parse, validate, status check, bulk insert, latest-value update) and the raw figure is
 * the insert alone.
 */
import mongoose from 'mongoose';

import { fmt, inPool, percentile, postJson, startApi, useBenchDatabase } from './runs-bench-support.js';

const { MongoClient, ObjectId } = mongoose.mongo;

const TOTAL_POINTS = 100_000;
const BATCH_SIZE = 1_000;
const BATCHES = TOTAL_POINTS / BATCH_SIZE;
const ROUNDS = 10;
const KEYS = ['loss', 'val_loss', 'accuracy', 'sharpe', 'pnl'];
const MODES = [
  ['sequential', 1],
  ['4 in flight', 4],
] as const;

interface Phase {
  seconds: number;
  latenciesMs: number[];
}

function batchPoints(batch: number, base: number): { key: string; value: number; step: number; timestamp: number }[] {
  return Array.from({ length: BATCH_SIZE }, (_, i) => {
    const n = batch * BATCH_SIZE + i;
    return { key: KEYS[n % KEYS.length], value: Math.sin(n) * 10, step: Math.floor(n / KEYS.length), timestamp: base + n };
  });
}

async function timed(phase: Phase, batches: number[], concurrency: number, send: (batch: number) => Promise<void>): Promise<void> {
  const started = performance.now();
  await inPool(batches, concurrency, async (batch) => {
    const t0 = performance.now();
    await send(batch);
    phase.latenciesMs.push(performance.now() - t0);
  });
  phase.seconds += (performance.now() - started) / 1000;
}

function report(label: string, phase: Phase): void {
  const sorted = [...phase.latenciesMs].sort((a, b) => a - b);
  const rate = TOTAL_POINTS / phase.seconds;
  const batch = `per batch p50 ${fmt(percentile(sorted, 50), 1)} ms, p95 ${fmt(percentile(sorted, 95), 1)} ms`;
  console.log(`${label.padEnd(22)} ${fmt(rate).padStart(9)} points/s  (${fmt(phase.seconds, 2)} s; ${batch})`);
}

async function main(): Promise<void> {
  const uri = useBenchDatabase('metrics_ingestion');
  const { app, baseUrl } = await startApi();
  const client = await MongoClient.connect(uri);
  const db = client.db();
  const collection = db.collection('model_run_metrics');
  try {
    const experiment = await postJson<{ id: string }>(`${baseUrl}/experiments`, { name: `bench-ingestion-${Date.now()}` });
    const newRun = async () => (await postJson<{ id: string }>(`${baseUrl}/runs`, { experimentId: experiment.id })).id;
    const base = Date.UTC(2026, 0, 1);
    const bodies = Array.from({ length: BATCHES }, (_, b) => JSON.stringify({ points: batchPoints(b, base) }));

    const warmRun = await newRun();
    for (let b = 0; b < 10; b++) await postJson(`${baseUrl}/runs/${warmRun}/metrics`, bodies[b]);

    console.log(`${fmt(TOTAL_POINTS)} points per side in batches of ${fmt(BATCH_SIZE)}; ${KEYS.length} keys; collection model_run_metrics with its index`);
    for (const [mode, concurrency] of MODES) {
      await collection.deleteMany({});
      const runId = await newRun();
      const rawRunId = new ObjectId();
      const rawDocs = (b: number) => batchPoints(b, base).map((p) => ({ runId: rawRunId, key: p.key, value: p.value, step: p.step, timestamp: new Date(p.timestamp) }));
      const http: Phase = { seconds: 0, latenciesMs: [] };
      const raw: Phase = { seconds: 0, latenciesMs: [] };
      const perRound = BATCHES / ROUNDS;
      for (let round = 0; round < ROUNDS; round++) {
        const batches = Array.from({ length: perRound }, (_, i) => round * perRound + i);
        const docs = new Map(batches.map((b) => [b, rawDocs(b)]));
        const sendHttp = () => timed(http, batches, concurrency, (b) => postJson(`${baseUrl}/runs/${runId}/metrics`, bodies[b]));
        const sendRaw = () => timed(raw, batches, concurrency, async (b) => void (await collection.insertMany(docs.get(b)!, { ordered: false })));
        if (round % 2 === 0) await sendHttp().then(sendRaw);
        else await sendRaw().then(sendHttp);
      }
      const stored = await collection.countDocuments({ runId: new ObjectId(runId) });
      if (stored !== TOTAL_POINTS) throw new Error(`expected ${TOTAL_POINTS} points stored over HTTP, found ${stored}`);
      report(`http ${mode}`, http);
      report(`raw ${mode}`, raw);
      console.log(`ratio http/raw, ${mode}: ${fmt(raw.seconds / http.seconds, 2)} (target >= 0.60)`);
    }
  } finally {
    await db.dropDatabase();
    await client.close();
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
