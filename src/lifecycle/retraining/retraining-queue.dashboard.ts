import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Queue } from 'bullmq';

import { RETRAINING_EXTERNAL_QUEUE, RETRAINING_QUEUE } from '../../../libs/contracts/src/index.js';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * Bull Board for the retraining queues at /admin/queues. Mounted on the Express instance itself, outside the
 * /api/v1 prefix and its JSON error format: it is an operator's page, not part of the API.
 */
@Injectable()
export class RetrainingQueueDashboard implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @InjectQueue(RETRAINING_QUEUE) private readonly platformQueue: Queue,
    @InjectQueue(RETRAINING_EXTERNAL_QUEUE) private readonly externalQueue: Queue,
  ) {}

  onModuleInit(): void {
    const http = this.adapterHost.httpAdapter;
    if (!http) return;
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({ queues: [new BullMQAdapter(this.platformQueue), new BullMQAdapter(this.externalQueue)], serverAdapter });
    http.use(QUEUE_DASHBOARD_PATH, serverAdapter.getRouter());
  }
}
