import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** Points MONGODB_URI at a database of the benchmark's own, before any configuration is read. */
export function useBenchDatabase(name: string): string {
  const base = process.env.MONGODB_URI;
  if (!base) throw new Error('MONGODB_URI is not set: run benchmarks with `npm run bench`');
  const url = new URL(base);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') throw new Error(`benchmarks only talk to 127.0.0.1, not ${url.hostname}`);
  url.pathname = `/bench_${name}`;
  process.env.MONGODB_URI = url.toString();
  return url.toString();
}

/**
 * The admin API key that `npm run bench` makes for the run (BOOTSTRAP_ADMIN_KEY). Each benchmark's database
 * is new, so the API makes the key's record when it starts; every request then authenticates with it.
 */
export function adminKey(): string {
  const key = process.env.BOOTSTRAP_ADMIN_KEY;
  if (!key) throw new Error('BOOTSTRAP_ADMIN_KEY is not set: run benchmarks with `npm run bench`');
  return key;
}

/** The Authorization header of a request made as `credential` (the run's admin key unless another is given). */
export function authorization(credential = adminKey()): Record<string, string> {
  return { authorization: `Bearer ${credential}` };
}

export function jsonHeaders(credential?: string): Record<string, string> {
  return { 'content-type': 'application/json', ...authorization(credential) };
}

/** Boots the real API in this process on a free port, configured exactly as main.ts does. */
export async function startApi(path = '/api/v1/ml/lifecycle'): Promise<{ app: NestExpressApplication; baseUrl: string }> {
  const { AppModule } = await import('../src/app.module.js');
  const { configureApp } = await import('../src/common/http/configure-app.js');
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, logger: ['error', 'warn'] });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, baseUrl: `http://127.0.0.1:${address.port}${path}` };
}

export async function postJson<T>(url: string, body: unknown, credential?: string): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: jsonHeaders(credential), body: typeof body === 'string' ? body : JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs `task` for each item with at most `concurrency` in flight. */
export async function inPool<T>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
