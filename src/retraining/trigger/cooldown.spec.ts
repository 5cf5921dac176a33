import { describe, expect, it } from '@jest/globals';

import { cooldownEndsAt as sut } from './cooldown.js';

describe(sut.name, () => {
  it('ends the cooldown its length after the latest job was created', () => {
    expect(sut({ createdAt: new Date('2026-11-25T10:00:00Z') }, 3600)).toEqual(new Date('2026-11-25T11:00:00Z'));
  });

  it('has no cooldown without an earlier job or with a zero length', () => {
    expect(sut(null, 3600)).toBeNull();
    expect(sut({ createdAt: new Date() }, 0)).toBeNull();
  });
});
