import { Logger } from '@nestjs/common';

/**
 * Nest closes the app on SIGTERM (enableShutdownHooks): the server stops accepting, in-flight requests
 * finish, connections close. If that hangs, the process still exits before the orchestrator's kill.
 */
export function installShutdownDeadline(timeoutMs: number): void {
  const arm = (signal: NodeJS.Signals) => {
    new Logger('Shutdown').log(`${signal} received; closing (deadline ${timeoutMs} ms)`);
    setTimeout(() => {
      new Logger('Shutdown').error(`Shutdown did not finish within ${timeoutMs} ms; exiting`);
      process.exit(1);
    }, timeoutMs).unref();
  };
  process.once('SIGTERM', arm);
  process.once('SIGINT', arm);
}
