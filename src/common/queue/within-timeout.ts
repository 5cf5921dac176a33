export const TIMED_OUT = Symbol('timed out');

/**
 * Waits for a Redis operation at most `timeoutMs`, so a request can answer while Redis is away. ioredis holds
 * the command meanwhile and may still run it later: callers make that harmless (a job id, a sweep).
 */
export async function withinTimeout<T>(operation: Promise<T>, timeoutMs: number): Promise<T | typeof TIMED_OUT> {
  operation.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
  });
  try {
    return await Promise.race([operation, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
