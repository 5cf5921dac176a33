import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';

import type { INestApplicationContext } from '@nestjs/common';

import { AppModule } from '../../src/app.module.js';
import { WorkerModule } from '../../src/worker.module.js';
import { configureApp } from '../../src/common/http/configure-app.js';
import { startMongo, startRedis, type MongoHandle, type RedisHandle } from './local-services.js';

export interface SuiteServices {
  mongo: MongoHandle;
  redis: RedisHandle;
  /** The suite's database on its own in-memory server. */
  mongodbUri: string;
  stop(): Promise<void>;
}

export interface TestApp {
  app: NestExpressApplication;
  http: TestAgent;
  services: SuiteServices;
  close(): Promise<void>;
}

/**
 * Starts the suite's own in-memory MongoDB-compatible server and Redis (each on a free port) and points
 * the platform's configuration at them, so suites never see each other's data.
 */
export async function startSuiteServices(suite: string, env: Record<string, string> = {}): Promise<SuiteServices> {
  const [mongo, redis] = await Promise.all([startMongo(), startRedis()]);
  const mongodbUri = `${mongo.uri}/e2e_${suite.replace(/[^A-Za-z0-9_]/g, '_')}`;
  Object.assign(process.env, { LOG_LEVEL: 'warn', QUEUE_PREFIX: `e2e-${suite}`, ...env, MONGODB_URI: mongodbUri, REDIS_URL: redis.url });
  return { mongo, redis, mongodbUri, stop: async () => void (await Promise.all([mongo.stop(), redis.stop()])) };
}

/** Boots the real application, configured exactly as main.ts does, against the suite's real services. */
export async function createTestApp(suite: string, env: Record<string, string> = {}): Promise<TestApp> {
  const services = await startSuiteServices(suite, env);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = configureApp(moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false }));
  // A listening server: supertest on an unbound server would bind one port per request, which breaks
  // the parallel requests that concurrency tests make.
  await app.listen(0, '127.0.0.1');
  return {
    app,
    http: request(await app.getUrl()),
    services,
    close: async () => {
      await app.close();
      await services.stop();
    },
  };
}

/** Boots the worker's module in this process against the same services (for suites that do not need a separate process). */
export async function createTestWorker(): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] }).compile();
  return moduleRef.init();
}
