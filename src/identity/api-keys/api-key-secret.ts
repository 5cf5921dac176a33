import { createHash, randomBytes } from 'node:crypto';

/** `mlp_` then 43 characters of base64url: 256 random bits, recognisable in logs and by secret scanners. */
export const API_KEY_PREFIX = 'mlp_';
const SHOWN_CHARACTERS = 12;

export function newApiKeySecret(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * Keys are stored only as this hash. A fast hash is enough: the secret is 256 random bits, so there is
 * nothing to guess, unlike a password.
 */
export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function displayPrefix(secret: string): string {
  return secret.slice(0, SHOWN_CHARACTERS);
}
