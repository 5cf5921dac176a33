/** A signed checkpoint of the chain head. */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  at: Date;
  keyId: string;
  jws: string;
}

/** What a checkpoint's signature covers. */
export interface CheckpointClaims {
  seq: number;
  hash: string;
  at: string;
}
