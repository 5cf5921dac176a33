import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';

import { freePort } from './local-services.js';
import { startOidcProvider, type OidcProvider } from './oidc.js';

describe('oidc-provider test harness', () => {
  let sut: OidcProvider;
  let jwks: ReturnType<typeof createRemoteJWKSet>;

  // What a resource server does with a bearer token: RFC 9068 access token, issuer's keys.
  const verify = (token: string) =>
    jwtVerify(token, jwks, { issuer: sut.issuer, audience: sut.audience, algorithms: ['RS256'], typ: 'at+jwt' });

  beforeAll(async () => {
    sut = await startOidcProvider();
    // No cooldown: the key rotation test needs an unknown kid to refetch the JWKS at once.
    jwks = createRemoteJWKSet(new URL(sut.jwksUri), { cooldownDuration: 0 });
  });

  afterAll(async () => {
    await sut?.stop();
  });

  it('publishes a discovery document for its loopback issuer', async () => {
    const response = await fetch(`${sut.issuer}/.well-known/openid-configuration`);
    const document = (await response.json()) as Record<string, unknown>;

    expect(sut.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(document).toMatchObject({ issuer: sut.issuer, jwks_uri: sut.jwksUri });
    expect(document.grant_types_supported).toContain('client_credentials');
  });

  it("issues alice a JWT access token carrying her id, roles and name that verifies against the issuer's JWKS", async () => {
    const { payload, protectedHeader } = await verify(await sut.token('alice'));

    expect(protectedHeader.kid).toBe(sut.kid);
    expect(payload).toMatchObject({
      sub: 'alice',
      name: 'Alice Kim',
      roles: ['editor', 'approver'],
      iss: sut.issuer,
      aud: 'mlops-api',
    });
  });

  it("gives each persona a token with that persona's subject", async () => {
    const { payload } = await verify(await sut.token('risk.desk'));

    expect(payload).toMatchObject({ sub: 'risk.desk', roles: ['approver'] });
  });

  it('hands out the same token for a persona while it is fresh', async () => {
    expect(await sut.token('bob')).toBe(await sut.token('bob'));
  });

  it('refuses a token for a persona it does not know', async () => {
    await expect(sut.token('mallory')).rejects.toThrow('unknown persona "mallory"');
  });

  it('accepts a token signed with the provider key when nothing else is wrong', async () => {
    const { payload } = await verify(await sut.signWithProviderKey({ sub: 'alice', roles: ['editor'] }));

    expect(payload.sub).toBe('alice');
  });

  it('has a token signed with a foreign key under the provider kid refused', async () => {
    const forged = await sut.signWithForeignKey({ sub: 'admin', roles: ['admin'] }, { kid: sut.kid });

    await expect(verify(forged)).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });

  it('has a token signed with a key the issuer never published refused', async () => {
    const forged = await sut.signWithForeignKey({ sub: 'admin', roles: ['admin'] });

    await expect(verify(forged)).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
  });

  it('has an expired token refused', async () => {
    const expired = await sut.signWithProviderKey({ sub: 'alice' }, { expiresIn: -60 });

    await expect(verify(expired)).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });
  });

  it('has a token for another audience refused', async () => {
    const token = await sut.signWithProviderKey({ sub: 'alice' }, { audience: 'another-api' });

    await expect(verify(token)).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'aud' });
  });

  it('has a token from another issuer refused', async () => {
    const token = await sut.signWithProviderKey({ sub: 'alice' }, { issuer: 'http://127.0.0.1:1' });

    await expect(verify(token)).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'iss' });
  });

  it('rotates to a new key on the same issuer: new tokens verify, tokens under the old key no longer do', async () => {
    const oldToken = await sut.token('alice');
    const oldKid = decodeProtectedHeader(oldToken).kid;
    const issuer = sut.issuer;

    await sut.rotateKeys();
    const newToken = await sut.token('alice');
    const newKid = decodeProtectedHeader(newToken).kid;
    const published = (await (await fetch(sut.jwksUri)).json()) as { keys: { kid: string }[] };

    expect(sut.issuer).toBe(issuer);
    expect(newKid).not.toBe(oldKid);
    expect(published.keys.map((k) => k.kid)).toEqual([newKid]);
    // The new kid is unknown to the cached key set, which makes jose refetch it; only then
    // does the cache lose the old key.
    await expect(verify(newToken)).resolves.toMatchObject({ payload: { sub: 'alice' } });
    await expect(verify(oldToken)).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
  });

});

describe('oidc-provider test harness with options', () => {
  let sut: OidcProvider;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    sut = await startOidcProvider({
      personas: [{ id: 'alice', name: 'Alice Kim', roles: ['editor'] }],
      audience: 'other-api',
      port,
      tokenTtlSeconds: 5,
    });
  });

  afterAll(async () => {
    await sut?.stop();
  });

  it('listens on the requested port with tokens for the requested audience and lifetime', async () => {
    const { payload } = await jwtVerify(await sut.token('alice'), createRemoteJWKSet(new URL(sut.jwksUri)), {
      issuer: `http://127.0.0.1:${port}`,
      audience: 'other-api',
    });

    expect(payload.exp! - payload.iat!).toBe(5);
  });

  it('fetches a new token when the cached one is about to expire', async () => {
    expect(await sut.token('alice')).not.toBe(await sut.token('alice'));
  });

  it('stops for good: its port refuses connections afterwards', async () => {
    await sut.stop();

    await expect(fetch(`${sut.issuer}/jwks`)).rejects.toThrow();
  });
});
