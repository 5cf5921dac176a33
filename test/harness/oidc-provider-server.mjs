// A real OpenID provider (oidc-provider) on loopback for e2e tests, started by test/harness/oidc.ts.
//
// Every persona is a confidential client that obtains a JWT access token with the client
// credentials grant; the token's `sub` is the client id, which is the persona id.
//
// Environment:
//   OIDC_TEST_PORT                port to listen on, 0 (default) picks a free one
//   OIDC_TEST_PERSONAS            JSON array of { id, name, roles }
//   OIDC_TEST_AUDIENCE            `aud` of the access tokens (default mlops-api)
//   OIDC_TEST_KEYS_FILE           JSON Web Key Set with the private signing keys
//   OIDC_TEST_TOKEN_TTL_SECONDS   access token lifetime (default 600)
//   OIDC_TEST_EXIT_ON_STDIN_EOF   1 = exit when stdin closes (the parent died)
import * as fs from 'node:fs';
import * as http from 'node:http';

// The only resource server the tokens are for. Resource indicators must be absolute URIs,
// while the audience the platform checks is a plain name, so the two differ.
const RESOURCE = 'urn:mlops:api';
const SCOPE = 'api';

// Development-only notices that say nothing about a test provider: the in-memory adapter
// (JWT access tokens are never stored, so nothing is lost on restart) and the Node.js
// release check (oidc-provider 9 asks for Node.js 22, and runs fine on the 20 we test on).
const EXPECTED_NOTICES = [
  'oidc-provider WARNING: a quick start development-only in-memory adapter is used',
  'oidc-provider WARNING: Unsupported runtime.',
];

// `includes`, not `startsWith`: on a terminal the notices are wrapped in colour codes.
function silenceExpectedNotices() {
  const warn = console.warn.bind(console);
  console.warn = (message, ...rest) => {
    if (typeof message === 'string' && EXPECTED_NOTICES.some((notice) => message.includes(notice))) {
      return;
    }
    warn(message, ...rest);
  };
}

function readSettings(env) {
  if (!env.OIDC_TEST_KEYS_FILE) {
    throw new Error('OIDC_TEST_KEYS_FILE is required');
  }
  return {
    port: Number(env.OIDC_TEST_PORT ?? 0),
    personas: JSON.parse(env.OIDC_TEST_PERSONAS ?? '[]'),
    audience: env.OIDC_TEST_AUDIENCE || 'mlops-api',
    jwks: JSON.parse(fs.readFileSync(env.OIDC_TEST_KEYS_FILE, 'utf8')),
    tokenTtlSeconds: Number(env.OIDC_TEST_TOKEN_TTL_SECONDS ?? 600),
    exitOnStdinEof: env.OIDC_TEST_EXIT_ON_STDIN_EOF === '1',
  };
}

function clientFor(persona) {
  return {
    client_id: persona.id,
    client_secret: `${persona.id}-secret`,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_post',
  };
}

function configuration(settings) {
  const personas = new Map(settings.personas.map((persona) => [persona.id, persona]));
  return {
    clients: settings.personas.map(clientFor),
    jwks: settings.jwks,
    ttl: { ClientCredentials: settings.tokenTtlSeconds },
    features: {
      clientCredentials: { enabled: true },
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        getResourceServerInfo: () => ({
          scope: SCOPE,
          audience: settings.audience,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
        useGrantedResource: () => true,
      },
    },
    extraTokenClaims: (_ctx, token) => {
      const persona = personas.get(token.clientId);
      return persona ? { name: persona.name, roles: persona.roles } : undefined;
    },
  };
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server.address().port));
  });
}

function exitWhenAsked(server, exitOnStdinEof) {
  const exit = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.once('SIGTERM', exit);
  process.once('SIGINT', exit);
  if (exitOnStdinEof) {
    process.stdin.once('end', exit);
    process.stdin.once('close', exit);
    process.stdin.resume();
  }
}

async function main() {
  silenceExpectedNotices();
  const settings = readSettings(process.env);
  // Imported after the console filter: the runtime check runs at import time.
  const { default: Provider } = await import('oidc-provider');

  // Listening before the provider exists tells us the port (and so the issuer) without
  // probing for a free port first; nobody knows the port until the line below is printed.
  const server = http.createServer();
  const port = await listen(server, settings.port);
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, configuration(settings));
  server.on('request', provider.callback());
  exitWhenAsked(server, settings.exitOnStdinEof);

  process.stdout.write(`oidc-provider listening on ${issuer}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
