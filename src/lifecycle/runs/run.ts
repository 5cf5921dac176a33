import type { RunStatus } from '../../../libs/contracts/src/index.js';

export interface RunArtifact {
  name: string;
  uri: string;
  type: string;
  sizeBytes: number | null;
  checksum: string | null;
  createdAt: Date;
}

/** A run as the rest of the platform sees it: plain data, no database types. */
export interface Run {
  id: string;
  experimentId: string;
  name: string;
  status: RunStatus;
  startTime: Date;
  endTime: Date | null;
  /** Root location of the run's artifacts, if the trainer declared one. */
  artifactUri: string | null;
  params: Record<string, string>;
  /** Latest value of each metric key (by step, then timestamp); may be NaN or ±Infinity. */
  latestMetrics: Record<string, number>;
  tags: Record<string, string>;
  artifacts: RunArtifact[];
  createdAt: Date;
  updatedAt: Date;
}

export interface NewRun {
  experimentId: string;
  /** A name is made from the id when none is given. */
  name: string | null;
  startTime: Date;
  artifactUri: string | null;
  params: Record<string, string>;
  tags: Record<string, string>;
  /** A caller that may repeat the creation (a replayed queue job) names it; the same key yields the same run. */
  idempotencyKey?: string;
}

export type NewRunArtifact = Omit<RunArtifact, 'createdAt'>;
