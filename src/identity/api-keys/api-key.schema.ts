import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

import type { ActorRef, Role } from '../../common/auth/principal.js';
import { type PendingAudit } from '../../audit/index.js';
import type { ApiKeyOwner } from './api-key.js';

@Schema({ collection: 'api_keys', timestamps: { createdAt: true, updatedAt: false }, minimize: false, versionKey: false })
export class ApiKeyDocument {
  @Prop({ required: true })
  name: string;

  /** SHA-256 of the whole secret; the secret itself is shown once and never stored. */
  @Prop({ required: true })
  secretHash: string;

  @Prop({ required: true })
  prefix: string;

  @Prop({ type: Object, required: true })
  owner: ApiKeyOwner;

  @Prop({ type: [String], required: true })
  roles: Role[];

  @Prop({ type: [String], default: [] })
  trainerQueues: string[];

  @Prop({ type: Date, default: null })
  expiresAt: Date | null;

  @Prop({ type: Object, required: true })
  createdBy: ActorRef;

  @Prop({ type: Date, default: null })
  revokedAt: Date | null;

  @Prop({ type: Object, default: null })
  revokedBy: ActorRef | null;

  @Prop({ type: Date, default: null })
  lastUsedAt: Date | null;

  /** Set on the key made from BOOTSTRAP_ADMIN_KEY: unique, so replicas booting together make it once. */
  @Prop({ type: String })
  bootstrap?: string;

  @Prop({ type: [Object], default: [] })
  pendingAudit: PendingAudit[];

  createdAt: Date;
}

export const ApiKeySchema = SchemaFactory.createForClass(ApiKeyDocument);
ApiKeySchema.index({ secretHash: 1 }, { unique: true });
ApiKeySchema.index({ bootstrap: 1 }, { unique: true, sparse: true });
ApiKeySchema.index({ 'owner.id': 1, createdAt: -1 });
ApiKeySchema.index({ 'pendingAudit.at': 1 });
