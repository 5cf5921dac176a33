import { Logger, type INestApplicationContext } from '@nestjs/common';

/**
 * On SIGTERM or SIGINT: stop accepting work, let Nest close everything (HTTP server after in-flight
 * requests, queue workers after or releasing their active job, connections), then exit 0. If closing
 * hangs, the process still exits, with 1, before the orchestrator's kill.
 */
export function closeOnSignals(app: INestApplicationContext, timeoutMs: number): void {
  const logger = new Logger('Shutdown');
  let closing = false;
  const close = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received; closing (deadline ${timeoutMs} ms)`);
    setTimeout(() => {
      logger.error(`Shutdown did not finish within ${timeoutMs} ms; exiting`);
      process.exit(1);
    }, timeoutMs).unref();
    try {
      await app.close();
      logger.log('Closed cleanly');
      process.exit(0);
    } catch (error) {
      logger.error(`Shutdown failed: ${(error as Error).message}`);
      process.exit(1);
    }
  };
  process.on('SIGTERM', (signal) => void close(signal));
  process.on('SIGINT', (signal) => void close(signal));
}
