import type { Job } from 'bullmq';

import type { RetrainingJobStates } from '../jobs/retraining-job-states.js';

const WRITE_EVERY_MS = 1000;

/** Writes a running trainer's progress and output tail to the job at most once a second, and the last state at the end. */
export class JobReporter {
  private pendingProgress: { progress: number; message: string | null } | null = null;
  private pendingOutput: string[] | null = null;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly jobs: RetrainingJobStates,
    private readonly queued: Job,
    private readonly jobId: string,
  ) {}

  progress(progress: number, message: string | null): void {
    this.pendingProgress = { progress, message };
    this.schedule();
  }

  output(lines: string[]): void {
    this.pendingOutput = lines;
    this.schedule();
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.write();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.write();
    }, WRITE_EVERY_MS);
  }

  private write(): Promise<void> {
    const progress = this.pendingProgress;
    const output = this.pendingOutput;
    this.pendingProgress = null;
    this.pendingOutput = null;
    this.writing = this.writing.then(async () => {
      if (progress) {
        await this.jobs.reportProgress(this.jobId, progress.progress, progress.message, ['RUNNING']).catch(() => null);
        await this.queued.updateProgress(Math.round(progress.progress * 100)).catch(() => undefined);
      }
      if (output) await this.jobs.setOutputTail(this.jobId, output).catch(() => null);
    });
    return this.writing;
  }
}
