import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';

import { RETRAINING_CONTRACT_VERSION, type RetrainingJobPayload } from '../../contracts/src/index.js';
import { JobExecution } from './job-execution.js';
import { PlatformCompletionClient } from './platform-completion.client.js';
import { RETRAINING_WORKER_OPTIONS, type ResolvedWorkerOptions } from './retraining-worker.options.js';

/** The same claim problem is logged again at most this often. */
const REPEAT_WARNING_MS = 60_000;

/**
 * Another team's retraining worker: claims jobs of its queues from the platform over HTTP (`claim-next`, with
 * the team's trainer key), one claim per free slot up to `concurrency`, and runs the team's handler on each.
 * While nothing waits it polls less and less often, up to `pollIntervalMs`. The platform then records the
 * run and the STAGING version from the reported result.
 *
 * Shutdown (Nest shutdown hooks, or `stop()`): no new claims; active jobs get `shutdownGraceMs` to finish,
 * then their handlers are aborted and their jobs released to their queue for the next claim.
 */
@Injectable()
export class RetrainingConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RetrainingConsumer.name);
  private readonly active = new Set<JobExecution>();
  private polling: Promise<void> | null = null;
  private stopping: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private lastWarning = { text: '', at: 0 };

  constructor(
    @Inject(RETRAINING_WORKER_OPTIONS) private readonly options: ResolvedWorkerOptions,
    private readonly platform: PlatformCompletionClient,
  ) {}

  get workerName(): string {
    return this.options.workerName;
  }

  /** Ids of the jobs this worker is training now. */
  get activeJobIds(): string[] {
    return [...this.active].map((execution) => execution.jobId);
  }

  onApplicationBootstrap(): void {
    this.polling ??= this.poll().catch((error: Error) => this.logger.error(`Retraining consumer ${this.workerName} stopped claiming: ${error.message}`));
    const queues = this.options.queues?.join(', ') ?? 'every queue of its key';
    this.logger.log(`Retraining consumer ${this.workerName} claiming from ${queues} at ${this.options.platformUrl} (concurrency ${this.options.concurrency})`);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  /** Stops claiming, lets active jobs finish within the grace, then aborts them and hands their jobs back. */
  stop(): Promise<void> {
    this.stopping ??= this.drain();
    return this.stopping;
  }

  private async drain(): Promise<void> {
    this.wake?.();
    await this.polling;
    if (this.active.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'grace over'>((resolve) => {
      timer = setTimeout(() => resolve('grace over'), this.options.shutdownGraceMs);
    });
    const finished = Promise.all([...this.active].map((execution) => execution.done)).then(() => 'finished' as const);
    const outcome = await Promise.race([finished, graceOver]);
    clearTimeout(timer);
    if (outcome === 'finished') return;
    this.logger.warn(`Retraining jobs ${this.activeJobIds.join(', ')} did not finish within ${this.options.shutdownGraceMs} ms; aborting them and handing them back`);
    await Promise.all([...this.active].map((execution) => execution.handBack()));
  }

  private async poll(): Promise<void> {
    const firstPause = Math.max(10, Math.round(this.options.pollIntervalMs / 10));
    let pause = firstPause;
    while (this.stopping === null) {
      if (this.active.size >= this.options.concurrency) {
        await this.sleep(null);
        continue;
      }
      let payload: RetrainingJobPayload | null;
      try {
        payload = await this.platform.claimNext(this.workerName, this.options.queues);
      } catch (error) {
        this.warnOnce(`Could not claim a retraining job: ${(error as Error).message}`);
        await this.sleep(this.options.pollIntervalMs);
        continue;
      }
      if (payload === null) {
        await this.sleep(jittered(pause));
        pause = Math.min(pause * 2, this.options.pollIntervalMs);
        continue;
      }
      pause = firstPause;
      if (this.stopping !== null) {
        // Claimed while shutdown began: the job goes straight back for another trainer.
        await this.platform.release(payload).catch((error: Error) => this.logger.warn(`Retraining job ${payload.jobId} could not be handed back: ${error.message}`));
        break;
      }
      await this.start(payload);
    }
  }

  private async start(payload: RetrainingJobPayload): Promise<void> {
    if (payload.contractVersion !== RETRAINING_CONTRACT_VERSION) {
      const reason = `this worker understands retraining contract version ${RETRAINING_CONTRACT_VERSION}, not ${String(payload.contractVersion)}`;
      await this.platform.fail(payload, reason, false).catch((error: Error) => this.logger.error(`Retraining job ${payload.jobId}: ${reason}; not reported: ${error.message}`));
      return;
    }
    this.logger.log(`Retraining job ${payload.jobId} of '${payload.modelName}' claimed (attempt ${payload.attempt})`);
    const execution = new JobExecution(payload, this.options.handler, this.platform, this.logger);
    this.active.add(execution);
    void execution.done.finally(() => {
      this.active.delete(execution);
      this.wake?.();
    });
  }

  /** Waits `ms` (null: until woken), or less when a slot frees up or shutdown begins. */
  private sleep(ms: number | null): Promise<void> {
    if (this.stopping !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = ms === null ? undefined : setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private warnOnce(text: string): void {
    const now = Date.now();
    if (text === this.lastWarning.text && now - this.lastWarning.at < REPEAT_WARNING_MS) return;
    this.lastWarning = { text, at: now };
    this.logger.warn(text);
  }
}

/** ±20 %, so idle workers of one team do not poll in step. */
function jittered(ms: number): number {
  return Math.round(ms * (0.8 + Math.random() * 0.4));
}
