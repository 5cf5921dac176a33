import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * Signed statements "the chain had this hash at this position". The signature is made with a key the
 * database does not hold, so a checkpoint cannot be forged by rewriting the database; each one is also
 * written to the log and served for export, so deleting them here does not erase them.
 */
@Schema({ collection: 'audit_checkpoints', versionKey: false })
export class AuditCheckpointDocument {
  @Prop({ required: true })
  seq: number;

  @Prop({ required: true })
  hash: string;

  @Prop({ type: Date, required: true })
  at: Date;

  @Prop({ required: true })
  keyId: string;

  /** Compact JWS (EdDSA) over `{ seq, hash, at }`. */
  @Prop({ required: true })
  jws: string;
}

export const AuditCheckpointSchema = SchemaFactory.createForClass(AuditCheckpointDocument);
AuditCheckpointSchema.index({ seq: 1, keyId: 1 }, { unique: true });
