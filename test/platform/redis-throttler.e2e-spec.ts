import { randomUUID } from 'node:crypto';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';

import { RedisThrottlerStorage, type ThrottlerStorageRecord } from '../../src/common/http/rate-limit/redis-throttler.storage.js';
import { startRedis, type RedisHandle } from '../harness/local-services.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function connect(url: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  client.on('error', () => undefined);
  return client;
}

describe(RedisThrottlerStorage.name, () => {
  let redis: RedisHandle;
  let clients: Redis[];
  let sut: RedisThrottlerStorage;
  let otherReplica: RedisThrottlerStorage;
  let prefix: string;
  const key = (): string => randomUUID();

  beforeAll(async () => {
    redis = await startRedis();
    clients = [connect(redis.url), connect(redis.url), connect(redis.url)];
    await Promise.all(clients.map((client) => client.ping()));
  });

  beforeEach(() => {
    prefix = `throttler-${randomUUID()}:`;
    sut = new RedisThrottlerStorage(clients[0], prefix);
    otherReplica = new RedisThrottlerStorage(clients[1], prefix);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  afterAll(async () => {
    clients.forEach((client) => client.disconnect());
    await redis.stop();
  });

  it('counts hits within the window and reports the time left in seconds', async () => {
    const tracker = key();
    const first = await sut.increment(tracker, 10_000, 5, 10_000, 'default');
    await sut.increment(tracker, 10_000, 5, 10_000, 'default');
    const third = await sut.increment(tracker, 10_000, 5, 10_000, 'default');
    expect(first).toEqual({ totalHits: 1, timeToExpire: 10, isBlocked: false, timeToBlockExpire: 0 });
    expect(third).toEqual({ totalHits: 3, timeToExpire: 10, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('forgets hits once their ttl has passed', async () => {
    const tracker = key();
    await sut.increment(tracker, 300, 2, 300, 'default');
    await sut.increment(tracker, 300, 2, 300, 'default');
    await sleep(400);
    expect(await sut.increment(tracker, 300, 2, 300, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('blocks a tracker past its limit for blockDuration, without counting blocked requests, then starts it from zero', async () => {
    const tracker = key();
    await sut.increment(tracker, 10_000, 2, 1_500, 'default');
    await sut.increment(tracker, 10_000, 2, 1_500, 'default');
    expect(await sut.increment(tracker, 10_000, 2, 1_500, 'default')).toEqual({ totalHits: 3, timeToExpire: 10, isBlocked: true, timeToBlockExpire: 2 });
    expect(await sut.increment(tracker, 10_000, 2, 1_500, 'default')).toMatchObject({ totalHits: 3, isBlocked: true });
    await sleep(1_600);
    expect(await sut.increment(tracker, 10_000, 2, 1_500, 'default')).toEqual({ totalHits: 1, timeToExpire: 9, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('counts each throttler of a tracker apart', async () => {
    const tracker = key();
    await sut.increment(tracker, 10_000, 5, 10_000, 'short');
    await sut.increment(tracker, 10_000, 5, 10_000, 'short');
    expect(await sut.increment(tracker, 10_000, 5, 10_000, 'long')).toMatchObject({ totalHits: 1 });
  });

  it('answers the sequence the in-memory store answers with a block duration', async () => {
    const tracker = key();
    const hit = (): Promise<ThrottlerStorageRecord> => sut.increment(tracker, 2_500, 2, 1_500, 'default');
    const answers = [await hit(), await hit(), await hit(), await hit()];
    await sleep(1_800);
    answers.push(await hit(), await hit(), await hit());
    expect(answers).toEqual([
      { totalHits: 1, timeToExpire: 3, isBlocked: false, timeToBlockExpire: 0 },
      { totalHits: 2, timeToExpire: 3, isBlocked: false, timeToBlockExpire: 0 },
      { totalHits: 3, timeToExpire: 3, isBlocked: true, timeToBlockExpire: 2 },
      { totalHits: 3, timeToExpire: 3, isBlocked: true, timeToBlockExpire: 2 },
      { totalHits: 1, timeToExpire: 1, isBlocked: false, timeToBlockExpire: 0 },
      { totalHits: 2, timeToExpire: 1, isBlocked: false, timeToBlockExpire: 0 },
      { totalHits: 3, timeToExpire: 1, isBlocked: true, timeToBlockExpire: 2 },
    ]);
  });

  it('answers the sequence the in-memory store answers without a block duration: refused until the oldest hit expires', async () => {
    const tracker = key();
    const hit = (): Promise<ThrottlerStorageRecord> => sut.increment(tracker, 2_500, 2, 0, 'default');
    const answers = [await hit()];
    await sleep(1_000);
    answers.push(await hit(), await hit());
    await sleep(1_800);
    answers.push(await hit(), await hit());
    expect(answers).toEqual([
      { totalHits: 1, timeToExpire: 3, isBlocked: false, timeToBlockExpire: 0 },
      { totalHits: 2, timeToExpire: 2, isBlocked: false, timeToBlockExpire: 0 },
      { totalHits: 3, timeToExpire: 2, isBlocked: true, timeToBlockExpire: 2 },
      { totalHits: 2, timeToExpire: 3, isBlocked: false, timeToBlockExpire: 0 },
      { totalHits: 3, timeToExpire: 3, isBlocked: true, timeToBlockExpire: 1 },
    ]);
  });

  it('shares one count between two replicas', async () => {
    const tracker = key();
    await sut.increment(tracker, 10_000, 3, 10_000, 'default');
    await otherReplica.increment(tracker, 10_000, 3, 10_000, 'default');
    await sut.increment(tracker, 10_000, 3, 10_000, 'default');
    expect(await otherReplica.increment(tracker, 10_000, 3, 10_000, 'default')).toMatchObject({ totalHits: 4, isBlocked: true });
    expect(await sut.increment(tracker, 10_000, 3, 10_000, 'default')).toMatchObject({ isBlocked: true });
  });

  it('counts concurrent hits from two replicas exactly once each', async () => {
    const tracker = key();
    const records = await Promise.all(
      Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? sut : otherReplica).increment(tracker, 10_000, 1_000, 10_000, 'default')),
    );
    expect(records.map((record) => record.totalHits).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('leaves every key with an expiry, and nothing once hits and block have expired', async () => {
    const tracker = key();
    for (let i = 0; i < 4; i++) await sut.increment(tracker, 300, 2, 600, 'default');
    const keys = await clients[2].keys(`${prefix}*`);
    expect(keys).toHaveLength(2);
    for (const stored of keys) expect(await clients[2].pttl(stored)).toBeGreaterThan(0);
    await sleep(700);
    expect(await clients[2].keys(`${prefix}*`)).toEqual([]);
  });

  it('lets requests through within a moment, warning once, while Redis is connected but does not answer', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    await clients[2].call('CLIENT', 'PAUSE', '1500', 'ALL');
    const started = Date.now();
    const records = await Promise.all([1, 2, 3].map(() => sut.increment(key(), 10_000, 1, 10_000, 'default')));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(1_000);
    expect(records).toEqual(Array(3).fill({ totalHits: 0, timeToExpire: 10, isBlocked: false, timeToBlockExpire: 0 }));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/Rate limits are not enforced while Redis is unavailable \(no answer within 200 ms\)/);
    await sleep(1_600);
  });
});

describe(`${RedisThrottlerStorage.name} with Redis stopped`, () => {
  let redis: RedisHandle;
  let client: Redis;
  let sut: RedisThrottlerStorage;

  beforeAll(async () => {
    redis = await startRedis();
    client = connect(redis.url);
    await client.ping();
    sut = new RedisThrottlerStorage(client, `throttler-${randomUUID()}:`);
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    client.disconnect();
    await redis.stop();
  });

  it('lets requests through at once without throwing, and counts again once Redis is back', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const tracker = randomUUID();
    await sut.increment(tracker, 10_000, 1, 10_000, 'default');
    expect(await sut.increment(tracker, 10_000, 1, 10_000, 'default')).toMatchObject({ isBlocked: true });

    await redis.stop();
    const started = Date.now();
    const whileDown = [await sut.increment(tracker, 10_000, 1, 10_000, 'default'), await sut.increment(tracker, 10_000, 1, 10_000, 'default')];
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(whileDown.every((record) => !record.isBlocked)).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);

    const ready = new Promise((resolve) => client.once('ready', resolve));
    redis = await startRedis({ port: redis.port, dir: redis.dir });
    await ready;
    expect(await sut.increment(tracker, 10_000, 1, 10_000, 'default')).toMatchObject({ isBlocked: true });
  });
});
