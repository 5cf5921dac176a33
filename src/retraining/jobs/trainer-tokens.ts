import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

import { Injectable, type OnModuleInit } from '@nestjs/common';

import { jobTrainerId, type Principal } from '../../common/auth/principal.js';
import { CredentialResolvers } from '../../identity/index.js';
import { RetrainingJobsRepository } from './retraining-jobs.repository.js';

const TRAINER_TOKEN_PREFIX = 'mlpj_';
const TOKEN_SHAPE = /^mlpj_([0-9a-f]{24})_[A-Za-z0-9_-]{43}$/;

/**
 * Each execution of a retraining job gets its own token, good for that one job only (claim, progress,
 * complete, fail) and until the job's result deadline. Command trainers find it in MLOPS_JOB_TOKEN, webhook
 * trainers in the payload's `credentials`. Only its hash is stored, on the job.
 */
@Injectable()
export class TrainerTokens implements OnModuleInit {
  constructor(
    private readonly jobs: RetrainingJobsRepository,
    private readonly resolvers: CredentialResolvers,
  ) {}

  onModuleInit(): void {
    this.resolvers.register(TRAINER_TOKEN_PREFIX, (token) => this.resolve(token));
  }

  async issue(jobId: string, expiresAt: Date): Promise<{ token: string; expiresAt: Date }> {
    const token = `${TRAINER_TOKEN_PREFIX}${jobId}_${randomBytes(32).toString('base64url')}`;
    await this.jobs.addTrainerToken(jobId, { hash: hashOf(token), expiresAt });
    return { token, expiresAt };
  }

  /** The trainer of the job the token names, or null when the token is unknown or expired. */
  async resolve(token: string): Promise<Principal | null> {
    const jobId = TOKEN_SHAPE.exec(token)?.[1];
    if (!jobId) return null;
    const job = await this.jobs.findById(jobId);
    if (!job) return null;
    const hash = Buffer.from(hashOf(token), 'hex');
    const now = new Date();
    const valid = job.trainerTokens.some((stored) => stored.expiresAt > now && timingSafeEqual(Buffer.from(stored.hash, 'hex'), hash));
    if (!valid) return null;
    return { id: jobTrainerId(job.id), name: `trainer of retraining job ${job.id}`, kind: 'service', roles: ['trainer'], credential: 'job-token', jobId: job.id };
  }
}

function hashOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
