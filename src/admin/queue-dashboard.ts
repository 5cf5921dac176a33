import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Queue } from 'bullmq';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
export const DASHBOARD_QUEUES = Symbol('DASHBOARD_QUEUES');

/**
 * Bull Board for every queue of the platform at /admin/queues. Mounted on the Express instance itself,
 * outside the /api/v1 prefix and its JSON error format: it is an operator's page, not part of the API.
 */
@Injectable()
export class QueueDashboard implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(DASHBOARD_QUEUES) private readonly queues: Queue[],
  ) {}

  onModuleInit(): void {
    const http = this.adapterHost.httpAdapter;
    if (!http) return;
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({ queues: this.queues.map((queue) => new BullMQAdapter(queue)), serverAdapter });
    http.use(QUEUE_DASHBOARD_PATH, serverAdapter.getRouter());
  }
}

export function dashboardQueuesProvider(names: string[]) {
  return { provide: DASHBOARD_QUEUES, inject: names.map((name) => getQueueToken(name)), useFactory: (...queues: Queue[]) => queues };
}
