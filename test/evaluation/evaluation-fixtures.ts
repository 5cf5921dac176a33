import type TestAgent from 'supertest/lib/agent.js';

export const EVALUATION = '/api/v1/ml/evaluation';
export const AUDIT = '/api/v1/audit';

/** How the platform names the personas these suites act as (test/harness/oidc.ts). */
export const TESTER = { id: 'user:tester', name: 'Test Editor' };
export const ALICE = { id: 'user:alice', name: 'Alice Kim' };
export const BOB = { id: 'user:bob', name: 'Bob Novak' };
export const QUANT_ALICE = { id: 'user:quant.alice', name: 'Alice Quant' };
export const QUANT_BOB = { id: 'user:quant.bob', name: 'Bob Quant' };

export interface Point {
  date: string;
  value: number | null;
}

/** Business days (Monday to Friday) from a start date. */
export function businessDays(start: string, count: number): string[] {
  const dates: string[] = [];
  const day = new Date(`${start}T00:00:00Z`);
  while (dates.length < count) {
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) dates.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return dates;
}

/** Deterministic normal draws (mulberry32 + Box–Muller), so every suite sees the same series. */
export function normals(seed: number, count: number): number[] {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()));
}

/** Daily returns: a common market factor plus the strategy's own noise and drift. */
export function returns(dates: string[], options: { seed: number; drift: number; vol: number; market?: number[]; beta?: number }): Point[] {
  const own = normals(options.seed, dates.length);
  return dates.map((date, i) => ({ date, value: options.drift + (options.beta ?? 0) * (options.market?.[i] ?? 0) + options.vol * own[i] }));
}

/** Polls a run until the worker has finished with it (bounded: fails the test rather than hang). */
export async function waitForRun(http: TestAgent, id: string, timeoutMs = 30_000): Promise<Record<string, any>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await http.get(`${EVALUATION}/runs/${id}`).expect(200);
    if (res.body.status === 'COMPLETED' || res.body.status === 'FAILED') return res.body;
    if (Date.now() > deadline) throw new Error(`Run ${id} still ${res.body.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls until a condition on the run holds (for verdicts that change after artifacts are attached). */
export async function waitFor<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`Condition not met after ${timeoutMs} ms: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
