import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';

import { RETRAINING_QUEUE } from '../../libs/contracts/src/index.js';
import { EVALUATION_QUEUE } from '../evaluation/index.js';
import { IdentityModule } from '../identity/index.js';
import { dashboardQueuesProvider, QueueDashboard } from './queue-dashboard.js';

const QUEUES = [EVALUATION_QUEUE, RETRAINING_QUEUE];

/** Operator pages of the API process: the queue dashboard over every queue the domains use. */
@Module({
  imports: [BullModule.registerQueue(...QUEUES.map((name) => ({ name }))), IdentityModule],
  providers: [dashboardQueuesProvider(QUEUES), QueueDashboard],
})
export class AdminModule {}
