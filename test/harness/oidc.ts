// A real OpenID provider (the certified oidc-provider package) on loopback, run as a child
// process of the test process by oidc-provider-server.mjs, plus the token helpers e2e suites
// use to authenticate as a persona or to craft tokens the platform must refuse.
//
// Paths are resolved from process.cwd(): tests run from the repo root.
// (No import.meta here, so that ts-jest can compile this file in either module mode.)
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

import { spawnTied } from './local-services.js';

const SERVER_SCRIPT = path.join(process.cwd(), 'test', 'harness', 'oidc-provider-server.mjs');
const READY_LINE = /oidc-provider listening on (http:\/\/127\.0\.0\.1:(\d+))/;
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;
const OUTPUT_TAIL_CHARS = 4_000;
// A cached token is renewed once less than this remains, so a request never races its expiry.
const TOKEN_RENEW_MARGIN_S = 30;
const ALG = 'RS256';

export interface Persona {
  id: string;
  name: string;
  roles: string[];
}

const persona = (id: string, name: string, ...roles: string[]): Persona => ({ id, name, roles });

/** The people the e2e suites act as; each is a client of the provider with the secret `${id}-secret`. */
export const DEFAULT_PERSONAS: Persona[] = [
  persona('admin', 'Platform Admin', 'admin'),
  persona('tester', 'Test Editor', 'editor'),
  persona('alice', 'Alice Kim', 'editor', 'approver'),
  persona('bob', 'Bob Novak', 'editor', 'approver'),
  persona('carol', 'Carol Reyes', 'approver'),
  persona('dave', 'Dave Okafor', 'editor'),
  persona('erin', 'Erin Walsh', 'editor'),
  persona('viewer', 'Read-only Viewer', 'viewer'),
  persona('ops', 'Ops Engineer', 'admin', 'editor'),
  persona('auditor', 'Internal Auditor', 'viewer'),
  persona('approver', 'Release Approver', 'approver'),
  persona('author-a', 'Author A', 'editor'),
  persona('reviewer-b', 'Reviewer B', 'approver'),
  persona('analyst-1', 'Analyst One', 'editor'),
  persona('analyst-2', 'Analyst Two', 'editor'),
  persona('compliance', 'Compliance Officer', 'approver'),
  persona('risk.desk', 'Risk Desk', 'approver'),
  persona('quant.alice', 'Alice Quant', 'editor', 'approver'),
  persona('quant.bob', 'Bob Quant', 'editor', 'approver'),
  persona('drift-monitor', 'Drift Monitor', 'editor'),
  persona('reviewer', 'Model Reviewer', 'approver'),
  persona('quant-ops', 'Quant Ops', 'admin', 'editor'),
  persona('root', 'Rita Root', 'admin', 'editor', 'approver'),
];

export interface OidcProviderOptions {
  personas?: Persona[];
  /** `aud` of the access tokens; default mlops-api. */
  audience?: string;
  /** Default: a free port chosen by the provider process. */
  port?: number;
  /** Access token lifetime; default 600. */
  tokenTtlSeconds?: number;
}

/** Time values: a number is seconds from now (negative = in the past), a string is a jose time span ('10m', '-1h'). */
export interface CraftedTokenOptions {
  /** Default '10m'. */
  expiresIn?: string | number;
  notBefore?: string | number;
  /** Default: the provider's issuer. */
  issuer?: string;
  /** Default: the provider's audience. */
  audience?: string;
  /** `kid` header; default: the signing key's own id. */
  kid?: string;
}

export interface OidcProvider {
  issuer: string;
  audience: string;
  jwksUri: string;
  port: number;
  /** The id of the key the provider signs with now (changes on rotateKeys()). */
  readonly kid: string;
  /** An access token for the persona from the real token endpoint, reused until shortly before it expires. */
  token(personaId: string): Promise<string>;
  /** Restarts the provider on the same port with a new signing key; the JWKS then serves only that key. */
  rotateKeys(): Promise<void>;
  /** For negative tests: a token signed with the provider's real current key, with the claims and times given. */
  signWithProviderKey(claims: Record<string, unknown>, options?: CraftedTokenOptions): Promise<string>;
  /** For negative tests: a token signed with a key the provider never published. */
  signWithForeignKey(claims: Record<string, unknown>, options?: CraftedTokenOptions): Promise<string>;
  stop(): Promise<void>;
}

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  privateJwk: JWK;
}

interface CachedToken {
  value: string;
  expiresAt: number;
}

// ------------------------------------------------------------------ keys and crafted tokens

async function newSigningKey(kidPrefix: string): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  const kid = `${kidPrefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid, alg: ALG, use: 'sig' };
  return { kid, privateKey, privateJwk };
}

function writeKeysFile(file: string, key: SigningKey): void {
  fs.writeFileSync(file, JSON.stringify({ keys: [key.privateJwk] }), { mode: 0o600 });
}

function timeClaim(value: string | number): string | number {
  return typeof value === 'number' ? Math.floor(Date.now() / 1000) + value : value;
}

async function signToken(
  key: SigningKey,
  claims: Record<string, unknown>,
  defaults: { issuer: string; audience: string },
  options: CraftedTokenOptions,
): Promise<string> {
  // Same header shape as the provider's own access tokens (RFC 9068), so only the chosen
  // claim or key differs from a genuine token.
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: ALG, typ: 'at+jwt', kid: options.kid ?? key.kid })
    .setIssuer(options.issuer ?? defaults.issuer)
    .setAudience(options.audience ?? defaults.audience)
    .setIssuedAt()
    .setExpirationTime(timeClaim(options.expiresIn ?? '10m'));
  if (options.notBefore !== undefined) {
    jwt.setNotBefore(timeClaim(options.notBefore));
  }
  return jwt.sign(key.privateKey);
}

// ------------------------------------------------------------------ the provider process

interface ServerSettings {
  personas: Persona[];
  audience: string;
  tokenTtlSeconds: number;
  keysFile: string;
}

interface RunningServer {
  child: ChildProcess;
  issuer: string;
  port: number;
  exited: Promise<void>;
}

/** Ties the child's life to this process without keeping the test runner's event loop alive. */
function tieToThisProcess(child: ChildProcess, exited: Promise<void>): void {
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    (stream as net.Socket | null)?.unref?.();
  }
  const kill = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', kill);
  void exited.then(() => process.removeListener('exit', kill));
}

function waitUntilListening(child: ChildProcess, output: () => string): Promise<{ issuer: string; port: number }> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onStdout);
      child.off('exit', onExit);
      child.off('error', onError);
    };
    const fail = (message: string): void => {
      cleanup();
      child.kill('SIGKILL');
      reject(new Error(`${message}\n---- oidc-provider output (tail) ----\n${output()}`));
    };
    const onStdout = (): void => {
      const match = READY_LINE.exec(output());
      if (match) {
        cleanup();
        resolve({ issuer: match[1], port: Number(match[2]) });
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
      fail(`oidc-provider exited during startup (code ${code}, signal ${signal})`);
    const onError = (error: Error): void => fail(`could not start oidc-provider: ${error.message}`);
    const timer = setTimeout(
      () => fail(`oidc-provider did not report "listening" within ${START_TIMEOUT_MS / 1000}s`),
      START_TIMEOUT_MS,
    );
    child.stdout?.on('data', onStdout);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

async function launchServer(settings: ServerSettings, port: number): Promise<RunningServer> {
  const child = spawnTied(process.execPath, [SERVER_SCRIPT], {
    // stdin stays an open pipe: the server exits when it closes (this process died).
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...process.env,
      OIDC_TEST_PORT: String(port),
      OIDC_TEST_PERSONAS: JSON.stringify(settings.personas),
      OIDC_TEST_AUDIENCE: settings.audience,
      OIDC_TEST_KEYS_FILE: settings.keysFile,
      OIDC_TEST_TOKEN_TTL_SECONDS: String(settings.tokenTtlSeconds),
      OIDC_TEST_EXIT_ON_STDIN_EOF: '1',
    },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  tieToThisProcess(child, exited);

  let tail = '';
  const keepTail = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', keepTail);
  child.stderr?.on('data', keepTail);

  const { issuer, port: boundPort } = await waitUntilListening(child, () => tail);
  return { child, issuer, port: boundPort, exited };
}

async function stopServer(server: RunningServer): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) {
    return;
  }
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await server.exited;
  clearTimeout(timer);
}

// ------------------------------------------------------------------ tokens from the provider

async function requestToken(tokenEndpoint: string, personaId: string): Promise<CachedToken> {
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: personaId,
      client_secret: `${personaId}-secret`,
      scope: 'api',
    }),
  });
  const body = (await response.json()) as { access_token?: string; expires_in?: number; error_description?: string };
  if (!response.ok || !body.access_token || !body.expires_in) {
    throw new Error(`token request for "${personaId}" failed: ${response.status} ${JSON.stringify(body)}`);
  }
  return { value: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
}

async function discover(issuer: string): Promise<{ jwksUri: string; tokenEndpoint: string }> {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`);
  if (!response.ok) {
    throw new Error(`oidc-provider discovery failed: ${response.status}`);
  }
  const document = (await response.json()) as { jwks_uri: string; token_endpoint: string };
  return { jwksUri: document.jwks_uri, tokenEndpoint: document.token_endpoint };
}

// ------------------------------------------------------------------ public API

/** Starts oidc-provider on 127.0.0.1; the issuer is http://127.0.0.1:<port>. */
export async function startOidcProvider(options: OidcProviderOptions = {}): Promise<OidcProvider> {
  const personas = options.personas ?? DEFAULT_PERSONAS;
  const audience = options.audience ?? 'mlops-api';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-oidc-'));
  const settings: ServerSettings = {
    personas,
    audience,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 600,
    keysFile: path.join(dir, 'jwks.json'),
  };

  let signingKey = await newSigningKey('provider');
  writeKeysFile(settings.keysFile, signingKey);
  let server = await launchServer(settings, options.port ?? 0);
  const { issuer, port } = server;
  const { jwksUri, tokenEndpoint } = await discover(issuer);

  const cache = new Map<string, CachedToken>();
  const knownIds = new Set(personas.map((p) => p.id));
  let foreignKey: Promise<SigningKey> | undefined;

  return {
    issuer,
    audience,
    jwksUri,
    port,
    get kid() {
      return signingKey.kid;
    },
    async token(personaId) {
      if (!knownIds.has(personaId)) {
        throw new Error(`unknown persona "${personaId}"; known: ${[...knownIds].join(', ')}`);
      }
      const cached = cache.get(personaId);
      if (cached && cached.expiresAt - Date.now() > TOKEN_RENEW_MARGIN_S * 1000) {
        return cached.value;
      }
      const fresh = await requestToken(tokenEndpoint, personaId);
      cache.set(personaId, fresh);
      return fresh.value;
    },
    async rotateKeys() {
      signingKey = await newSigningKey('provider');
      writeKeysFile(settings.keysFile, signingKey);
      cache.clear();
      await stopServer(server);
      server = await launchServer(settings, port);
    },
    signWithProviderKey(claims, craft = {}) {
      return signToken(signingKey, claims, { issuer, audience }, craft);
    },
    async signWithForeignKey(claims, craft = {}) {
      foreignKey ??= newSigningKey('foreign');
      return signToken(await foreignKey, claims, { issuer, audience }, craft);
    },
    async stop() {
      cache.clear();
      await stopServer(server);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
