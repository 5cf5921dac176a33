import { describe, expect, it } from '@jest/globals';

import { TIMED_OUT, withinTimeout } from './within-timeout.js';

describe('withinTimeout', () => {
  it('answers what the operation answers when it settles in time', async () => {
    await expect(withinTimeout(Promise.resolve('added'), 1000)).resolves.toBe('added');
  });

  it('passes on a failure that comes in time', async () => {
    await expect(withinTimeout(Promise.reject(new Error('refused')), 1000)).rejects.toThrow('refused');
  });

  it('answers TIMED_OUT when the operation is still pending after the timeout', async () => {
    const pending = new Promise<string>(() => undefined);
    await expect(withinTimeout(pending, 10)).resolves.toBe(TIMED_OUT);
  });
});
