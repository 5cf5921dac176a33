import { afterEach, describe, expect, it } from '@jest/globals';
import { BullModule } from '@nestjs/bullmq';
import { Injectable, Module, type INestApplicationContext, type OnModuleInit } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue } from 'bullmq';

import { redisOptionsFromUrl } from '../../src/common/queue/redis-connection.js';
import { PeriodicWork } from '../../src/common/scheduling/periodic-work.js';
import { SchedulingModule } from '../../src/common/scheduling/scheduling.module.js';
import { startRedis, type RedisHandle } from '../harness/local-services.js';

const PREFIX = 'e2e-periodic-work';
const TASK = 'heartbeat';
const EVERY_MS = 400;

/** Every run of the heartbeat task, with the process that took it. */
const runs: { at: number; process: string }[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms; runs: ${JSON.stringify(runs.slice(-5))}`);
    await sleep(50);
  }
}

/** A process of the platform as far as periodic work goes: the queue connection, the mechanism and one task. */
async function startProcess(name: string, redis: RedisHandle): Promise<INestApplicationContext> {
  @Injectable()
  class Heartbeat implements OnModuleInit {
    constructor(private readonly periodic: PeriodicWork) {}

    onModuleInit(): void {
      this.periodic.register({ name: TASK, everyMs: EVERY_MS, run: async () => void runs.push({ at: Date.now(), process: name }) });
    }
  }
  @Module({
    imports: [BullModule.forRoot({ connection: { ...redisOptionsFromUrl(redis.url), maxRetriesPerRequest: null }, prefix: PREFIX }), SchedulingModule],
    providers: [Heartbeat],
  })
  class HeartbeatModule {}
  const moduleRef = await Test.createTestingModule({ imports: [HeartbeatModule] }).compile();
  return moduleRef.init();
}

async function schedulers(redis: RedisHandle): Promise<{ key: string; every?: number | null }[]> {
  const queue = new Queue(`periodic-${TASK}`, { connection: redisOptionsFromUrl(redis.url), prefix: PREFIX });
  try {
    return await queue.getJobSchedulers();
  } finally {
    await queue.close();
  }
}

describe('periodic work on BullMQ job schedulers', () => {
  const cleanup: (() => Promise<unknown>)[] = [];

  afterEach(async () => {
    for (const step of cleanup.splice(0)) await step();
  });

  it('runs a task that two processes registered once per interval, not once per process', async () => {
    const redis = await startRedis();
    cleanup.push(() => redis.stop());
    const processes = [await startProcess('first', redis), await startProcess('second', redis)];
    cleanup.unshift(() => Promise.all(processes.map((p) => p.close())));
    await until(() => runs.length > 0, 10_000);

    const from = Date.now();
    await sleep(EVERY_MS * 10);
    const seen = runs.filter((run) => run.at >= from);
    // Ten intervals: about ten runs, where a loop in each process would have made about twenty.
    expect(seen.length).toBeGreaterThanOrEqual(8);
    expect(seen.length).toBeLessThanOrEqual(11);
    const gaps = seen.slice(1).map((run, i) => run.at - seen[i].at);
    expect(Math.min(...gaps)).toBeGreaterThan(EVERY_MS / 2);
    expect(await schedulers(redis)).toEqual([expect.objectContaining({ key: TASK, every: EVERY_MS })]);
  });

  it('gives its schedulers back to a Redis that restarted empty, once it has reconnected', async () => {
    const redis = await startRedis();
    const platform = await startProcess('reconnecting', redis);
    let current = redis;
    cleanup.push(async () => {
      await platform.close();
      await current.stop();
    });
    await until(() => runs.some((run) => run.process === 'reconnecting'), 10_000);

    await redis.stop();
    // The same address, with nothing in it: another data directory.
    current = await startRedis({ port: redis.port });
    const restartedAt = Date.now();

    await until(() => runs.some((run) => run.process === 'reconnecting' && run.at > restartedAt), 30_000);
    expect(await schedulers(current)).toEqual([expect.objectContaining({ key: TASK, every: EVERY_MS })]);
  });
});
