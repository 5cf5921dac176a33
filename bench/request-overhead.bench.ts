/**
 * What authentication and rate limiting add to every request. Two copies of the API run in this process on
 * the same database and Redis, one with the rate limiter on (as `npm run bench` configures it) and one with
 * RATE_LIMIT_ENABLED=false. Requests go one at a time, so the differences are per-request costs:
 *
 *   public route      GET /health/live without a credential: neither the access guard nor the limiter works
 *                     (sent to both copies, which shows that they answer alike);
 *   API key           GET /api/v1/identity/me with the run's admin key, limiter off: + authentication;
 *   API key, limited  the same request to the copy with the limiter on: + rate limiting.
 *
 * The kinds take turns in rounds, in a rotating order, so they share the same background load. Then the two
 * parts are timed alone, in-process and without HTTP: the key's lookup (a SHA-256 of the secret and one
 * query on the unique secretHash index) and the limiter's one Redis script call, next to a bare PING.
 */
import { Redis } from 'ioredis';
import mongoose from 'mongoose';

import { RedisThrottlerStorage } from '../src/common/http/rate-limit/redis-throttler.storage.js';
import { redisOptionsFromUrl } from '../src/common/queue/redis-connection.js';
import { ApiKeysService } from '../src/identity/api-keys/api-keys.service.js';
import { adminKey, authorization, fmt, percentile, startApi, useBenchDatabase } from './runs-bench-support.js';

const ROUNDS = 10;
const REQUESTS_PER_ROUND = 500;
const WARM_UP = 300;
const DIRECT_CALLS_PER_ROUND = 1_000;
const LIMITER_PREFIX = 'bench-request-overhead:rate-limit:';

interface Kind {
  label: string;
  url: string;
  headers: Record<string, string>;
  /** Whether the answer must carry the limiter's headers: proof of which copy answered. */
  limited: boolean;
  ms: number[];
}

async function send(kind: Kind): Promise<void> {
  const res = await fetch(kind.url, { headers: kind.headers });
  if (!res.ok) throw new Error(`GET ${kind.url} answered ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
  if (res.headers.has('x-ratelimit-limit') !== kind.limited) throw new Error(`${kind.label}: the answer ${kind.limited ? 'lacks' : 'carries'} X-RateLimit-Limit`);
}

async function timeEach(count: number, ms: number[], task: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await task();
    ms.push(performance.now() - t0);
  }
}

const median = (ms: readonly number[]): number => percentile([...ms].sort((a, b) => a - b), 50);
const mean = (ms: readonly number[]): number => ms.reduce((sum, x) => sum + x, 0) / ms.length;

function report(label: string, ms: readonly number[]): void {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => `${fmt(percentile(sorted, p), 3)} ms`;
  console.log(`${label.padEnd(44)} p50 ${at(50)}, mean ${fmt(mean(ms), 3)} ms, p95 ${at(95)}  (${fmt(ms.length)})`);
}

function difference(label: string, from: readonly number[], to: readonly number[]): void {
  console.log(`${label.padEnd(44)} +${fmt(median(to) - median(from), 3)} ms at p50, +${fmt(mean(to) - mean(from), 3)} ms in the mean`);
}

async function main(): Promise<void> {
  const uri = useBenchDatabase('request_overhead');
  if (process.env.RATE_LIMIT_ENABLED === 'false') throw new Error('run with the rate limiter on (`npm run bench` turns it on)');
  const limited = await startApi('');
  process.env.RATE_LIMIT_ENABLED = 'false';
  const unlimited = await startApi('');
  const redis = new Redis(redisOptionsFromUrl(process.env.REDIS_URL ?? 'redis://127.0.0.1:6380'));
  const storage = new RedisThrottlerStorage(redis, LIMITER_PREFIX);
  try {
    const key = authorization();
    const kinds: Kind[] = [
      { label: 'public route, limiter on copy', url: `${limited.baseUrl}/health/live`, headers: {}, limited: false, ms: [] },
      { label: 'public route, limiter off copy', url: `${unlimited.baseUrl}/health/live`, headers: {}, limited: false, ms: [] },
      { label: 'API key, limiter off', url: `${unlimited.baseUrl}/api/v1/identity/me`, headers: key, limited: false, ms: [] },
      { label: 'API key, limiter on', url: `${limited.baseUrl}/api/v1/identity/me`, headers: key, limited: true, ms: [] },
    ];
    for (const kind of kinds) await timeEach(WARM_UP, [], () => send(kind));

    console.log(`${ROUNDS} rounds of ${REQUESTS_PER_ROUND} requests of each kind, one at a time, in a rotating order`);
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < kinds.length; k++) {
        const kind = kinds[(round + k) % kinds.length];
        await timeEach(REQUESTS_PER_ROUND, kind.ms, () => send(kind));
      }
    }
    for (const kind of kinds) report(kind.label, kind.ms);
    const [publicOn, publicOff, keyOff, keyOn] = kinds.map((kind) => kind.ms);
    difference('authentication (API key - public, same copy)', publicOff, keyOff);
    difference('rate limiting (limiter on - off)', keyOff, keyOn);
    difference('both (API key, limiter on - public)', publicOn, keyOn);

    const keys = limited.app.get(ApiKeysService);
    const secret = adminKey();
    const lookup: number[] = [];
    const increment: number[] = [];
    const ping: number[] = [];
    const tracker = `bench:${Date.now()}`;
    for (let round = 0; round < ROUNDS; round++) {
      await timeEach(DIRECT_CALLS_PER_ROUND, lookup, async () => {
        if (!(await keys.resolve(secret))) throw new Error('the admin key did not resolve');
      });
      await timeEach(DIRECT_CALLS_PER_ROUND, increment, () => storage.increment(tracker, 60_000, 1_000_000, 0, 'default'));
      await timeEach(DIRECT_CALLS_PER_ROUND, ping, () => redis.ping());
    }
    console.log(`the parts alone, in-process (${fmt(ROUNDS * DIRECT_CALLS_PER_ROUND)} calls each)`);
    report('API key lookup (ApiKeysService.resolve)', lookup);
    report('limiter script call (storage.increment)', increment);
    report('Redis PING, for scale', ping);
    await redis.del(`${LIMITER_PREFIX}{${tracker}}`, `${LIMITER_PREFIX}{${tracker}}:default`);
  } finally {
    redis.disconnect();
    await unlimited.app.close();
    await limited.app.close();
    const connection = await mongoose.createConnection(uri).asPromise();
    await connection.dropDatabase();
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
