import { Module } from '@nestjs/common';

import { PeriodicWork } from './periodic-work.js';

/** Periodic work on BullMQ job schedulers, for the modules that own such work; needs the queue connection (QueueModule). */
@Module({
  providers: [PeriodicWork],
  exports: [PeriodicWork],
})
export class SchedulingModule {}
