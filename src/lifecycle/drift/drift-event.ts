import type { DriftSeverity, DriftStatistic, DriftStatus } from '../../../libs/contracts/src/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import type { DriftDirection, SeverityBands } from './drift-severity.js';

export interface DriftNote {
  status: DriftStatus;
  note: string;
  by: ActorRef;
  at: Date;
}

/** Where retraining stands for an event; written by the retraining pipeline, which drift knows nothing about. */
export interface DriftRetrainingStatus {
  /** The retraining job serving the event; null when the event triggered none (`detail` says why). */
  jobId: string | null;
  /** The job's state (PENDING_ENQUEUE, QUEUED, RUNNING, ... SUCCEEDED), or NOT_TRIGGERED. */
  state: string;
  detail: string | null;
  /** The model version the job registered: the event is handled by it. */
  modelVersion: number | null;
  updatedAt: Date;
}

/**
 * The subscriber of the "recorded" notice: called with each stored event (in the request, or later by its own
 * sweep of pending notices), it answers where retraining stands for the event, which drift stores as it clears
 * the notice. A failure leaves the notice pending; it never undoes the recording.
 */
export type DriftEventRecordedHandler = (event: DriftEvent) => Promise<DriftRetrainingStatus>;

/** One drift observation on a model (and optionally one of its versions), as the platform sees it. */
export interface DriftEvent {
  id: string;
  modelName: string;
  modelVersion: number | null;
  features: string[];
  statistic: DriftStatistic;
  /** The statistic's own name when `statistic` is CUSTOM. */
  statisticName: string | null;
  value: number;
  threshold: number;
  direction: DriftDirection;
  bands: SeverityBands;
  severity: DriftSeverity;
  /** Whether the caller gave the severity or the platform derived it from value and bands. */
  severitySource: 'GIVEN' | 'DERIVED';
  detectedAt: Date;
  responsePlan: string;
  status: DriftStatus;
  notes: DriftNote[];
  recordedBy: ActorRef | null;
  retraining: DriftRetrainingStatus | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewDriftEvent = Omit<DriftEvent, 'id' | 'status' | 'notes' | 'retraining' | 'createdAt' | 'updatedAt'>;

export interface DriftEventFilter {
  modelName?: string;
  modelVersion?: number;
  severity?: DriftSeverity;
  status?: DriftStatus;
  from?: Date;
  to?: Date;
}

/** OPEN → ACKNOWLEDGED → RESOLVED, or straight to RESOLVED; a resolved event is closed. */
const DRIFT_TRANSITIONS: Readonly<Record<DriftStatus, readonly DriftStatus[]>> = {
  OPEN: ['ACKNOWLEDGED', 'RESOLVED'],
  ACKNOWLEDGED: ['RESOLVED'],
  RESOLVED: [],
};

export function statusesThatMayMoveTo(target: DriftStatus): DriftStatus[] {
  return (Object.keys(DRIFT_TRANSITIONS) as DriftStatus[]).filter((from) => DRIFT_TRANSITIONS[from].includes(target));
}
