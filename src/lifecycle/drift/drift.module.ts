import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

import { AuditModule } from '../../audit/index.js';
import { RegistryModule } from '../registry/registry.module.js';
import { DriftEventNotices } from './drift-event-notices.js';
import { DriftEventDocument, DriftEventSchema } from './drift-event.schema.js';
import { DriftEventsController } from './drift-events.controller.js';
import { DriftEventsRepository } from './drift-events.repository.js';
import { DriftEventsService } from './drift-events.service.js';
import { DriftRetrainingView } from './drift-retraining-view.js';

@Module({
  imports: [AuditModule, MongooseModule.forFeature([{ name: DriftEventDocument.name, schema: DriftEventSchema }]), RegistryModule],
  controllers: [DriftEventsController],
  providers: [DriftEventNotices, DriftEventsRepository, DriftEventsService, DriftRetrainingView],
  // The notices and the retraining view are the ports of the module that reacts to drift (retraining).
  exports: [DriftEventNotices, DriftEventsService, DriftRetrainingView],
})
export class DriftModule {}
