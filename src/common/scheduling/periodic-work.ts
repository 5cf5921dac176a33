import { getSharedConfigToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Queue, Worker, type QueueOptions } from 'bullmq';

import { TIMED_OUT, withinTimeout } from '../queue/within-timeout.js';

/** Work that runs once per interval, in whichever process that registered it takes the interval's job. */
export interface PeriodicTask {
  /** Names the task's queue and job scheduler in Redis: the same in every process that registers the task. */
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

const QUEUE_PREFIX = 'periodic-';
const ERROR_LOG_EVERY_MS = 30_000;
/** How long closing waits for Redis once the passes under way are over; a Redis that is away is not waited for. */
const CLOSE_TIMEOUT_MS = 2000;

/**
 * Periodic work on BullMQ job schedulers. Each task has a scheduler in Redis that makes one job per interval on
 * the task's own queue, and every process that registered the task consumes that queue: the task runs once per
 * interval however many processes run it. The schedulers live in Redis, so a process upserts those of its
 * tasks whenever its connection becomes ready, at start and after every reconnection: a Redis that restarted
 * empty gets them back, while upserting a scheduler that is still there keeps its timing.
 */
@Injectable()
export class PeriodicWork implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PeriodicWork.name);
  private readonly tasks = new Map<string, PeriodicTask>();
  private readonly started: { queue: Queue; worker: Worker }[] = [];
  private readonly passes = new Set<Promise<void>>();
  private lastErrorLog = 0;

  constructor(@Inject(getSharedConfigToken()) private readonly options: QueueOptions) {}

  /** Called by the owner of a task while its module initialises; the task starts with the application. */
  register(task: PeriodicTask): void {
    if (this.tasks.has(task.name)) throw new Error(`Periodic task '${task.name}' is registered twice in this process`);
    this.tasks.set(task.name, task);
  }

  onApplicationBootstrap(): void {
    for (const task of this.tasks.values()) this.started.push(this.start(task));
  }

  /**
   * Before the connections of the application close: the workers stop taking jobs and the passes under way
   * finish. Closing a connection waits for Redis to take the QUIT, so a Redis that is away gets its connections
   * dropped instead.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const started = this.started.splice(0);
    const closing = Promise.all(started.flatMap(({ queue, worker }) => [worker.close(true), queue.close()]));
    await Promise.allSettled([...this.passes]);
    if ((await withinTimeout(closing.catch(() => undefined), CLOSE_TIMEOUT_MS)) !== TIMED_OUT) return;
    await withinTimeout(Promise.allSettled(started.flatMap(({ queue, worker }) => [drop(queue.getBackend()), drop(worker.getBackend())])), CLOSE_TIMEOUT_MS);
  }

  private start(task: PeriodicTask): { queue: Queue; worker: Worker } {
    const name = `${QUEUE_PREFIX}${task.name}`;
    const connection = this.options.connection;
    const queue = new Queue(name, { connection, prefix: this.options.prefix });
    queue.on('error', (error: Error) => this.warn(`Queue ${name}: ${error.message}`));
    queue.getBackend().on('ready', () => void this.schedule(queue, task));
    const worker = new Worker(name, () => this.run(task), { connection, prefix: this.options.prefix, concurrency: 1 });
    worker.on('error', (error: Error) => this.warn(`Worker of ${name}: ${error.message}`));
    return { queue, worker };
  }

  private async schedule(queue: Queue, task: PeriodicTask): Promise<void> {
    try {
      await queue.upsertJobScheduler(task.name, { every: task.everyMs }, { name: task.name, opts: { removeOnComplete: true, removeOnFail: true } });
    } catch (error) {
      this.warn(`Could not schedule periodic task ${task.name}: ${(error as Error).message}`);
    }
  }

  private async run(task: PeriodicTask): Promise<void> {
    const pass = task.run().then(
      () => undefined,
      (error: Error) => this.logger.warn(`Periodic task ${task.name} failed: ${error.message}`),
    );
    this.passes.add(pass);
    await pass;
    this.passes.delete(pass);
  }

  /** Without a limit every reconnection attempt while Redis is away would reach the log. */
  private warn(message: string): void {
    if (Date.now() - this.lastErrorLog < ERROR_LOG_EVERY_MS) return;
    this.lastErrorLog = Date.now();
    this.logger.warn(message);
  }
}

/** Ends the connections of a queue or worker at once, without a word to Redis. */
async function drop(backend: ReturnType<Queue['getBackend']>): Promise<void> {
  (await backend.client).disconnect();
  await backend.disconnectBlocking(false);
}
