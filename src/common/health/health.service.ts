import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectConnection } from '@nestjs/mongoose';
import { Redis } from 'ioredis';
import type { Connection } from 'mongoose';

import type { AppConfigNamespace } from '../config/app.config.js';
import { ServiceUnavailableError } from '../errors/domain.errors.js';
import { redisOptionsFromUrl } from '../queue/redis-connection.js';

export type DependencyStatus = { status: 'up'; latencyMs: number } | { status: 'down'; error: string };
export type DependencyName = 'mongodb' | 'redis';

const CHECK_TIMEOUT_MS = 2000;

@Injectable()
export class HealthService implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(@InjectConnection() private readonly connection: Connection, config: ConfigService<AppConfigNamespace, true>) {
    this.redis = new Redis({
      ...redisOptionsFromUrl(config.getOrThrow('app', { infer: true }).redisUrl),
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(attempt * 250, 2000),
    });
    // Errors are reported by the readiness check; without a listener ioredis would log each retry.
    this.redis.on('error', () => undefined);
  }

  /** Answers the readiness report, or throws a 503 problem that names every dependency that is down. */
  async readiness(): Promise<Record<DependencyName, DependencyStatus>> {
    const [mongodb, redis] = await Promise.all([this.probe(() => this.pingMongo()), this.probe(() => this.pingRedis())]);
    const checks = { mongodb, redis };
    const down = (Object.keys(checks) as DependencyName[]).filter((name) => checks[name].status === 'down');
    if (down.length > 0) {
      throw new ServiceUnavailableError(`Not ready: ${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} down`, { checks });
    }
    return checks;
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }

  private async pingMongo(): Promise<void> {
    const db = this.connection.db;
    if (!db || this.connection.readyState !== 1) throw new Error('not connected');
    await db.command({ ping: 1 });
  }

  private async pingRedis(): Promise<void> {
    if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect().catch(() => undefined);
    await this.redis.ping();
  }

  private async probe(check: () => Promise<void>): Promise<DependencyStatus> {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      });
      await Promise.race([check(), timeout]);
      return { status: 'up', latencyMs: Date.now() - started };
    } catch (error) {
      return { status: 'down', error: (error as Error).message };
    } finally {
      clearTimeout(timer);
    }
  }
}
