import { generateKeyPairSync } from 'node:crypto';

import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';

import type { INestApplicationContext } from '@nestjs/common';

import { AppModule } from '../../src/app.module.js';
import { WorkerModule } from '../../src/worker.module.js';
import { configureApp } from '../../src/common/http/configure-app.js';
import { startMongo, startRedis, type MongoHandle, type RedisHandle } from './local-services.js';
import { DEFAULT_PERSONAS, startOidcProvider, type OidcProvider } from './oidc.js';

export interface SuiteServices {
  mongo: MongoHandle;
  redis: RedisHandle;
  oidc: OidcProvider;
  /** The suite's database on its own in-memory server. */
  mongodbUri: string;
  stop(): Promise<void>;
}

export type AuthHeader = { Authorization: string };

export interface TestApp {
  app: NestExpressApplication;
  /** Requests as `tester`, an editor. */
  http: TestAgent;
  services: SuiteServices;
  /** The Authorization header of a persona (see DEFAULT_PERSONAS), for `.set(t.as('alice'))`. */
  as(persona: string): AuthHeader;
  /** An agent that sends every request as that persona. */
  agent(persona: string): TestAgent;
  /** The base URL of the listening app. */
  url: string;
  close(): Promise<void>;
}

/** Ed25519 key for audit checkpoints, one per test process: the database never holds it. */
const CHECKPOINT_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/**
 * Starts the suite's own in-memory MongoDB-compatible server, Redis and OpenID provider (each on a free
 * loopback port) and points the platform's configuration at them, so suites never see each other's data.
 */
export async function startSuiteServices(suite: string, env: Record<string, string> = {}): Promise<SuiteServices> {
  const [mongo, redis, oidc] = await Promise.all([startMongo(), startRedis(), startOidcProvider({ tokenTtlSeconds: 3600 })]);
  const mongodbUri = `${mongo.uri}/e2e_${suite.replace(/[^A-Za-z0-9_]/g, '_')}`;
  Object.assign(process.env, {
    LOG_LEVEL: 'warn',
    QUEUE_PREFIX: `e2e-${suite}`,
    OIDC_ISSUER: oidc.issuer,
    OIDC_AUDIENCE: oidc.audience,
    AUDIT_CHECKPOINT_KEY: CHECKPOINT_KEY,
    // Outbound calls of the platform under test may only reach loopback.
    RETRAINING_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1,::1',
    // The limiter's package cannot load inside the test runner; test/platform/rate-limits.e2e-spec.ts tests it on API processes.
    RATE_LIMIT_ENABLED: 'false',
    ...env,
    MONGODB_URI: mongodbUri,
    REDIS_URL: redis.url,
  });
  return {
    mongo,
    redis,
    oidc,
    mongodbUri,
    stop: async () => void (await Promise.all([mongo.stop(), redis.stop(), oidc.stop()])),
  };
}

/** Boots the real application, configured exactly as main.ts does, against the suite's real services. */
export async function createTestApp(suite: string, env: Record<string, string> = {}): Promise<TestApp> {
  const services = await startSuiteServices(suite, env);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = configureApp(moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false }));
  // A listening server: supertest on an unbound server would bind one port per request, which breaks
  // the parallel requests that concurrency tests make.
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const tokens = new Map(await Promise.all(DEFAULT_PERSONAS.map(async (p) => [p.id, await services.oidc.token(p.id)] as const)));
  const as = (persona: string): AuthHeader => {
    const token = tokens.get(persona);
    if (!token) throw new Error(`unknown persona '${persona}'; known: ${[...tokens.keys()].join(', ')}`);
    return { Authorization: `Bearer ${token}` };
  };
  const agent = (persona: string) => request.agent(url).set(as(persona));
  return {
    app,
    http: agent('tester'),
    services,
    as,
    agent,
    url,
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
