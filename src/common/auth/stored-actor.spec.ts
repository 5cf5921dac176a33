import { describe, expect, it } from '@jest/globals';

import { storedActor } from './stored-actor.js';

describe(storedActor.name, () => {
  it('reads an actor reference as its id and name only', () => {
    expect(storedActor({ id: 'user:alice', name: 'Alice Kim', extra: 1 } as never)).toEqual({ id: 'user:alice', name: 'Alice Kim' });
  });

  it('keeps a name declared before sign-in under an id no principal can have', () => {
    expect(storedActor('risk.desk')).toEqual({ id: 'unverified:risk.desk', name: 'risk.desk' });
  });

  it('answers null when nobody was recorded', () => {
    expect(storedActor(null)).toBeNull();
    expect(storedActor(undefined)).toBeNull();
  });
});
