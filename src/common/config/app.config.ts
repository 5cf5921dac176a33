import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

import { validEnvironment } from './environment.js';

export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** Environment variables the platform reads; every one is listed in the README's configuration table. */
class EnvironmentVariables {
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  PORT?: number;

  @IsOptional() @IsString() @Matches(/^mongodb(\+srv)?:\/\//, { message: 'MONGODB_URI must start with mongodb:// or mongodb+srv://' })
  MONGODB_URI?: string;

  @IsOptional() @IsString() @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must start with redis:// or rediss://' })
  REDIS_URL?: string;

  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'QUEUE_PREFIX must be 1-64 letters, digits, _ or -' })
  QUEUE_PREFIX?: string;

  @IsOptional() @IsString() @Matches(/^\d+(kb|mb)$/i, { message: 'BODY_LIMIT must look like 512kb or 10mb' })
  BODY_LIMIT?: string;

  @IsOptional() @IsIn(LOG_LEVELS)
  LOG_LEVEL?: LogLevelName;

  @IsOptional() @IsIn(['json', 'pretty'])
  LOG_FORMAT?: 'json' | 'pretty';

  @IsOptional() @Type(() => Number) @IsInt() @Min(1000) @Max(600000)
  SHUTDOWN_TIMEOUT_MS?: number;

  @IsOptional() @IsIn(['true', 'false'], { message: 'RATE_LIMIT_ENABLED must be true or false' })
  RATE_LIMIT_ENABLED?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000, { message: 'RATE_LIMIT_READS_PER_MINUTE must be between 1 and 1000000' })
  RATE_LIMIT_READS_PER_MINUTE?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000, { message: 'RATE_LIMIT_WRITES_PER_MINUTE must be between 1 and 1000000' })
  RATE_LIMIT_WRITES_PER_MINUTE?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000, { message: 'RATE_LIMIT_INGESTION_PER_MINUTE must be between 1 and 1000000' })
  RATE_LIMIT_INGESTION_PER_MINUTE?: number;

  @IsOptional() @IsString() @Matches(/^(\*|https?:\/\/[^\s,]+(,https?:\/\/[^\s,]+)*)$/, { message: 'CORS_ORIGINS must be a comma-separated list of http(s) origins' })
  CORS_ORIGINS?: string;
}

export interface AppConfig {
  port: number;
  mongodbUri: string;
  redisUrl: string;
  queuePrefix: string;
  bodyLimit: string;
  logLevel: LogLevelName;
  logFormat: 'json' | 'pretty';
  shutdownTimeoutMs: number;
  /** Requests per principal and minute, by kind; `enabled: false` only where the test runtime cannot load the limiter. */
  rateLimit: { enabled: boolean; readsPerMinute: number; writesPerMinute: number; ingestionPerMinute: number };
  /** Browser origins allowed to call the API; none (CORS off) unless configured. */
  corsOrigins: string[];
}

/** Fails fast at boot with every invalid variable named, instead of failing later at first use. */
export function validateEnvironment(raw: Record<string, unknown>): Record<string, unknown> {
  validEnvironment(null, EnvironmentVariables, raw);
  return raw;
}

export const appConfig = registerAs('app', (): AppConfig => ({
  port: Number(process.env.PORT ?? 3000),
  mongodbUri: process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27018/mlops',
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6380',
  queuePrefix: process.env.QUEUE_PREFIX ?? 'mlops',
  bodyLimit: process.env.BODY_LIMIT ?? '10mb',
  logLevel: (process.env.LOG_LEVEL as LogLevelName | undefined) ?? 'log',
  logFormat: (process.env.LOG_FORMAT as 'json' | 'pretty' | undefined) ?? 'json',
  shutdownTimeoutMs: Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 25000),
  rateLimit: {
    enabled: (process.env.RATE_LIMIT_ENABLED ?? 'true') === 'true',
    readsPerMinute: Number(process.env.RATE_LIMIT_READS_PER_MINUTE ?? 1200),
    writesPerMinute: Number(process.env.RATE_LIMIT_WRITES_PER_MINUTE ?? 300),
    ingestionPerMinute: Number(process.env.RATE_LIMIT_INGESTION_PER_MINUTE ?? 6000),
  },
  corsOrigins: process.env.CORS_ORIGINS ? process.env.CORS_ORIGINS.split(',') : [],
}));

export type AppConfigNamespace = { app: AppConfig };
