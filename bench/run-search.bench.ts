/**
 * Run search: 10,000 runs in one experiment, each with 4 latest metrics, 2 params and 1 tag; then 200
 * searches over HTTP with a metric filter, a param filter and a metric ordering (first page of 50), and
 * 200 with the same filter ordered by start time, one request at a time.
 * The runs are created through the services (not HTTP) to keep the setup short; only searches are timed.
 */
import { authorization, fmt, inPool, percentile, postJson, startApi, useBenchDatabase } from './runs-bench-support.js';
import { RunMetricsService } from '../src/lifecycle/runs/metrics/run-metrics.service.js';
import { RunsService } from '../src/lifecycle/runs/runs.service.js';

const RUNS = 10_000;
const SEARCHES = 200;
const WARM_UP = 20;
const LRS = ['0.001', '0.01', '0.1'];
const TEAMS = ['alpha', 'beta', 'gamma', 'delta'];

/** A deterministic pseudo-random sequence, so that every run of the benchmark searches the same data. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

async function main(): Promise<void> {
  useBenchDatabase('run_search');
  const { app, baseUrl } = await startApi();
  try {
    const experiment = await postJson<{ id: string }>(`${baseUrl}/experiments`, { name: `bench-search-${Date.now()}` });
    const runs = app.get(RunsService);
    const metrics = app.get(RunMetricsService);
    const next = random(42);
    const setupStarted = performance.now();
    await inPool(
      Array.from({ length: RUNS }, (_, i) => i),
      8,
      async (i) => {
        const run = await runs.create({
          experimentId: experiment.id,
          name: `run-${i}`,
          startTime: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
          artifactUri: null,
          params: { lr: LRS[i % LRS.length], lookback: String(5 + (i % 60)) },
          tags: { team: TEAMS[i % TEAMS.length] },
        });
        const timestamp = new Date();
        await metrics.log(run.id, [
          { key: 'sharpe', value: i % 97 === 0 ? Number.NaN : next() * 3 - 0.5, step: 100, timestamp },
          { key: 'max_drawdown', value: -next() * 0.4, step: 100, timestamp },
          { key: 'loss', value: next(), step: 100, timestamp },
          { key: 'hit_rate', value: 0.4 + next() * 0.2, step: 100, timestamp },
        ]);
      },
    );
    console.log(`setup: ${fmt(RUNS)} runs with metrics in ${fmt((performance.now() - setupStarted) / 1000, 1)} s`);

    const filter = encodeURIComponent('metrics.sharpe > 1.2 and params.lr = "0.01"');
    const queries = {
      'metric filter, orderBy metrics.sharpe DESC': `${baseUrl}/runs?experimentIds=${experiment.id}&filter=${filter}&orderBy=${encodeURIComponent('metrics.sharpe DESC')}&limit=50`,
      'metric filter, orderBy startTime DESC': `${baseUrl}/runs?experimentIds=${experiment.id}&filter=${filter}&orderBy=${encodeURIComponent('startTime DESC')}&limit=50`,
    };
    for (const [label, url] of Object.entries(queries)) {
      const get = async () => {
        const res = await fetch(url, { headers: authorization() });
        if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${await res.text()}`);
        return (await res.json()) as { items: unknown[] };
      };
      for (let i = 0; i < WARM_UP; i++) await get();
      const latencies: number[] = [];
      let items = 0;
      for (let i = 0; i < SEARCHES; i++) {
        const t0 = performance.now();
        items = (await get()).items.length;
        latencies.push(performance.now() - t0);
      }
      latencies.sort((a, b) => a - b);
      const p = (q: number) => `${fmt(percentile(latencies, q), 1)} ms`;
      console.log(`${label}: ${SEARCHES} searches over ${fmt(RUNS)} runs, ${items} runs per page: p50 ${p(50)}, p95 ${p(95)}, max ${p(100)}`);
    }
  } finally {
    await app.get((await import('@nestjs/mongoose')).getConnectionToken()).dropDatabase();
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
