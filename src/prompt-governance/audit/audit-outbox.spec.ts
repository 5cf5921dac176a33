import { describe, expect, it } from '@jest/globals';

import { pendingAudit } from './audit-entry.js';
import { draftsWaitingSince } from './audit-outbox.js';

describe(draftsWaitingSince.name, () => {
  const draftAt = (iso: string) => pendingAudit({ actor: 'alice', action: 'template.updated', templateId: 't', before: null, after: null }, new Date(iso));

  it('takes only the drafts written before the cut-off, naming their document', () => {
    const old = draftAt('2025-05-01T09:00:00Z');
    const fresh = draftAt('2025-05-01T09:00:10Z');
    const sut = draftsWaitingSince('doc-1', [old, fresh], new Date('2025-05-01T09:00:05Z'));
    expect(sut).toEqual([{ documentId: 'doc-1', draft: old }]);
  });

  it('answers nothing for a document without drafts', () => {
    expect(draftsWaitingSince('doc-1', undefined, new Date())).toEqual([]);
  });
});
