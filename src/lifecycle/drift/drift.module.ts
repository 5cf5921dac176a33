import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

import { AuditModule } from '../../audit/audit.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import { DriftEventDocument, DriftEventSchema } from './drift-event.schema.js';
import { DriftEventsController } from './drift-events.controller.js';
import { DriftEventsRepository } from './drift-events.repository.js';
import { DriftEventsService } from './drift-events.service.js';

@Module({
  imports: [AuditModule, MongooseModule.forFeature([{ name: DriftEventDocument.name, schema: DriftEventSchema }]), RegistryModule],
  controllers: [DriftEventsController],
  providers: [DriftEventsRepository, DriftEventsService],
  exports: [DriftEventsService],
})
export class DriftModule {}
