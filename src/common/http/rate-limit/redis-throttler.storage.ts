import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';

export type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** How long a request waits for Redis before it is let through unthrottled. */
export const THROTTLER_REDIS_TIMEOUT_MS = 200;
const WARN_EVERY_MS = 30_000;

/**
 * One atomic step of @nestjs/throttler's in-memory ThrottlerStorageService, so that a limit holds across replicas.
 * KEYS[1] is the record of a tracker (window end, block end, a hit sequence); KEYS[2] holds its hits for one
 * throttler, each scored by the time it expires: a hit counts for `ttl` after it was made, however old the
 * window is. Times come from Redis (TIME), so the replicas' clocks do not matter. Both keys expire once
 * nothing in them is live. Hits are recorded only while the tracker is under its limit, so KEYS[2] holds at
 * most limit + 1 members.
 */
const INCREMENT_SCRIPT = `
local ttl = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local blockDuration = tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local function int(n) return string.format('%d', n) end
local function seconds(at) return math.ceil((at - now) / 1000) end
local function hit()
  local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
  redis.call('ZADD', KEYS[2], int(now + ttl), int(now) .. '-' .. seq)
end

redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', int(now))
local record = redis.call('HMGET', KEYS[1], 'expiresAt', 'blockExpiresAt')
local expiresAt = tonumber(record[1]) or 0
local blockExpiresAt = tonumber(record[2]) or 0

local timeToExpire = seconds(expiresAt)
if timeToExpire <= 0 then
  expiresAt = now + ttl
  timeToExpire = seconds(expiresAt)
end

local totalHits, isBlocked, timeToBlockExpire
if blockDuration <= 0 then
  local live = redis.call('ZCARD', KEYS[2])
  isBlocked = live >= limit
  totalHits = live + 1
  timeToBlockExpire = 0
  if isBlocked then
    local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    timeToBlockExpire = oldest[2] and seconds(tonumber(oldest[2])) or timeToExpire
  else
    hit()
  end
else
  isBlocked = blockExpiresAt > 0
  if not isBlocked then hit() end
  totalHits = redis.call('ZCARD', KEYS[2])
  if totalHits > limit and not isBlocked then
    isBlocked = true
    blockExpiresAt = now + blockDuration
  end
  timeToBlockExpire = isBlocked and seconds(blockExpiresAt) or 0
  if isBlocked and timeToBlockExpire <= 0 then
    isBlocked = false
    blockExpiresAt = 0
    timeToBlockExpire = 0
    redis.call('DEL', KEYS[2])
    hit()
    totalHits = 1
  end
end

redis.call('HSET', KEYS[1], 'expiresAt', int(expiresAt), 'blockExpiresAt', int(blockExpiresAt))
local keepUntil = math.max(expiresAt, blockExpiresAt)
local newest = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
if newest[2] then
  local lastHitExpiresAt = tonumber(newest[2])
  redis.call('PEXPIREAT', KEYS[2], int(lastHitExpiresAt))
  keepUntil = math.max(keepUntil, lastHitExpiresAt)
end
redis.call('PEXPIREAT', KEYS[1], int(keepUntil))
return { totalHits, timeToExpire, isBlocked and 1 or 0, timeToBlockExpire }
`;

type IncrementReply = [totalHits: number, timeToExpire: number, isBlocked: 0 | 1, timeToBlockExpire: number];

interface ThrottlerCommands {
  throttlerIncrement(recordKey: string, hitsKey: string, ttl: number, limit: number, blockDuration: number): Promise<IncrementReply>;
}

/**
 * ThrottlerStorage in Redis, so that every API replica counts against the same limits. It answers exactly as
 * the in-memory ThrottlerStorageService of @nestjs/throttler 6.7.1 does: `ttl` and `blockDuration` arrive in
 * milliseconds, `timeToExpire` and `timeToBlockExpire` leave in whole seconds (rounded up, as the guard puts
 * them in X-RateLimit-Reset and Retry-After), hits expire one by one `ttl` after they were made, a tracker over
 * its limit is blocked for `blockDuration` and starts from zero afterwards, and with `blockDuration <= 0`
 * requests beyond the limit are refused until the oldest hit expires. `timeToBlockExpire` is 0 whenever the
 * tracker is not blocked (the guard reads it only when it is).
 *
 * When Redis is down the API stays up and unthrottled: a rate limiter must not turn a cache outage into an
 * outage of every endpoint. A request is let through at once when the client is not connected (no command
 * is queued behind a dead connection), and after {@link THROTTLER_REDIS_TIMEOUT_MS} when Redis is connected
 * but does not answer. A warning is logged at most every 30 s, with the count of requests let through.
 *
 * The client is borrowed, not owned: its creator listens for its 'error' events and closes it. The keys of
 * one tracker share a hash tag, so they live on one Cluster slot.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly redis: Redis & ThrottlerCommands;
  private lastWarningAt = Number.NEGATIVE_INFINITY;
  private letThroughSinceWarning = 0;

  constructor(
    redis: Redis,
    private readonly keyPrefix = 'throttler:',
  ) {
    redis.defineCommand('throttlerIncrement', { numberOfKeys: 2, lua: INCREMENT_SCRIPT });
    this.redis = redis as Redis & ThrottlerCommands;
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    if (this.redis.status !== 'ready') {
      if (this.redis.status === 'wait') this.redis.connect().catch(() => undefined);
      return this.letThrough(ttl, `the connection is ${this.redis.status}`);
    }
    const recordKey = `${this.keyPrefix}{${key}}`;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${THROTTLER_REDIS_TIMEOUT_MS} ms`)), THROTTLER_REDIS_TIMEOUT_MS);
      });
      const increment = this.redis.throttlerIncrement(recordKey, `${recordKey}:${throttlerName}`, ttl, limit, blockDuration);
      const [totalHits, timeToExpire, isBlocked, timeToBlockExpire] = await Promise.race([increment, timeout]);
      return { totalHits, timeToExpire, isBlocked: isBlocked === 1, timeToBlockExpire };
    } catch (error) {
      return this.letThrough(ttl, (error as Error).message);
    } finally {
      clearTimeout(timer);
    }
  }

  private letThrough(ttl: number, reason: string): ThrottlerStorageRecord {
    this.letThroughSinceWarning++;
    const now = Date.now();
    if (now - this.lastWarningAt >= WARN_EVERY_MS) {
      this.logger.warn(
        `Rate limits are not enforced while Redis is unavailable (${reason}); ` +
          `${this.letThroughSinceWarning} request(s) let through unthrottled since the last warning`,
      );
      this.lastWarningAt = now;
      this.letThroughSinceWarning = 0;
    }
    return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
  }
}
