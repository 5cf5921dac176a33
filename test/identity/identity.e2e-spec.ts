import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import request from 'supertest';

import { ApiKeysService } from '../../src/identity/api-keys/api-keys.service.js';
import { createTestApp, type TestApp } from '../harness/test-app.js';

const ME = '/api/v1/identity/me';
const KEYS = '/api/v1/identity/api-keys';
const EXPERIMENTS = '/api/v1/ml/lifecycle/experiments';
const BOOTSTRAP_KEY = `mlp_bootstrap_${'b'.repeat(40)}`;

describe('identity: OIDC tokens, API keys and the bootstrap key', () => {
  let t: TestApp;
  const bearer = (credential: string) => ({ Authorization: `Bearer ${credential}` });

  beforeAll(async () => {
    // No JWKS cooldown, so the rotation test sees a new key at once.
    t = await createTestApp('identity', { OIDC_JWKS_COOLDOWN_MS: '0', BOOTSTRAP_ADMIN_KEY: BOOTSTRAP_KEY });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('OIDC access tokens', () => {
    it('takes the identity from the token: stable id, display name and the roles its claim maps to', async () => {
      const me = await t.http.get(ME).set(t.as('alice')).expect(200);
      expect(me.body).toEqual({ id: 'user:alice', name: 'Alice Kim', kind: 'person', roles: ['editor', 'approver'], credential: 'oidc' });
    });

    it('ignores an X-Actor header: the principal is who the token says', async () => {
      const created = await t.http.post(EXPERIMENTS).set(t.as('alice')).set('X-Actor', 'bob').send({ name: 'actor-header' }).expect(201);
      const drift = await t.http.post('/api/v1/ml/lifecycle/models').set(t.as('alice')).set('X-Actor', 'bob').send({ name: 'actor-model' }).expect(201);
      expect(created.body.name).toBe('actor-header');
      const event = await t.http
        .post('/api/v1/ml/lifecycle/drift-events')
        .set(t.as('alice'))
        .set('X-Actor', 'bob')
        .send({ modelName: drift.body.name, features: ['f'], statistic: 'PSI', value: 0.01 })
        .expect(201);
      expect(event.body.recordedBy).toEqual({ id: 'user:alice', name: 'Alice Kim' });
    });

    it('refuses a request without credentials with 401 and a Bearer challenge', async () => {
      const res = await request(t.url).get(EXPERIMENTS).expect(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="mlops"');
      expect(res.body).toMatchObject({ status: 401, type: expect.stringContaining('unauthenticated') });
    });

    it.each([
      ['an expired token', { expiresIn: -120 }, /expired/],
      ['a token for another audience', { audience: 'someone-else' }, /aud/],
      ['a token of another issuer', { issuer: 'http://127.0.0.1:1/other' }, /iss/],
      ['a token not yet valid', { notBefore: 600 }, /nbf/],
    ])('refuses %s signed with the provider\'s real key', async (_, options, detail) => {
      const token = await t.services.oidc.signWithProviderKey({ sub: 'alice', roles: ['admin'], name: 'Alice Kim' }, options);
      const res = await request(t.url).get(ME).set(bearer(token)).expect(401);
      expect(res.body.detail).toMatch(detail);
      expect(res.headers['www-authenticate']).toMatch(/error="invalid_token"/);
    });

    it('refuses a forged token: signed with a key the provider does not publish, under its own or the real key id', async () => {
      const foreign = await t.services.oidc.signWithForeignKey({ sub: 'alice', roles: ['admin'] });
      await request(t.url).get(ME).set(bearer(foreign)).expect(401);
      const impostor = await t.services.oidc.signWithForeignKey({ sub: 'alice', roles: ['admin'] }, { kid: t.services.oidc.kid });
      await request(t.url).get(ME).set(bearer(impostor)).expect(401);
    });

    it('refuses a token signed with a shared secret (HS256), whatever it claims', async () => {
      const hs = await new SignJWT({ sub: 'alice', roles: ['admin'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(t.services.oidc.issuer)
        .setAudience(t.services.oidc.audience)
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode('x'.repeat(32)));
      await request(t.url).get(ME).set(bearer(hs)).expect(401);
    });
  });

  describe('API keys', () => {
    it('shows a key once, never lists its secret, acts as its owner, and stops working the moment it is revoked', async () => {
      const created = await t.http.post(KEYS).set(t.as('admin')).send({ name: 'pricing service', service: 'pricing', roles: ['editor'] }).expect(201);
      expect(created.body).toMatchObject({ owner: { id: 'service:pricing', name: 'pricing', kind: 'service' }, roles: ['editor'], createdBy: { id: 'user:admin' } });
      const secret: string = created.body.secret;
      expect(secret).toMatch(/^mlp_[A-Za-z0-9_-]{43}$/);
      expect(secret.startsWith(created.body.prefix)).toBe(true);

      const listed = (await t.http.get(`${KEYS}?ownerId=service:pricing`).set(t.as('admin')).expect(200)).body.items;
      expect(listed).toHaveLength(1);
      expect(JSON.stringify(listed)).not.toContain(secret);
      expect(listed[0]).not.toHaveProperty('secret');

      const me = await request(t.url).get(ME).set(bearer(secret)).expect(200);
      expect(me.body).toMatchObject({ id: 'service:pricing', kind: 'service', credential: 'api-key', keyId: created.body.id });
      await request(t.url).post(EXPERIMENTS).set(bearer(secret)).send({ name: 'by-key' }).expect(201);
      expect((await t.http.get(`${KEYS}/${created.body.id}`).set(t.as('admin')).expect(200)).body.lastUsedAt).not.toBeNull();

      await t.http.post(`${KEYS}/${created.body.id}/revoke`).set(t.as('admin')).expect(200);
      await request(t.url).get(ME).set(bearer(secret)).expect(401);
      await t.http.post(`${KEYS}/${created.body.id}/revoke`).set(t.as('admin')).expect(409);
      const audit = (await t.http.get(`/api/v1/audit?resourceType=api-key&resourceId=${created.body.id}`).expect(200)).body.items;
      expect(audit.map((e: { action: string; actor: { id: string } }) => [e.action, e.actor.id])).toEqual([
        ['identity.api-key.revoked', 'user:admin'],
        ['identity.api-key.created', 'user:admin'],
      ]);
    });

    it('stops a key at its expiry', async () => {
      const expiresAt = new Date(Date.now() + 1500).toISOString();
      const created = await t.http.post(KEYS).set(t.as('admin')).send({ name: 'short-lived', service: 'batch', roles: ['viewer'], expiresAt }).expect(201);
      await request(t.url).get(ME).set(bearer(created.body.secret)).expect(200);
      await new Promise((resolve) => setTimeout(resolve, 1800));
      await request(t.url).get(ME).set(bearer(created.body.secret)).expect(401);
      await t.http.post(KEYS).set(t.as('admin')).send({ name: 'already-expired', service: 'batch', roles: ['viewer'], expiresAt: '2020-01-01T00:00:00Z' }).expect(422);
    });

    it('never gives a service the approver role, a person the trainer role, or a trainer key no queue', async () => {
      const service = await t.http.post(KEYS).set(t.as('root')).send({ name: 'ci', service: 'ci', roles: ['approver'] }).expect(400);
      expect(service.body.errors[0]).toMatchObject({ field: 'roles', message: expect.stringContaining('only people approve') });
      await t.http.post(KEYS).set(t.as('root')).send({ name: 'me as trainer', roles: ['trainer'] }).expect(400);
      await t.http.post(KEYS).set(t.as('admin')).send({ name: 'trainer', service: 'risk', roles: ['trainer'] }).expect(400);
      await t.http.post(KEYS).set(t.as('admin')).send({ name: 'trainer', service: 'risk', roles: ['trainer'], trainerQueues: ['risk-models'] }).expect(201);
    });

    it('lets a person mint a key only with roles they hold, and only an admin mint keys at all', async () => {
      const beyond = await t.http.post(KEYS).set(t.as('admin')).send({ name: 'escalate', roles: ['admin', 'approver'] }).expect(403);
      expect(beyond.body.roles).toEqual(['approver']);
      await t.http.post(KEYS).set(t.as('tester')).send({ name: 'not an admin', roles: ['editor'] }).expect(403);
      const own = await t.http.post(KEYS).set(t.as('root')).send({ name: 'root approver', roles: ['approver'] }).expect(201);
      expect((await request(t.url).get(ME).set(bearer(own.body.secret)).expect(200)).body).toMatchObject({ id: 'user:root', name: 'Rita Root', roles: ['approver'] });
    });

    it('refuses a malformed, unknown or oversized credential with 401', async () => {
      await request(t.url).get(ME).set('Authorization', 'Basic YWxpY2U6eA==').expect(401);
      await request(t.url).get(ME).set(bearer(`mlp_${'x'.repeat(43)}`)).expect(401);
      await request(t.url).get(ME).set(bearer('not-a-credential')).expect(401);
      await request(t.url).get(ME).set(bearer(`a.${'b'.repeat(10_000)}.c`)).expect(401);
    });
  });

  describe('the bootstrap admin key', () => {
    it('makes the first admin key from BOOTSTRAP_ADMIN_KEY, once, and never brings it back once revoked', async () => {
      const me = await request(t.url).get(ME).set(bearer(BOOTSTRAP_KEY)).expect(200);
      expect(me.body).toMatchObject({ id: 'bootstrap:admin', roles: ['admin', 'editor'], credential: 'api-key' });
      const sut = t.app.get(ApiKeysService);
      await expect(sut.bootstrap(BOOTSTRAP_KEY)).resolves.toBe('skipped');
      const keys = (await t.http.get(`${KEYS}?ownerId=bootstrap:admin`).set(t.as('admin')).expect(200)).body.items;
      expect(keys).toHaveLength(1);
      await t.http.post(`${KEYS}/${keys[0].id}/revoke`).set(t.as('admin')).expect(200);
      await expect(sut.bootstrap(BOOTSTRAP_KEY)).resolves.toBe('skipped');
      await request(t.url).get(ME).set(bearer(BOOTSTRAP_KEY)).expect(401);
    });
  });

  // Last: the rotation retires the key every token issued so far was signed with.
  describe('key rotation', () => {
    it('follows a key rotation of the provider without a restart, and refuses tokens of the retired key', async () => {
      const before = await t.services.oidc.token('dave');
      await request(t.url).get(ME).set(bearer(before)).expect(200);
      await t.services.oidc.rotateKeys();
      const after = await t.services.oidc.token('dave');
      const me = await request(t.url).get(ME).set(bearer(after)).expect(200);
      expect(me.body.id).toBe('user:dave');
      await request(t.url).get(ME).set(bearer(before)).expect(401);
    });
  });
});
