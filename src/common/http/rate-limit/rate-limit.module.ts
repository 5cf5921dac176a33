import { Injectable, Logger, Module, type CanActivate, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { Redis } from 'ioredis';

import type { AuthenticatedRequest } from '../../auth/current-principal.decorator.js';
import { PUBLIC_METADATA } from '../../auth/roles.decorator.js';
import type { AppConfig, AppConfigNamespace } from '../../config/app.config.js';
import { redisOptionsFromUrl } from '../../queue/redis-connection.js';
import { rateClassOf } from './rate-limit.decorator.js';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';

const WINDOW_MS = 60_000;

/** The limiter's own Redis connection: it must never queue behind, or stall, the queues' connections. */
@Injectable()
export class RateLimitRedis implements OnModuleInit, OnApplicationShutdown {
  readonly client: Redis;

  constructor(config: ConfigService<AppConfigNamespace, true>) {
    this.client = new Redis({ ...redisOptionsFromUrl(config.getOrThrow('app', { infer: true }).redisUrl), lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    // Outages are handled (and logged) by the storage, which lets requests through while Redis is away.
    this.client.on('error', () => undefined);
  }

  /** Connected at start, so the first requests of a replica are counted too. */
  async onModuleInit(): Promise<void> {
    await this.client.connect().catch(() => undefined);
  }

  onApplicationShutdown(): void {
    this.client.disconnect();
  }
}

/**
 * Rate limits per principal with @nestjs/throttler, counted in Redis so they hold across API replicas: one
 * budget a minute for reads, one for writes and a larger one for ingestion; 429 with Retry-After when spent.
 * The guard runs after the access guard, so it counts by the authenticated principal (by address before
 * authentication, on the public health routes).
 *
 * The package is CommonJS that requires the ESM-only Nest core, which Node loads but the test runner does not;
 * so it is imported when the module starts, and only when limits are enabled (in-process tests disable them
 * and test the limiter against real API processes instead).
 */
@Module({
  providers: [
    RateLimitRedis,
    {
      provide: APP_GUARD,
      inject: [ConfigService, Reflector, RateLimitRedis],
      useFactory: (config: ConfigService<AppConfigNamespace, true>, reflector: Reflector, redis: RateLimitRedis) =>
        rateLimitGuard(config.getOrThrow('app', { infer: true }), reflector, redis.client),
    },
  ],
})
export class RateLimitModule {}

async function rateLimitGuard(app: AppConfig, reflector: Reflector, redis: Redis): Promise<CanActivate> {
  const limits = app.rateLimit;
  if (!limits.enabled) {
    new Logger(RateLimitModule.name).warn('RATE_LIMIT_ENABLED=false: requests are not rate limited');
    return { canActivate: () => true };
  }
  const { ThrottlerGuard } = await import('@nestjs/throttler');
  const budgets = { read: limits.readsPerMinute, write: limits.writesPerMinute, ingestion: limits.ingestionPerMinute };
  const guard = new ThrottlerGuard(
    {
      throttlers: [{ name: 'default', ttl: WINDOW_MS, limit: (context) => budgets[rateClassOf(context, reflector)] }],
      // Health probes are never throttled: an orchestrator probing through one address must not see 429 and restart the pod.
      skipIf: (context) => reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, [context.getHandler(), context.getClass()]) === true,
      getTracker: (request: Record<string, unknown> & AuthenticatedRequest) => request.principal?.id ?? `address:${String(request.ip)}`,
      generateKey: (context, tracker) => `${tracker}:${rateClassOf(context, reflector)}`,
    },
    new RedisThrottlerStorage(redis, `${app.queuePrefix}:rate-limit:`),
    reflector,
  );
  await guard.onModuleInit();
  return guard;
}
