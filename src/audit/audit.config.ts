import { createPrivateKey, type KeyObject } from 'node:crypto';

import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

import { assertNoProblems, readEnvironment } from '../common/config/environment.js';

class AuditEnvironment {
  @IsOptional() @IsString()
  AUDIT_CHECKPOINT_KEY?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(10) @Max(86_400, { message: 'AUDIT_CHECKPOINT_INTERVAL_SECONDS must be between 10 and 86400' })
  AUDIT_CHECKPOINT_INTERVAL_SECONDS?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1000) @Max(3_600_000, { message: 'AUDIT_HEAL_INTERVAL_MS must be between 1000 and 3600000' })
  AUDIT_HEAL_INTERVAL_MS?: number;
}

export interface AuditConfig {
  /** Ed25519 private key that signs checkpoints of the chain head; the database never holds it. Null: no checkpoints. */
  checkpointKey: KeyObject | null;
  checkpointIntervalSeconds: number;
  /** How often a process appends audit drafts left pending by an interrupted change. */
  healIntervalMs: number;
}

export type AuditConfigNamespace = { audit: AuditConfig };

export function loadAuditConfig(raw: Record<string, string | undefined>): AuditConfig {
  const { problems } = readEnvironment(AuditEnvironment, raw);
  const checkpointKey = raw.AUDIT_CHECKPOINT_KEY ? parseEd25519(raw.AUDIT_CHECKPOINT_KEY, problems) : null;
  assertNoProblems('audit', problems);
  return {
    checkpointKey,
    checkpointIntervalSeconds: Number(raw.AUDIT_CHECKPOINT_INTERVAL_SECONDS ?? 300),
    healIntervalMs: Number(raw.AUDIT_HEAL_INTERVAL_MS ?? 30_000),
  };
}

/** A PKCS#8 PEM (newlines may be written as \n, as environment variables often carry them). */
function parseEd25519(text: string, problems: string[]): KeyObject | null {
  try {
    const key = createPrivateKey(text.includes('\\n') ? text.replace(/\\n/g, '\n') : text);
    if (key.asymmetricKeyType !== 'ed25519') {
      problems.push(`AUDIT_CHECKPOINT_KEY must be an Ed25519 private key, not ${key.asymmetricKeyType}`);
      return null;
    }
    return key;
  } catch {
    problems.push('AUDIT_CHECKPOINT_KEY must be an Ed25519 private key in PKCS#8 PEM (openssl genpkey -algorithm ed25519)');
    return null;
  }
}

export const auditConfig = registerAs('audit', (): AuditConfig => loadAuditConfig(process.env));
