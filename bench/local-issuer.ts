/**
 * A minimal OpenID issuer on 127.0.0.1 for benchmarks that need a person: only people hold the approver
 * role, so promotions and prompt approvals need an OIDC access token. It serves the discovery document and
 * the JWKS the API fetches, and signs ES256 tokens; the API verifies them exactly as it verifies the company
 * provider's. Call `useLocalIssuer` before `startApi`, so the configuration names it.
 */
import { createServer, type Server } from 'node:http';

import { exportJWK, generateKeyPair, SignJWT } from 'jose';

const AUDIENCE = 'mlops-bench';
const KEY_ID = 'bench';

export interface LocalIssuer {
  /** An access token for the person `subject` holding `roles`, valid for an hour. */
  token(subject: string, name: string, roles: string[]): Promise<string>;
  close(): Promise<void>;
}

export async function useLocalIssuer(): Promise<LocalIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: KEY_ID, alg: 'ES256', use: 'sig' }] });
  let issuer = '';
  const server: Server = createServer((request, response) => {
    const body =
      request.url === '/.well-known/openid-configuration' ? JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }) : request.url === '/jwks' ? jwks : null;
    response.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(body ?? '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  process.env.OIDC_ISSUER = issuer;
  process.env.OIDC_AUDIENCE = AUDIENCE;
  return {
    token: (subject, name, roles) =>
      new SignJWT({ name, roles })
        .setProtectedHeader({ alg: 'ES256', kid: KEY_ID })
        .setIssuer(issuer)
        .setAudience(AUDIENCE)
        .setSubject(subject)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
