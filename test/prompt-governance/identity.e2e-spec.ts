import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { createTestApp, type TestApp } from '../harness/test-app.js';
import { actor, approvedTemplate, PG, templateBody } from './prompt-fixtures.js';

interface AuditItem {
  seq: number;
  action: string;
  outcome: string;
  actor: { id: string; name: string };
  resource: { type: string; id: string };
  context: Record<string, unknown> | null;
  comment: string | null;
}

describe('prompt governance: who may do what, by identity', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('prompt_identity');
  });

  afterAll(async () => {
    await t.close();
  });

  const refusals = async (query: string): Promise<AuditItem[]> => (await t.http.get(`/api/v1/audit?outcome=REFUSED&${query}`).expect(200)).body.items;
  const submitted = async (name: string, author: string, submitter: string): Promise<string> => {
    const id = (await t.http.post(`${PG}/templates`).set(t.as(author)).send(templateBody(name)).expect(201)).body.template.id as string;
    await t.http.post(`${PG}/templates/${id}/1/submit`).set(t.as(submitter)).send({}).expect(200);
    return id;
  };

  describe('four eyes', () => {
    it('refuses the author and the submitter with 403, lets another approver approve, and records each refusal with its actor', async () => {
      const id = await submitted('four-eyes-by-id', 'alice', 'bob');

      const byAuthor = await t.http.post(`${PG}/templates/${id}/1/approve`).set(t.as('alice')).send({}).expect(403);
      expect(byAuthor.body).toMatchObject({ status: 403, rule: 'four-eyes', role: 'author' });
      expect(byAuthor.body.detail).toContain('Alice Kim is the author of version 1');
      const bySubmitter = await t.http.post(`${PG}/templates/${id}/1/reject`).set(t.as('bob')).send({ comment: 'mine' }).expect(403);
      expect(bySubmitter.body).toMatchObject({ rule: 'four-eyes', role: 'submitter' });

      const approved = await t.http.post(`${PG}/templates/${id}/1/approve`).set(t.as('carol')).send({ comment: 'checked' }).expect(200);
      expect(approved.body).toMatchObject({ status: 'APPROVED', author: actor('alice'), submittedBy: actor('bob'), reviewedBy: actor('carol') });

      const refused = await refusals(`resourceType=prompt-template&resourceId=${id}`);
      expect(refused.map((e) => ({ action: e.action, actor: e.actor, context: e.context, comment: e.comment }))).toEqual([
        { action: 'prompt.version.rejected', actor: actor('bob'), context: { version: 1, label: null }, comment: 'four-eyes: the submitter may not reject' },
        { action: 'prompt.version.approved', actor: actor('alice'), context: { version: 1, label: null }, comment: 'four-eyes: the author may not approve' },
      ]);
      // The template's own history holds them too, between its real changes, in chain order.
      const history = (await t.http.get(`${PG}/templates/${id}/audit`).expect(200)).body.items as AuditItem[];
      expect(history.map((e) => `${e.action} ${e.outcome} ${e.actor.id}`)).toEqual([
        'prompt.template.created SUCCEEDED user:alice',
        'prompt.version.created SUCCEEDED user:alice',
        'prompt.version.submitted SUCCEEDED user:bob',
        'prompt.version.approved REFUSED user:alice',
        'prompt.version.rejected REFUSED user:bob',
        'prompt.version.approved SUCCEEDED user:carol',
      ]);
      expect((await t.http.get(`${PG}/audit/verify`).expect(200)).body).toMatchObject({ intact: true });
    });

    it('treats a person’s own API key as that person: the author cannot approve with it, and it holds only roles the person holds', async () => {
      // ops holds admin and editor: enough to write, submit and mint keys for themselves, never to approve.
      const id = await submitted('keys-are-people', 'ops', 'ops');
      const minted = await t.http.post('/api/v1/identity/api-keys').set(t.as('ops')).send({ name: 'ops-scripts', roles: ['editor'] }).expect(201);
      expect(minted.body).toMatchObject({ owner: { id: 'user:ops', name: 'Ops Engineer', kind: 'person' }, roles: ['editor'] });
      const key = { Authorization: `Bearer ${minted.body.secret as string}` };

      const edited = await t.http.patch(`${PG}/templates/${id}`).set(key).send({ tags: ['scripted'] }).expect(200);
      const history = (await t.http.get(`${PG}/templates/${id}/audit`).expect(200)).body.items as AuditItem[];
      expect(history.at(-1)).toMatchObject({ action: 'prompt.template.updated', actor: actor('ops') });
      expect(edited.body.tags).toEqual(['scripted']);

      const approveWithKey = await t.http.post(`${PG}/templates/${id}/1/approve`).set(key).send({}).expect(403);
      expect(approveWithKey.body).toMatchObject({ requiredRoles: ['approver'] });
      const approverKey = await t.http.post('/api/v1/identity/api-keys').set(t.as('ops')).send({ name: 'ops-approver', roles: ['approver'] }).expect(403);
      expect(approverKey.body).toMatchObject({ roles: ['approver'] });
      expect(approverKey.body.detail).toContain('do not hold approver');
      const serviceApprover = await t.http.post('/api/v1/identity/api-keys').set(t.as('ops')).send({ name: 'bot', service: 'prompt-bot', roles: ['approver'] }).expect(400);
      expect(serviceApprover.body.errors).toEqual([{ field: 'roles', message: 'a service never holds the approver role: only people approve' }]);

      const keys = (await t.http.get('/api/v1/identity/api-keys?ownerId=user:ops').set(t.as('ops')).expect(200)).body.items as { name: string; roles: string[] }[];
      expect(keys.map((k) => [k.name, k.roles])).toEqual([['ops-scripts', ['editor']]]);
      const version = await t.http.get(`${PG}/templates/${id}/1`).expect(200);
      expect(version.body).toMatchObject({ status: 'IN_REVIEW', reviewedBy: null });
      const refused = await refusals('actorId=user:ops&action=access.refused');
      expect(refused[0]).toMatchObject({ actor: actor('ops'), resource: { type: 'operation', id: `POST /api/v1/prompt-governance/templates/:id/:version/approve` } });
    });
  });

  describe('roles', () => {
    it('refuses a viewer every change with 403 and writes nothing', async () => {
      const id = await submitted('viewer-cannot', 'dave', 'dave');
      const draft = (await t.http.post(`${PG}/templates/${id}/versions`).set(t.as('dave')).send({ template: 'v2 {{x}}', variables: [{ name: 'x' }], modelSettings: { model: 'm' } }).expect(201)).body;
      const before = (await t.http.get(`${PG}/templates/${id}/audit`).expect(200)).body.items;
      const viewer = t.agent('viewer');

      await viewer.post(`${PG}/templates`).send(templateBody('by-viewer')).expect(403);
      await viewer.post(`${PG}/templates/${id}/2/submit`).send({}).expect(403);
      await viewer.post(`${PG}/templates/${id}/1/approve`).send({}).expect(403);
      await viewer.post(`${PG}/templates/${id}/1/reject`).send({ comment: 'no' }).expect(403);
      await viewer.patch(`${PG}/templates/${id}/2`).send({ commitMessage: 'mine' }).expect(403);
      await viewer.put(`${PG}/templates/${id}/labels/staging`).send({ version: 1 }).expect(403);
      await viewer.post(`${PG}/evaluate`).send({ text: 'hello' }).expect(403);

      expect((await viewer.get(`${PG}/templates/${id}/2`).expect(200)).body).toMatchObject({ status: 'DRAFT', commitMessage: draft.commitMessage, updatedAt: draft.updatedAt });
      expect((await viewer.get(`${PG}/templates/${id}/1`).expect(200)).body).toMatchObject({ status: 'IN_REVIEW', reviewedBy: null });
      expect((await viewer.get(`${PG}/templates?name=by-viewer`).expect(200)).body.items).toEqual([]);
      expect((await t.http.get(`${PG}/templates/${id}/audit`).expect(200)).body.items).toEqual(before);
      const refused = await refusals('actorId=user:viewer');
      expect(refused).toHaveLength(7);
      expect(refused.every((e) => e.action === 'access.refused')).toBe(true);
    });

    it('refuses an editor who is not an approver the approval and the rejection with 403', async () => {
      const id = await submitted('editor-cannot-approve', 'alice', 'alice');
      const approve = await t.http.post(`${PG}/templates/${id}/1/approve`).set(t.as('dave')).send({}).expect(403);
      expect(approve.body).toMatchObject({ status: 403, requiredRoles: ['approver'] });
      await t.http.post(`${PG}/templates/${id}/1/reject`).set(t.as('dave')).send({ comment: 'no' }).expect(403);
      expect((await t.http.get(`${PG}/templates/${id}/1`).expect(200)).body).toMatchObject({ status: 'IN_REVIEW', history: [expect.objectContaining({ to: 'IN_REVIEW' })] });
      const refused = await refusals('actorId=user:dave&action=access.refused');
      expect(refused.map((e) => e.resource.id)).toEqual(
        expect.arrayContaining([`POST /api/v1/prompt-governance/templates/:id/:version/approve`, `POST /api/v1/prompt-governance/templates/:id/:version/reject`]),
      );
    });
  });

  describe('protected labels', () => {
    it('lets only an approver move or remove production, refusing an editor with 403 recorded as REFUSED, while editors move other labels', async () => {
      const id = await approvedTemplate(t, 'protected-production');

      const refused = await t.http.put(`${PG}/templates/${id}/labels/production`).set(t.as('dave')).send({ version: 1 }).expect(403);
      expect(refused.body).toMatchObject({ status: 403, label: 'production', requiredRoles: ['approver'] });
      expect((await t.http.get(`${PG}/templates/${id}`).expect(200)).body.labels).toEqual([]);
      const [recorded] = await refusals(`actorId=user:dave&action=prompt.label.moved`);
      expect(recorded).toMatchObject({
        outcome: 'REFUSED',
        actor: actor('dave'),
        resource: { type: 'prompt-template', id },
        context: { version: null, label: 'production' },
        comment: 'protected label: needs the approver role',
      });

      const moved = await t.http.put(`${PG}/templates/${id}/labels/production`).set(t.as('carol')).send({ version: 1 }).expect(200);
      expect(moved.body.label).toMatchObject({ name: 'production', version: 1, movedBy: actor('carol') });
      const staging = await t.http.put(`${PG}/templates/${id}/labels/staging`).set(t.as('dave')).send({ version: 1 }).expect(200);
      expect(staging.body.label).toMatchObject({ name: 'staging', movedBy: actor('dave') });

      await t.http.delete(`${PG}/templates/${id}/labels/production`).set(t.as('dave')).expect(403);
      expect((await t.http.get(`${PG}/templates/${id}/labels/production`).expect(200)).body.label.movedBy).toEqual(actor('carol'));
      expect((await refusals(`actorId=user:dave&action=prompt.label.removed`))[0]).toMatchObject({ context: { label: 'production' } });
      await t.http.delete(`${PG}/templates/${id}/labels/staging`).set(t.as('dave')).expect(204);
      await t.http.delete(`${PG}/templates/${id}/labels/production`).set(t.as('carol')).expect(204);

      const history = (await t.http.get(`${PG}/templates/${id}/audit`).expect(200)).body.items as AuditItem[];
      expect(history.filter((e) => e.action.startsWith('prompt.label.')).map((e) => `${e.action} ${e.context?.label} ${e.outcome} ${e.actor.id}`)).toEqual([
        'prompt.label.moved production REFUSED user:dave',
        'prompt.label.moved production SUCCEEDED user:carol',
        'prompt.label.moved staging SUCCEEDED user:dave',
        'prompt.label.removed production REFUSED user:dave',
        'prompt.label.removed staging SUCCEEDED user:dave',
        'prompt.label.removed production SUCCEEDED user:carol',
      ]);
    });
  });
});
