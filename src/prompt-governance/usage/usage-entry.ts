import type { UsageFlag, UsageOutcome } from '../../../libs/contracts/src/index.js';

/** One execution of a version as the client reports it, after validation. */
export interface UsageReport {
  /** The client's own id for the execution: a retried report with the same id is recorded once. */
  id: string;
  caller: string;
  timestamp: Date;
  latencyMs: number;
  tokensIn: number;
  tokensOut: number;
  cost: number;
  outcome: UsageOutcome;
  errorCode: string | null;
  variables: Record<string, string> | null;
  variablesHash: string | null;
  output: string | null;
}

/** A recorded execution. */
export interface UsageEntry {
  id: string;
  entryId: string;
  templateId: string;
  version: number;
  caller: string;
  timestamp: Date;
  /** UTC day of the timestamp, YYYY-MM-DD: the stats group by it. */
  day: string;
  latencyMs: number;
  tokensIn: number;
  tokensOut: number;
  cost: number;
  outcome: UsageOutcome;
  errorCode: string | null;
  /** SHA-256 of the canonical JSON of the input variables. */
  variablesHash: string | null;
  /** Raw values, kept only when the template allows it. */
  variables: Record<string, string> | null;
  output: string | null;
  flags: UsageFlag[];
  flagged: boolean;
  /** Whether the version was approved when the entry was recorded. */
  approved: boolean;
  receivedAt: Date;
}

export type NewUsageEntry = Omit<UsageEntry, 'id'>;

export type UsageEntryStatus = 'recorded' | 'duplicate' | 'invalid';

export interface UsageEntryResult {
  index: number;
  id: string | null;
  status: UsageEntryStatus;
  flags?: UsageFlag[];
  errors?: { field: string; message: string }[];
}

export interface UsageFilter {
  caller?: string;
  outcome?: UsageOutcome;
  flagged?: boolean;
  from?: Date;
  to?: Date;
}
