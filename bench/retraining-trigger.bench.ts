/**
 * What retraining adds to recording a drift event over HTTP (POST /drift-events), in three cases:
 *   not triggered  the model's policy is disabled: a policy read and a status write on the event;
 *   attach         the model has an open job: the event joins it ($addToSet) and every event of the job is told;
 *   open           the first qualifying event of a model: the job is inserted, put on the queue and linked.
 * 'not triggered' and 'attach' alternate in rounds so both meet the same background load (a shared 2-core
 * machine); 'open' runs one model at a time, then 4 in flight. Trainers are `external`, so no worker picks
 * the jobs up. The benchmark checks at the end that each model holds exactly one job with all its events.
 */
import { Queue } from 'bullmq';
import mongoose from 'mongoose';

import { redisOptionsFromUrl } from '../src/common/queue/redis-connection.js';
import { fmt, inPool, jsonHeaders, percentile, postJson, startApi, useBenchDatabase } from './runs-bench-support.js';

const { MongoClient } = mongoose.mongo;

const PREFIX = 'bench-retraining';
const MODELS_PER_SIDE = 10;
const EVENTS_PER_SIDE = 2_000;
const ROUNDS = 4;
const IN_FLIGHT = 16;
const OPEN_MODELS = 100;

interface Phase {
  seconds: number;
  latenciesMs: number[];
}

async function timed(phase: Phase, items: number[], concurrency: number, send: (item: number) => Promise<void>): Promise<void> {
  const started = performance.now();
  await inPool(items, concurrency, async (item) => {
    const t0 = performance.now();
    await send(item);
    phase.latenciesMs.push(performance.now() - t0);
  });
  phase.seconds += (performance.now() - started) / 1000;
}

function report(label: string, phase: Phase): void {
  const sorted = [...phase.latenciesMs].sort((a, b) => a - b);
  const rate = sorted.length / phase.seconds;
  console.log(
    `${label.padEnd(26)} ${fmt(rate).padStart(6)} events/s  p50 ${fmt(percentile(sorted, 50), 1)} ms, p95 ${fmt(percentile(sorted, 95), 1)} ms, p99 ${fmt(percentile(sorted, 99), 1)} ms  (${fmt(sorted.length)} events)`,
  );
}

async function put(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: 'PUT', headers: jsonHeaders(), body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`PUT ${url} answered ${res.status}: ${await res.text()}`);
}

async function main(): Promise<void> {
  const uri = useBenchDatabase('retraining_trigger');
  process.env.QUEUE_PREFIX = PREFIX;
  process.env.RETRAINING_DEFAULT_COOLDOWN_SECONDS = '0';
  const { app, baseUrl } = await startApi();
  const client = await MongoClient.connect(uri);
  const db = client.db();
  const connection = redisOptionsFromUrl(process.env.REDIS_URL ?? 'redis://127.0.0.1:6380');
  const queues = ['retraining', 'retraining-external'].map((name) => new Queue(name, { connection, prefix: PREFIX }));
  try {
    const policy = (enabled: boolean) => ({ enabled, minSeverity: 'MEDIUM', cooldownSeconds: 0, trainer: { kind: 'external' } });
    const register = async (name: string, enabled: boolean) => {
      await postJson(`${baseUrl}/models`, { name });
      await put(`${baseUrl}/models/${name}/retraining-policy`, policy(enabled));
    };
    const off = Array.from({ length: MODELS_PER_SIDE }, (_, i) => `bench-off-${i}`);
    const on = Array.from({ length: MODELS_PER_SIDE }, (_, i) => `bench-on-${i}`);
    const fresh = Array.from({ length: OPEN_MODELS * 2 }, (_, i) => `bench-open-${i}`);
    for (const name of off) await register(name, false);
    for (const name of [...on, ...fresh]) await register(name, true);
    const drift = (modelName: string) => postJson(`${baseUrl}/drift-events`, { modelName, features: ['f1'], statistic: 'PSI', value: 0.35 });
    for (const name of on) await drift(name);
    for (let i = 0; i < 20; i++) await drift(off[i % off.length]);

    console.log(`${fmt(EVENTS_PER_SIDE)} events per side over ${MODELS_PER_SIDE} models, ${IN_FLIGHT} in flight; ${OPEN_MODELS} new jobs per open mode`);
    const notTriggered: Phase = { seconds: 0, latenciesMs: [] };
    const attach: Phase = { seconds: 0, latenciesMs: [] };
    const perRound = EVENTS_PER_SIDE / ROUNDS;
    for (let round = 0; round < ROUNDS; round++) {
      const items = Array.from({ length: perRound }, (_, i) => round * perRound + i);
      const sides: [Phase, string[]][] = round % 2 === 0 ? [[notTriggered, off], [attach, on]] : [[attach, on], [notTriggered, off]];
      for (const [phase, models] of sides) await timed(phase, items, IN_FLIGHT, async (i) => void (await drift(models[i % models.length])));
    }
    report('not triggered', notTriggered);
    report('attach to the open job', attach);

    const openOne: Phase = { seconds: 0, latenciesMs: [] };
    const openFour: Phase = { seconds: 0, latenciesMs: [] };
    await timed(openOne, [...Array(OPEN_MODELS).keys()], 1, async (i) => void (await drift(fresh[i])));
    await timed(openFour, [...Array(OPEN_MODELS).keys()], 4, async (i) => void (await drift(fresh[OPEN_MODELS + i])));
    report('open a job, 1 at a time', openOne);
    report('open a job, 4 in flight', openFour);

    const jobs = await db.collection('model_retraining_jobs').find({}, { projection: { modelName: 1, driftEventIds: 1 } }).toArray();
    const events = await db.collection('model_drift_events').aggregate([{ $match: { modelName: { $in: on } } }, { $group: { _id: '$modelName', n: { $sum: 1 } } }]).toArray();
    for (const { _id, n } of events) {
      const held = jobs.filter((job) => job.modelName === _id);
      if (held.length !== 1 || held[0].driftEventIds.length !== n) throw new Error(`model ${_id}: ${held.length} jobs holding ${held[0]?.driftEventIds.length} of ${n} events`);
    }
    console.log(`check: ${on.length} attach models hold one job each with all of their ${fmt(EVENTS_PER_SIDE + on.length)} events; ${fmt(jobs.length)} jobs in all`);
  } finally {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
    for (const queue of queues) {
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
    await app.close();
    console.log(`(database ${new URL(uri).pathname.slice(1)} dropped, queues under '${PREFIX}' obliterated)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
