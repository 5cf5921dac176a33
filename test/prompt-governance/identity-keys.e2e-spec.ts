import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';

import { DEFAULT_PERSONAS, startOidcProvider, type OidcProvider, type Persona } from '../harness/oidc.js';
import { createTestApp, type TestApp } from '../harness/test-app.js';
import { PG, templateBody } from './prompt-fixtures.js';

/**
 * People who approve and also script against the platform: a lead holds admin (to mint keys), editor and
 * approver, so a key they mint for themselves may approve, and only four eyes by identity stands between
 * them and their own version. A namesake shares the lead's display name and nothing else.
 */
const PERSONAS: Persona[] = [
  ...DEFAULT_PERSONAS,
  { id: 'lead', name: 'Team Lead', roles: ['admin', 'editor', 'approver'] },
  { id: 'namesake', name: 'Team Lead', roles: ['approver'] },
];
const LEAD = { id: 'user:lead', name: 'Team Lead' };

describe('prompt governance four eyes across credentials', () => {
  let oidc: OidcProvider;
  let t: TestApp;

  beforeAll(async () => {
    // This suite's own provider, which knows the extra personas; the app trusts it instead of the harness's.
    oidc = await startOidcProvider({ personas: PERSONAS, tokenTtlSeconds: 3600 });
    t = await createTestApp('prompt_identity_keys', { OIDC_ISSUER: oidc.issuer, OIDC_AUDIENCE: oidc.audience });
  });

  afterAll(async () => {
    await t?.close();
    await oidc?.stop();
  });

  const as = async (persona: string) => ({ Authorization: `Bearer ${await oidc.token(persona)}` });
  const http = () => request(t.url);

  async function mintKey(persona: string, roles: string[]): Promise<{ Authorization: string }> {
    const minted = await http().post('/api/v1/identity/api-keys').set(await as(persona)).send({ name: `${persona}-script`, roles }).expect(201);
    expect(minted.body.owner).toEqual({ ...LEAD, kind: 'person' });
    return { Authorization: `Bearer ${minted.body.secret as string}` };
  }

  it('refuses the author their own approval whether they use their token or an API key they minted, and records both refusals', async () => {
    const created = await http().post(`${PG}/templates`).set(await as('lead')).send(templateBody('lead-authored')).expect(201);
    const id = created.body.template.id as string;
    expect(created.body.version.author).toEqual(LEAD);
    const key = await mintKey('lead', ['editor', 'approver']);
    await http().post(`${PG}/templates/${id}/1/submit`).set(key).send({}).expect(200);

    const withKey = await http().post(`${PG}/templates/${id}/1/approve`).set(key).send({}).expect(403);
    expect(withKey.body).toMatchObject({ rule: 'four-eyes', role: 'author' });
    const withToken = await http().post(`${PG}/templates/${id}/1/approve`).set(await as('lead')).send({}).expect(403);
    expect(withToken.body).toMatchObject({ rule: 'four-eyes', role: 'author' });
    await http().post(`${PG}/templates/${id}/1/reject`).set(key).send({ comment: 'self-review' }).expect(403);

    const version = await http().get(`${PG}/templates/${id}/1`).set(await as('viewer')).expect(200);
    expect(version.body).toMatchObject({ status: 'IN_REVIEW', submittedBy: LEAD, reviewedBy: null });
    const refused = await http().get(`/api/v1/audit?outcome=REFUSED&resourceId=${id}`).set(await as('viewer')).expect(200);
    expect(refused.body.items.map((e: { action: string; actor: unknown }) => [e.action, e.actor])).toEqual([
      ['prompt.version.rejected', LEAD],
      ['prompt.version.approved', LEAD],
      ['prompt.version.approved', LEAD],
    ]);
  });

  it('refuses the submitter who used a key and approves with their token', async () => {
    const id = (await http().post(`${PG}/templates`).set(await as('alice')).send(templateBody('lead-submitted')).expect(201)).body.template.id as string;
    const key = await mintKey('lead', ['editor']);
    const submitted = await http().post(`${PG}/templates/${id}/1/submit`).set(key).send({}).expect(200);
    expect(submitted.body.submittedBy).toEqual(LEAD);

    const refused = await http().post(`${PG}/templates/${id}/1/approve`).set(await as('lead')).send({}).expect(403);
    expect(refused.body).toMatchObject({ rule: 'four-eyes', role: 'submitter' });
    expect((await http().get(`${PG}/templates/${id}/1`).set(await as('viewer')).expect(200)).body.status).toBe('IN_REVIEW');
  });

  it('compares people by id, not by name: a namesake of the author is another person and may approve', async () => {
    const id = (await http().post(`${PG}/templates`).set(await as('lead')).send(templateBody('namesake-review')).expect(201)).body.template.id as string;
    await http().post(`${PG}/templates/${id}/1/submit`).set(await as('lead')).send({}).expect(200);
    const approved = await http().post(`${PG}/templates/${id}/1/approve`).set(await as('namesake')).send({ comment: 'four eyes' }).expect(200);
    expect(approved.body).toMatchObject({ status: 'APPROVED', author: LEAD, reviewedBy: { id: 'user:namesake', name: 'Team Lead' } });
  });
});
